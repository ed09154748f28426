import { withFiniteRowsDetected } from '../nanPolicy.js';
import { assertSameLength, outputArray } from '../parameters.js';
import { StreamingIndicator } from '../StreamingIndicator.js';

/**
 * On-balance volume: a running total that adds the bar's volume when the close rises, subtracts
 * it when the close falls and leaves it unchanged when the close repeats; traders watch it for
 * volume confirming (or diverging from) price. As TA-Lib OBV, the line starts at the first
 * bar's volume (obv[0] = volume[0]) and has no warm-up (lookback 0).
 * Type: volume. @see https://ta-lib.org/functions/obv/
 */
export function obvLookback(): number {
  return 0;
}

export function obv(close: Float64Array, volume: Float64Array, out?: Float64Array): Float64Array {
  const length = assertSameLength('OBV', { close, volume });
  const result = outputArray('OBV', length, out);
  // The kernel checks its inputs as it goes, saving the separate missing-value scan (a third
  // of the time); only when it meets a non-finite input is the series recomputed by the policy.
  withFiniteRowsDetected([close, volume], [result], ([c, v], [y]) => obvKernel(c, v, y));
  return result;
}

/**
 * Hand-written loop with the state in locals, because this kernel is on the benchmark's hot
 * path. The up/down choice is arithmetic on the comparisons (+1, 0 or -1 times the volume),
 * not a branch: a random walk's direction is unpredictable, and a mispredicted branch per bar
 * costs four times the loop.
 * Returns false when an input was not finite (NaN or ±Infinity reach `total` or `check`).
 */
function obvKernel(close: Float64Array, volume: Float64Array, y: Float64Array): boolean {
  const n = close.length;
  if (n === 0) return true;
  let total = volume[0];
  let previous = close[0];
  let check = previous;
  y[0] = total;
  // Two bars per step, each running sum taking one addition per two bars (the bars' two
  // signed volumes added together first), so that neither addition chain bounds the loop.
  // With whole volumes every sum is exact and equals TA-Lib's in any order; with fractional
  // volumes the last bits can differ from TA-Lib's bar-by-bar sum.
  let i = 1;
  for (; i + 1 < n; i += 2) {
    const first = close[i];
    const second = close[i + 1];
    check += first + second;
    const firstVolume = (+(first > previous) - +(first < previous)) * volume[i];
    const secondVolume = (+(second > first) - +(second < first)) * volume[i + 1];
    y[i] = total + firstVolume;
    total += firstVolume + secondVolume;
    y[i + 1] = total;
    previous = second;
  }
  if (i < n) {
    const c = close[i];
    check += c;
    total += (+(c > previous) - +(c < previous)) * volume[i];
    y[i] = total;
  }
  // x - x is 0 for finite x and NaN otherwise. A legitimately overflowing sum of closes only
  // sends the work through the (equal) policy path.
  return check - check === 0 && total - total === 0;
}

export class OBV extends StreamingIndicator {
  readonly lookback = 0;
  private total = 0;
  private previousClose = NaN;
  private formingClose = 0;

  update(close: number, volume: number): number {
    if (this.begin(true, Number.isFinite(close) && Number.isFinite(volume))) this.compute(close, volume);
    return this.value;
  }

  replace(close: number, volume: number): number {
    if (this.begin(false, Number.isFinite(close) && Number.isFinite(volume))) this.compute(close, volume);
    return this.value;
  }

  private compute(close: number, volume: number): void {
    this.formingClose = close;
    const previous = this.previousClose;
    if (previous !== previous) this.value = volume;
    else if (close > previous) this.value = this.total + volume;
    else if (close < previous) this.value = this.total - volume;
    else this.value = this.total;
  }

  protected commit(): void {
    this.total = this.value;
    this.previousClose = this.formingClose;
  }

  protected clear(): void {
    this.total = 0;
    this.previousClose = NaN;
  }
}
