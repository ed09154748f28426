import { TickforgeError } from '../../core/errors.js';

/** Swing pivots: a swing high is higher than the `swingLeft` bars before it and not lower than the `swingRight` bars after it. */
export interface SwingOptions {
  /** Bars before the pivot it must exceed strictly. Default 5. */
  swingLeft?: number;
  /** Bars after the pivot it must not be exceeded by; the swing is confirmed (and reported) this many bars later. Default 5. */
  swingRight?: number;
}

export interface StructureBreakOptions extends SwingOptions {
  /** What must cross a swing level to break it: the bar's close (default) or its wick (high/low). */
  breakBy?: 'close' | 'wick';
}

export interface AtrOptions {
  /** Period of the ATR (TA-Lib definition) that the ATR-sized thresholds use. Default 14. */
  atrPeriod?: number;
}

export interface FairValueGapOptions extends AtrOptions {
  /** Smallest gap reported, in ATRs at the gap's bar; 0 (default) reports every gap. */
  gapMinimumSize?: number;
  /** What fills a gap completely: a wick through its far side (default) or a close beyond it. */
  gapFillBy?: 'wick' | 'close';
}

export interface EqualLevelOptions extends SwingOptions, AtrOptions {
  /** How far apart two swing prices may be and still count as equal. Default 0.1 (ATRs). */
  equalTolerance?: number;
  /** Unit of `equalTolerance`: ATRs at the later swing's confirmation (default) or a fraction of its price. */
  equalToleranceUnit?: 'atr' | 'relative';
}

export type OrderBlockOptions = StructureBreakOptions;
export type DealingRangeOptions = SwingOptions;

/** Every option of the structure analysis; each detector reads its own subset. */
export interface StructureOptions extends StructureBreakOptions, FairValueGapOptions, EqualLevelOptions {}

export type ResolvedStructureOptions = Required<StructureOptions>;

export const defaultStructureOptions: ResolvedStructureOptions = Object.freeze({
  swingLeft: 5,
  swingRight: 5,
  breakBy: 'close',
  atrPeriod: 14,
  gapMinimumSize: 0,
  gapFillBy: 'wick',
  equalTolerance: 0.1,
  equalToleranceUnit: 'atr',
});

/** Fills defaults and checks every value. @throws TF_ERR_CORE_ARGUMENT_INVALID naming the option, the value and what is allowed. */
export function resolveStructureOptions(options: StructureOptions = {}): ResolvedStructureOptions {
  const resolved = { ...defaultStructureOptions } as ResolvedStructureOptions;
  let given = 0;
  for (const [key, value] of Object.entries(options) as [keyof StructureOptions, unknown][]) {
    if (value === undefined) continue;
    (resolved as unknown as Record<string, unknown>)[key] = value;
    given++;
  }
  // The defaults need no checking (a universe scan resolves them once per series).
  if (given === 0) return resolved;
  integer('swingLeft', resolved.swingLeft, 1, 1_000);
  integer('swingRight', resolved.swingRight, 1, 1_000);
  integer('atrPeriod', resolved.atrPeriod, 1, 100_000);
  finite('gapMinimumSize', resolved.gapMinimumSize);
  finite('equalTolerance', resolved.equalTolerance);
  choice('breakBy', resolved.breakBy, ['close', 'wick']);
  choice('gapFillBy', resolved.gapFillBy, ['wick', 'close']);
  choice('equalToleranceUnit', resolved.equalToleranceUnit, ['atr', 'relative']);
  return resolved;
}

function fail(name: string, value: unknown, allowed: string): never {
  throw new TickforgeError('TF_ERR_CORE_ARGUMENT_INVALID', `Market structure option ${name} must be ${allowed}, got ${JSON.stringify(value)}.`, {
    details: { option: name, value },
  });
}

function integer(name: string, value: unknown, min: number, max: number): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) fail(name, value, `a whole number from ${min} to ${max}`);
}

function finite(name: string, value: unknown): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) fail(name, value, 'a finite number >= 0');
}

function choice(name: string, value: unknown, allowed: readonly string[]): void {
  if (typeof value !== 'string' || !allowed.includes(value)) fail(name, value, `one of ${allowed.map((a) => `'${a}'`).join(', ')}`);
}
