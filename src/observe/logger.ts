import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { pino, type Logger, type LevelWithSilent } from 'pino';

export type { Logger } from 'pino';

export interface LoggerOptions {
  level?: LevelWithSilent;
  /** `auto` is pretty on a TTY and JSON lines otherwise. */
  format?: 'auto' | 'json' | 'pretty';
  /** Where JSON lines go; defaults to standard error so command output on stdout stays clean. */
  destination?: NodeJS.WritableStream;
  name?: string;
}

const correlation = new AsyncLocalStorage<{ correlationId: string }>();

/**
 * Runs `work` with a correlation id that every log line written inside it (across awaits,
 * timers and promise chains) carries as `correlationId`.
 */
export function withCorrelationId<T>(work: () => T, correlationId: string = randomUUID()): T {
  return correlation.run({ correlationId }, work);
}

export function currentCorrelationId(): string | undefined {
  return correlation.getStore()?.correlationId;
}

/** A pino logger whose every line carries the correlation id of the async context it runs in. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const destination = options.destination ?? process.stderr;
  const format = options.format ?? 'auto';
  const pretty = format === 'pretty' || (format === 'auto' && (destination as { isTTY?: boolean }).isTTY === true);
  const settings = {
    name: options.name ?? 'tickforge',
    level: options.level ?? 'info',
    mixin: () => {
      const id = currentCorrelationId();
      return id === undefined ? {} : { correlationId: id };
    },
  };
  if (pretty) {
    return pino(settings, pino.transport({ target: 'pino-pretty', options: { destination: 2, colorize: true, ignore: 'pid,hostname' } }));
  }
  return pino(settings, destination as pino.DestinationStream);
}
