import { InvalidArgumentError } from 'commander';

/** `period=14,type=ema` -> { period: 14, type: 'ema' }; numbers become numbers. */
export function parseParameters(text: string): Record<string, number | string> {
  const parameters: Record<string, number | string> = {};
  for (const pair of text.split(',').map((p) => p.trim()).filter((p) => p !== '')) {
    const equals = pair.indexOf('=');
    if (equals <= 0 || equals === pair.length - 1) throw new InvalidArgumentError(`"${pair}" is not name=value (e.g. period=14,nbdevup=2).`);
    const name = pair.slice(0, equals).trim();
    const raw = pair.slice(equals + 1).trim();
    parameters[name] = raw !== '' && Number.isFinite(Number(raw)) ? Number(raw) : raw;
  }
  return parameters;
}
