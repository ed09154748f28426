import { withFiniteRowsDetected } from '../nanPolicy.js';
import { assertInteger, assertSameLength, outputArray } from '../parameters.js';
import { StreamingIndicator } from '../StreamingIndicator.js';
import { trueRangeOf } from './trange.js';

/**
 * Average true range (TA-Lib ATR, default period 14): Wilder's smoothing of the true range,
 * the typical distance price travels in a bar, for stop distances and position sizing.
 * Seeded as TA-Lib does: the first value, at bar `period`, is the simple mean of the true
 * ranges of bars 1..period (bar 0 has none); then atr = (atr * (period - 1) + tr) / period.
 * Period 1 is the true range itself. Computed as atr * ((period - 1) / period) + tr / period,
 * which agrees with TA-Lib's division to about 1e-15 relative and is twice as fast.
 * Type: volatility. @see https://ta-lib.org/functions/atr/
 */
export function atrLookback(period = 14): number {
  assertInteger('ATR', 'period', period, 1);
  return period;
}

export function atr(high: Float64Array, low: Float64Array, close: Float64Array, period = 14, out?: Float64Array): Float64Array {
  atrLookback(period);
  const length = assertSameLength('ATR', { high, low, close });
  const result = outputArray('ATR', length, out);
  // The kernel notices a non-finite input itself (one pass over memory instead of two); only
  // then does the missing-value path run.
  withFiniteRowsDetected([high, low, close], [result], ([h, l, c], [y]) => atrKernel(h, l, c, period, y));
  return result;
}

/**
 * One fused loop (true range and smoothing, no intermediate array): speed is the product.
 * The recursion is unrolled four bars at a time so that the dependency chain through the
 * average costs one multiply-add per four bars instead of one per bar:
 * atr[i+j] = atr[i-1] * k^(j+1) + (partial sums of the new true ranges / period).
 * Returns false when an input was non-finite (the output is then not valid): a NaN or an
 * infinity in a close makes the average non-finite for good, one in a high or low makes the
 * running sum of high - low `spread` non-finite, and `close[n - 1]`, never read by the
 * average, is checked on its own.
 */
export function atrKernel(high: Float64Array, low: Float64Array, close: Float64Array, period: number, y: Float64Array): boolean {
  const n = high.length;
  if (n <= period) {
    // No value whatever the missing rows: nothing to check.
    y.fill(NaN);
    return true;
  }
  y[0] = NaN;
  let previousClose = close[0];
  let sum = 0;
  let spread = high[0] - low[0];
  for (let i = 1; i <= period; i++) {
    spread += high[i] - low[i];
    sum += Math.max(high[i], previousClose) - Math.min(low[i], previousClose);
    previousClose = close[i];
    y[i] = NaN;
  }
  let average = sum / period;
  y[period] = average;
  const k = (period - 1) / period;
  const inverse = 1 / period;
  const k2 = k * k;
  const k3 = k2 * k;
  const k4 = k3 * k;
  let i = period + 1;
  for (; i + 3 < n; i += 4) {
    const h0 = high[i];
    const h1 = high[i + 1];
    const h2 = high[i + 2];
    const h3 = high[i + 3];
    const l0 = low[i];
    const l1 = low[i + 1];
    const l2 = low[i + 2];
    const l3 = low[i + 3];
    const c0 = close[i];
    const c1 = close[i + 1];
    const c2 = close[i + 2];
    spread += h0 - l0 + (h1 - l1) + (h2 - l2 + (h3 - l3));
    const u0 = (Math.max(h0, previousClose) - Math.min(l0, previousClose)) * inverse;
    const u1 = (Math.max(h1, c0) - Math.min(l1, c0)) * inverse;
    const u2 = (Math.max(h2, c1) - Math.min(l2, c1)) * inverse;
    const u3 = (Math.max(h3, c2) - Math.min(l3, c2)) * inverse;
    previousClose = close[i + 3];
    const s1 = u0 * k + u1;
    const s2 = s1 * k + u2;
    const s3 = s2 * k + u3;
    y[i] = average * k + u0;
    y[i + 1] = average * k2 + s1;
    y[i + 2] = average * k3 + s2;
    average = average * k4 + s3;
    y[i + 3] = average;
  }
  for (; i < n; i++) {
    spread += high[i] - low[i];
    average = average * k + (Math.max(high[i], previousClose) - Math.min(low[i], previousClose)) * inverse;
    previousClose = close[i];
    y[i] = average;
  }
  return Number.isFinite(average + spread) && Number.isFinite(previousClose);
}

export class ATR extends StreamingIndicator {
  readonly lookback: number;
  private readonly k: number;
  private readonly inverse: number;
  private previousClose = NaN;
  private sum = 0;
  private average = NaN;
  private formingClose = NaN;
  private formingSum = 0;

  constructor(readonly period = 14) {
    super();
    this.lookback = atrLookback(period);
    this.k = (period - 1) / period;
    this.inverse = 1 / period;
  }

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
    if (this.count === 1) {
      this.value = NaN;
      return;
    }
    const range = trueRangeOf(high, low, this.previousClose);
    if (this.average === this.average) {
      this.value = this.average * this.k + range * this.inverse;
    } else {
      this.formingSum = this.sum + range;
      this.value = this.count > this.period ? this.formingSum / this.period : NaN;
    }
  }

  protected commit(): void {
    this.previousClose = this.formingClose;
    if (this.value === this.value) this.average = this.value;
    else this.sum = this.formingSum;
  }

  protected clear(): void {
    this.previousClose = NaN;
    this.sum = 0;
    this.formingSum = 0;
    this.average = NaN;
  }
}
