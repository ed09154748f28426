import { withFiniteRowsDetected } from '../nanPolicy.js';
import { assertInteger, assertSameLength, outputArray } from '../parameters.js';
import { StreamingIndicator } from '../StreamingIndicator.js';
import { DirectionalCore, directionalEpsilon, directionalIndex, finiteBar } from './directionalMovement.js';

/**
 * Average directional movement index (TA-Lib ADX, default period 14): Wilder's smoothing of
 * DX, the strength of a trend whatever its direction (above about 25: trending; below 20:
 * ranging). TA-Lib seeding: +DM, -DM and TR are summed over bars 1..period-1 and smoothed
 * from bar `period` (see `directionalMovement.ts`); the first ADX, at bar 2 * period - 1, is
 * the mean of the DX of bars period..2*period-1; then adx = (adx * (period - 1) + dx) / period.
 * A bar whose DX is undefined (no movement at all) leaves ADX unchanged, as in TA-Lib.
 * Agrees with TA-Lib to about 1e-13 relative (multiplications by (period - 1) / period and
 * 100 / period in place of TA-Lib's divisions, for speed).
 * Type: momentum. @see https://ta-lib.org/functions/adx/
 */
export function adxLookback(period = 14): number {
  assertInteger('ADX', 'period', period, 2);
  return 2 * period - 1;
}

export function adx(high: Float64Array, low: Float64Array, close: Float64Array, period = 14, out?: Float64Array): Float64Array {
  adxLookback(period);
  const length = assertSameLength('ADX', { high, low, close });
  const result = outputArray('ADX', length, out);
  // The kernel notices a non-finite input itself (one pass over memory instead of two); only
  // then does the missing-value path run.
  withFiniteRowsDetected([high, low, close], [result], ([h, l, c], [y]) => adxKernel(h, l, c, period, y));
  return result;
}

/**
 * One fused loop computing the one-bar movements, the true range, the three Wilder sums, DX
 * and ADX with all state in locals: speed is the product, and no intermediate array is made.
 * The movement rules and the true range's max/min are written as exact selections by 0/1
 * factors (x * 1 + y * 0 is x) because price moves are random and branches on them are
 * mispredicted half the time; the values are identical to the branching form.
 * Returns false when an input was non-finite (the output is then not valid): a NaN or an
 * infinity makes the running sums non-finite for good, and `close[n - 1]`, the one value the
 * sums never read, is checked on its own.
 */
export function adxKernel(high: Float64Array, low: Float64Array, close: Float64Array, period: number, y: Float64Array): boolean {
  const n = high.length;
  const lookback = 2 * period - 1;
  if (n <= lookback) {
    // No value whatever the missing rows: nothing to check.
    y.fill(NaN);
    return true;
  }
  const k = (period - 1) / period;
  // DX / period as |+DM - -DM| * (100 / period) / total: one multiplication fewer per bar than
  // 100 * |..| / total / period, measured 5% faster; differs from it by an ulp or two.
  const scaled = 100 / period;
  // Read once into a local: an imported binding read inside the loop is not folded to a
  // constant, and measured four times slower for the whole kernel (27 ns/bar against 7).
  const epsilon = directionalEpsilon;
  let previousHigh = high[0];
  let previousLow = low[0];
  let previousClose = close[0];
  let plus = 0;
  let minus = 0;
  let range = 0;
  y[0] = NaN;
  for (let i = 1; i < period; i++) {
    const h = high[i];
    const l = low[i];
    const up = h - previousHigh;
    const down = previousLow - l;
    const upward = +(up > down) & +(up > 0);
    const downward = +(down > up) & +(down > 0);
    const above = +(h > previousClose);
    const below = +(l < previousClose);
    plus += up * upward;
    minus += down * downward;
    range += h * above + previousClose * (1 - above) - (l * below + previousClose * (1 - below));
    previousHigh = h;
    previousLow = l;
    previousClose = close[i];
    y[i] = NaN;
  }
  let sumDx = 0;
  for (let i = period; i <= lookback; i++) {
    const h = high[i];
    const l = low[i];
    const up = h - previousHigh;
    const down = previousLow - l;
    const upward = +(up > down) & +(up > 0);
    const downward = +(down > up) & +(down > 0);
    const above = +(h > previousClose);
    const below = +(l < previousClose);
    plus = plus * k + up * upward;
    minus = minus * k + down * downward;
    range = range * k + (h * above + previousClose * (1 - above) - (l * below + previousClose * (1 - below)));
    previousHigh = h;
    previousLow = l;
    previousClose = close[i];
    const value = directionalIndex(plus, minus, range);
    if (value === value) sumDx += value;
    y[i] = NaN;
  }
  let average = sumDx / period;
  y[lookback] = average;
  // Two bars per iteration, the same operations in the same order: measured 5.1 ns/bar against
  // 5.5 for the one-bar loop (Node 20, a million bars), as in sma.ts and bbands.ts.
  let i = lookback + 1;
  for (; i + 1 < n; i += 2) {
    const h = high[i];
    const l = low[i];
    const up = h - previousHigh;
    const down = previousLow - l;
    const upward = +(up > down) & +(up > 0);
    const downward = +(down > up) & +(down > 0);
    plus = plus * k + up * upward;
    minus = minus * k + down * downward;
    // Math.max/min compile without a branch on the values and with fewer operations than the
    // 0/1-factor selection of the warm-up loops (measured faster here); values are identical.
    range = range * k + (Math.max(h, previousClose) - Math.min(l, previousClose));
    previousHigh = h;
    previousLow = l;
    previousClose = close[i];
    // directionalIndex(plus, minus, range), inlined: a DX that is undefined leaves ADX unchanged.
    const total = plus + minus;
    if (range >= epsilon && total * 100 >= epsilon * range) average = average * k + (Math.abs(plus - minus) * scaled) / total;
    y[i] = average;
    const hNext = high[i + 1];
    const lNext = low[i + 1];
    const upNext = hNext - previousHigh;
    const downNext = previousLow - lNext;
    const upwardNext = +(upNext > downNext) & +(upNext > 0);
    const downwardNext = +(downNext > upNext) & +(downNext > 0);
    plus = plus * k + upNext * upwardNext;
    minus = minus * k + downNext * downwardNext;
    range = range * k + (Math.max(hNext, previousClose) - Math.min(lNext, previousClose));
    previousHigh = hNext;
    previousLow = lNext;
    previousClose = close[i + 1];
    const totalNext = plus + minus;
    if (range >= epsilon && totalNext * 100 >= epsilon * range) average = average * k + (Math.abs(plus - minus) * scaled) / totalNext;
    y[i + 1] = average;
  }
  if (i < n) {
    const h = high[i];
    const l = low[i];
    const up = h - previousHigh;
    const down = previousLow - l;
    const upward = +(up > down) & +(up > 0);
    const downward = +(down > up) & +(down > 0);
    plus = plus * k + up * upward;
    minus = minus * k + down * downward;
    range = range * k + (Math.max(h, previousClose) - Math.min(l, previousClose));
    previousHigh = h;
    previousLow = l;
    previousClose = close[i];
    const total = plus + minus;
    if (range >= epsilon && total * 100 >= epsilon * range) average = average * k + (Math.abs(plus - minus) * scaled) / total;
    y[i] = average;
  }
  return Number.isFinite(plus + minus + range) && Number.isFinite(previousClose);
}

export class ADX extends StreamingIndicator {
  readonly lookback: number;
  private readonly core: DirectionalCore;
  private readonly k: number;
  private readonly inverse: number;
  private sumDx = 0;
  private average = NaN;
  private formingSumDx = 0;
  private formingAverage = NaN;

  constructor(readonly period = 14) {
    super();
    this.lookback = adxLookback(period);
    this.core = new DirectionalCore(period);
    this.k = (period - 1) / period;
    this.inverse = 1 / period;
  }

  update(high: number, low: number, close: number): number {
    if (this.begin(true, finiteBar(high, low, close))) this.compute(high, low, close);
    return this.value;
  }

  replace(high: number, low: number, close: number): number {
    if (this.begin(false, finiteBar(high, low, close))) this.compute(high, low, close);
    return this.value;
  }

  private compute(high: number, low: number, close: number): void {
    const core = this.core;
    const index = this.count - 1;
    core.compute(high, low, close, index);
    this.formingSumDx = this.sumDx;
    this.formingAverage = this.average;
    this.value = NaN;
    if (index < this.period) return;
    const value = directionalIndex(core.formingPlus, core.formingMinus, core.formingRange);
    if (index < this.lookback) {
      if (value === value) this.formingSumDx += value;
    } else if (index === this.lookback) {
      if (value === value) this.formingSumDx += value;
      this.formingAverage = this.formingSumDx / this.period;
      this.value = this.formingAverage;
    } else {
      if (value === value) this.formingAverage = this.average * this.k + value * this.inverse;
      this.value = this.formingAverage;
    }
  }

  protected commit(): void {
    this.core.commit();
    this.sumDx = this.formingSumDx;
    this.average = this.formingAverage;
  }

  protected clear(): void {
    this.core.clear();
    this.sumDx = 0;
    this.average = NaN;
  }
}
