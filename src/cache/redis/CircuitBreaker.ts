import type { Logger } from '../../observe/logger.js';

export type CircuitState = 'closed' | 'open' | 'half-open';

export interface CircuitBreakerOptions {
  /** Consecutive failures (errors or timeouts) that open the circuit. */
  failureThreshold: number;
  /** How long the circuit stays open before one probe call is let through. */
  cooldownMs: number;
  /** What is guarded, for the log lines ("redis 127.0.0.1:6379 db 0"). */
  name: string;
  logger?: Logger;
  onStateChange?: (state: CircuitState, previous: CircuitState) => void;
  now?: () => number;
}

/**
 * Closed: calls go through and consecutive failures are counted. Open: calls are refused at
 * once (the caller treats that as a miss or a no-op) until the cooldown has passed. Half-open:
 * exactly one call, the probe, goes through; its success closes the circuit, its failure opens
 * it for another cooldown.
 *
 * Hand-written rather than opossum: opossum wraps each call in its own promise and timer and
 * trips on an error percentage over a rolling window, while this tier wants a synchronous
 * "may I call Redis?" check on its hot path and a trip on N consecutive failures.
 */
export class CircuitBreaker {
  private current: CircuitState = 'closed';
  private failures = 0;
  private openedAt = 0;
  private probeStartedAt = 0;
  private lastError = '';
  private readonly now: () => number;
  private readonly listeners = new Set<(state: CircuitState, previous: CircuitState) => void>();

  constructor(private readonly options: CircuitBreakerOptions) {
    this.now = options.now ?? Date.now;
    if (options.onStateChange !== undefined) this.listeners.add(options.onStateChange);
  }

  state(): CircuitState {
    return this.current;
  }

  /** Adds a state listener; returns its removal. */
  onStateChange(listener: (state: CircuitState, previous: CircuitState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * True when a call may go to the guarded service now. When the cooldown has passed, the
   * caller that gets true is the probe and must report its outcome.
   */
  tryAcquire(): boolean {
    if (this.current === 'closed') return true;
    const now = this.now();
    if (this.current === 'open') {
      if (now - this.openedAt < this.options.cooldownMs) return false;
      this.probeStartedAt = now;
      this.transition('half-open');
      return true;
    }
    // Half-open with a probe in flight. A probe whose outcome never came back (it cannot
    // happen with the command timeout, but a breaker must not wedge) is replaced after a cooldown.
    if (now - this.probeStartedAt < this.options.cooldownMs) return false;
    this.probeStartedAt = now;
    return true;
  }

  recordSuccess(): void {
    this.failures = 0;
    if (this.current !== 'closed') this.transition('closed');
  }

  recordFailure(error?: unknown): void {
    if (error !== undefined) this.lastError = error instanceof Error ? error.message : String(error);
    if (this.current === 'half-open') {
      this.open();
      return;
    }
    if (this.current === 'closed' && ++this.failures >= this.options.failureThreshold) this.open();
  }

  private open(): void {
    this.openedAt = this.now();
    this.failures = 0;
    this.transition('open');
  }

  private transition(state: CircuitState): void {
    const previous = this.current;
    if (previous === state) return;
    this.current = state;
    const { logger, name, cooldownMs, failureThreshold } = this.options;
    if (state === 'open') {
      const why = previous === 'half-open' ? 'the probe failed' : `${failureThreshold} consecutive failures`;
      logger?.warn(
        { breaker: name, state, previous, lastError: this.lastError },
        `${name}: circuit open after ${why} (last: ${this.lastError}); calls skip it for ${cooldownMs} ms, then one probe`,
      );
    } else if (state === 'half-open') {
      logger?.info({ breaker: name, state, previous }, `${name}: circuit half-open, probing with one call`);
    } else {
      logger?.info({ breaker: name, state, previous }, `${name}: circuit closed, calls go through again`);
    }
    for (const listener of this.listeners) {
      try {
        listener(state, previous);
      } catch (error) {
        logger?.error({ err: error, breaker: name }, `${name}: a circuit state listener threw`);
      }
    }
  }
}
