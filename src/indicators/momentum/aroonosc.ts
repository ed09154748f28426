import { withFiniteRows } from '../nanPolicy.js';
import { assertInteger, assertSameLength, outputArray } from '../parameters.js';
import { StreamingIndicator } from '../StreamingIndicator.js';
import { aroonKernel, AroonWindow } from './aroon.js';

/**
 * Aroon oscillator (TA-Lib AROONOSC, default period 14): Aroon up minus Aroon down, computed as
 * TA-Lib does as 100 / period * (index of the highest high - index of the lowest low) over
 * the last period + 1 bars; from -100 (fresh lows, stale highs) to +100. Ties go to the most
 * recent bar. First value at bar `period`.
 * Type: momentum. @see https://ta-lib.org/functions/aroonosc/
 */
export function aroonoscLookback(period = 14): number {
  assertInteger('AROONOSC', 'period', period, 2);
  return period;
}

export function aroonosc(high: Float64Array, low: Float64Array, period = 14, out?: Float64Array): Float64Array {
  aroonoscLookback(period);
  const length = assertSameLength('AROONOSC', { high, low });
  const result = outputArray('AROONOSC', length, out);
  withFiniteRows([high, low], [result], ([h, l], [y]) => aroonKernel(h, l, period, undefined, undefined, y));
  return result;
}

export class AROONOSC extends StreamingIndicator {
  readonly lookback: number;
  private readonly window: AroonWindow;
  private readonly factor: number;

  constructor(readonly period = 14) {
    super();
    this.lookback = aroonoscLookback(period);
    this.window = new AroonWindow(period);
    this.factor = 100.0 / period;
  }

  update(high: number, low: number): number {
    if (this.begin(true, Number.isFinite(high) && Number.isFinite(low))) this.compute(high, low);
    return this.value;
  }

  replace(high: number, low: number): number {
    if (this.begin(false, Number.isFinite(high) && Number.isFinite(low))) this.compute(high, low);
    return this.value;
  }

  private compute(high: number, low: number): void {
    const index = this.count - 1;
    this.window.compute(high, low, index);
    this.value = index < this.period ? NaN : this.factor * (this.window.highest - this.window.lowest);
  }

  protected commit(): void {
    this.window.commit(this.count - 1);
  }

  protected clear(): void {
    this.window.clear();
  }
}
