import { withFiniteRows } from '../nanPolicy.js';
import { assertSameLength, outputArray } from '../parameters.js';
import { StreamingIndicator } from '../StreamingIndicator.js';

/**
 * The true range of one bar: the largest of high - low, |previous close - high| and
 * |previous close - low|, i.e. the bar's range stretched to cover a gap from the previous
 * close. Written as max(high, previous close) - min(low, previous close), which performs
 * the very subtraction TA-Lib keeps as its maximum, so the result is identical.
 */
export function trueRangeOf(high: number, low: number, previousClose: number): number {
  return Math.max(high, previousClose) - Math.min(low, previousClose);
}

/**
 * True range (TA-Lib TRANGE): how far price travelled in a bar, gaps from the previous close
 * included; the raw material of ATR, NATR, ADX and Keltner Channels. The first bar has no
 * previous close, so the lookback is 1 (TA-Lib: the first value is at bar 1, not the
 * high-low range of bar 0).
 * Type: volatility. @see https://ta-lib.org/functions/trange/
 */
export function trangeLookback(): number {
  return 1;
}

export function trange(high: Float64Array, low: Float64Array, close: Float64Array, out?: Float64Array): Float64Array {
  const length = assertSameLength('TRANGE', { high, low, close });
  const result = outputArray('TRANGE', length, out);
  withFiniteRows([high, low, close], [result], ([h, l, c], [y]) => trangeKernel(h, l, c, y));
  return result;
}

/** A hand-written loop over typed arrays: speed is the product, and this feeds every ATR user. */
function trangeKernel(high: Float64Array, low: Float64Array, close: Float64Array, y: Float64Array): void {
  const n = high.length;
  if (n === 0) return;
  y[0] = NaN;
  let previousClose = close[0];
  for (let i = 1; i < n; i++) {
    y[i] = Math.max(high[i], previousClose) - Math.min(low[i], previousClose);
    previousClose = close[i];
  }
}

export class TRANGE extends StreamingIndicator {
  readonly lookback = 1;
  private previousClose = NaN;
  private formingClose = NaN;

  update(high: number, low: number, close: number): number {
    if (this.begin(true, Number.isFinite(high) && Number.isFinite(low) && Number.isFinite(close))) this.compute(high, low, close);
    return this.value;
  }

  replace(high: number, low: number, close: number): number {
    if (this.begin(false, Number.isFinite(high) && Number.isFinite(low) && Number.isFinite(close))) this.compute(high, low, close);
    return this.value;
  }

  private compute(high: number, low: number, close: number): void {
    this.formingClose = close;
    this.value = this.count > 1 ? trueRangeOf(high, low, this.previousClose) : NaN;
  }

  protected commit(): void {
    this.previousClose = this.formingClose;
  }

  protected clear(): void {
    this.previousClose = NaN;
    this.formingClose = NaN;
  }
}
