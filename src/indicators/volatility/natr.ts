import { withFiniteRows } from '../nanPolicy.js';
import { assertInteger, assertSameLength, outputArray } from '../parameters.js';
import { StreamingIndicator } from '../StreamingIndicator.js';
import { ATR, atrKernel } from './atr.js';

/**
 * Normalized average true range (TA-Lib NATR, default period 14): ATR / close * 100, the
 * typical bar's travel as a percentage of price, comparable across symbols and price levels.
 * Like TA-Lib, a close within 1e-14 of zero gives 0 (TA-Lib's C code leaves that slot
 * unwritten; tickforge writes 0). Period 1 is the true range / close * 100, where TA-Lib's
 * NATR(1) returns the bare true range.
 * Type: volatility. @see https://ta-lib.org/functions/natr/
 */
export function natrLookback(period = 14): number {
  assertInteger('NATR', 'period', period, 1);
  return period;
}

export function natr(high: Float64Array, low: Float64Array, close: Float64Array, period = 14, out?: Float64Array): Float64Array {
  natrLookback(period);
  const length = assertSameLength('NATR', { high, low, close });
  const result = outputArray('NATR', length, out);
  if (!atrKernel(high, low, close, period, result)) withFiniteRows([high, low, close], [result], ([h, l, c], [y]) => atrKernel(h, l, c, period, y));
  // Rows that are NaN in the ATR (warm-up, missing bars) stay NaN.
  return natrFromAtr(result, close, result);
}

/** NATR from an ATR of the same bars (the registry shares one ATR); `out` may be `atr` itself. */
export function natrFromAtr(atr: Float64Array, close: Float64Array, out: Float64Array): Float64Array {
  const n = atr.length;
  for (let i = 0; i < n; i++) out[i] = normalize(atr[i], close[i]);
  return out;
}

function normalize(average: number, close: number): number {
  if (average !== average) return NaN;
  return close > -1e-14 && close < 1e-14 ? 0 : (average / close) * 100;
}

export class NATR extends StreamingIndicator {
  readonly lookback: number;
  private readonly average: ATR;

  constructor(readonly period = 14) {
    super();
    this.lookback = natrLookback(period);
    this.average = new ATR(period);
  }

  /** The underlying ATR's value for the latest bar. */
  get atr(): number {
    return this.average.value;
  }

  update(high: number, low: number, close: number): number {
    this.average.update(high, low, close);
    if (this.begin(true, Number.isFinite(high) && Number.isFinite(low) && Number.isFinite(close))) this.compute(close);
    return this.value;
  }

  replace(high: number, low: number, close: number): number {
    this.average.replace(high, low, close);
    if (this.begin(false, Number.isFinite(high) && Number.isFinite(low) && Number.isFinite(close))) this.compute(close);
    return this.value;
  }

  private compute(close: number): void {
    const average = this.average.value;
    this.value = average === average ? normalize(average, close) : NaN;
  }

  protected commit(): void {}

  protected clear(): void {
    this.average.reset();
  }
}
