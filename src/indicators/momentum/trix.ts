import { withFiniteRows } from '../nanPolicy.js';
import { assertInteger, outputArray } from '../parameters.js';
import { StreamingIndicator } from '../StreamingIndicator.js';
import { EMA, emaKernel } from '../trend/ema.js';

/**
 * TRIX: the one-bar rate of change, in percent, of a triple-smoothed EMA of the close; the
 * triple smoothing filters out cycles shorter than the period, so traders read its sign and
 * zero crossings as the direction of the underlying trend. As TA-Lib TRIX (default period 30):
 * EMA of EMA of EMA, each seeded by the mean of its first `period` inputs, then
 * ((e3[i] / e3[i - 1]) - 1) x 100 (0 when e3[i - 1] is 0); first value at bar
 * 3 x (period - 1) + 1. Period 1 is the one-bar ROC of the close (TA-Lib 1.1.6 returns
 * garbage for period 1; tickforge does not copy that).
 * Type: momentum. @see https://ta-lib.org/functions/trix/
 */
export function trixLookback(period = 30): number {
  assertInteger('TRIX', 'period', period, 1);
  return 3 * (period - 1) + 1;
}

export function trix(close: Float64Array, period = 30, out?: Float64Array): Float64Array {
  const lookback = trixLookback(period);
  const result = outputArray('TRIX', close.length, out);
  withFiniteRows([close], [result], ([x], [y]) => {
    const n = x.length;
    const warm = Math.min(lookback, n);
    if (n > lookback) {
      // Two intermediate arrays, allocated once; each EMA runs over the previous one's values.
      const factor = 2 / (period + 1);
      const skip = period - 1;
      const first = new Float64Array(n);
      const third = new Float64Array(n);
      emaKernel(x, period, factor, 'sma', first);
      emaKernel(first.subarray(skip), period, factor, 'sma', third.subarray(skip));
      emaKernel(third.subarray(2 * skip), period, factor, 'sma', first.subarray(2 * skip));
      for (let i = lookback; i < n; i++) {
        const previous = first[i - 1];
        y[i] = previous !== 0 ? (first[i] / previous - 1) * 100 : 0;
      }
    }
    for (let i = 0; i < warm; i++) y[i] = NaN;
  });
  return result;
}

export class TRIX extends StreamingIndicator {
  readonly lookback: number;
  private readonly first: EMA;
  private readonly second: EMA;
  private readonly third: EMA;
  private previous = NaN;
  private forming = NaN;

  constructor(readonly period = 30) {
    super();
    this.lookback = trixLookback(period);
    this.first = new EMA(period);
    this.second = new EMA(period);
    this.third = new EMA(period);
  }

  update(close: number): number {
    this.begin(true, Number.isFinite(close));
    // Each EMA is NaN during its warm-up and on missing bars, which the next one skips.
    return this.read(this.third.update(this.second.update(this.first.update(close))));
  }

  replace(close: number): number {
    this.begin(false, Number.isFinite(close));
    return this.read(this.third.replace(this.second.replace(this.first.replace(close))));
  }

  private read(smoothed: number): number {
    this.forming = smoothed;
    const previous = this.previous;
    this.value = this.isReady ? (previous !== 0 ? (smoothed / previous - 1) * 100 : 0) : NaN;
    return this.value;
  }

  protected commit(): void {
    if (this.forming === this.forming) this.previous = this.forming;
  }

  protected clear(): void {
    this.first.reset();
    this.second.reset();
    this.third.reset();
    this.previous = this.forming = NaN;
  }
}
