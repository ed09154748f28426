import { withFiniteRowsDetected } from '../nanPolicy.js';
import { assertInteger, assertSameLength, outputArray } from '../parameters.js';
import { RollingExtreme } from '../rolling/RollingExtreme.js';
import { StreamingIndicator } from '../StreamingIndicator.js';
import { createMovingAverage, movingAverageLookback, type MovingAverageStream, type MovingAverageType } from '../trend/movingAverage.js';
import { assertMovingAverageType, movingAverageFrom } from './movingAverageFrom.js';

/** The two lines of the fast stochastic, each of the input's length. */
export interface StochfOutput {
  fastK: Float64Array;
  fastD: Float64Array;
}

/**
 * Fast stochastic oscillator: %K = where the close sits in the high-low range of the last
 * `fastKPeriod` bars, 0 (at the lowest low) to 100 (at the highest high), and %D = its moving
 * average; traders read above 80 / below 20 as overbought / oversold and %K crossing %D as a
 * signal. As TA-Lib STOCHF (defaults 5, 3, SMA): %K = (close - lowest low) / ((highest high -
 * lowest low) / 100), 0 when the range is empty; both outputs start at bar
 * (fastKPeriod - 1) + lookback of the %D average.
 * Type: momentum. @see https://ta-lib.org/functions/stochf/
 */
export function stochfLookback(fastKPeriod = 5, fastDPeriod = 3, fastDType: MovingAverageType = 'sma'): number {
  assertInteger('STOCHF', 'fastKPeriod', fastKPeriod, 1);
  assertInteger('STOCHF', 'fastDPeriod', fastDPeriod, 1);
  assertMovingAverageType('STOCHF', 'fastDType', fastDType);
  return fastKPeriod - 1 + movingAverageLookback(fastDPeriod, fastDType);
}

export function stochf(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  fastKPeriod = 5,
  fastDPeriod = 3,
  fastDType: MovingAverageType = 'sma',
  out?: StochfOutput,
): StochfOutput {
  const lookback = stochfLookback(fastKPeriod, fastDPeriod, fastDType);
  const n = assertSameLength('STOCHF', { high, low, close });
  const result: StochfOutput = { fastK: outputArray('STOCHF', n, out?.fastK), fastD: outputArray('STOCHF', n, out?.fastD) };
  withFiniteRowsDetected([high, low, close], [result.fastK, result.fastD], ([h, l, c], [k, d]) => {
    if (!stochasticFastKKernel(h, l, c, fastKPeriod, k)) return false;
    movingAverageFrom(k, fastKPeriod - 1, fastDPeriod, fastDType, d);
    k.fill(NaN, 0, Math.min(lookback, k.length));
    return true;
  });
  return result;
}

/**
 * %K for every bar from `period - 1` (NaN before), as TA-Lib computes it. Hand-written with the
 * state in locals because STOCH is on the benchmark's hot path. Returns whether every input was
 * finite (the output is not valid otherwise; see `stochasticKernel`).
 */
export function stochasticFastKKernel(high: Float64Array, low: Float64Array, close: Float64Array, period: number, k: Float64Array): boolean {
  return stochasticKernel(high, low, close, period, k, 0, 0, k, k);
}

/**
 * `stochasticFastKKernel` (into `k` when given), and with `slowKPeriod` > 0 also STOCH's default
 * smoothing fused into the same pass: slow %K = SMA(slowKPeriod) of %K into `slowK`, slow %D =
 * SMA(slowDPeriod) of slow %K into `slowD`, each from its first full window (earlier entries
 * left unwritten), by running sums in TA-Lib's SMA order (add the new value, take the mean,
 * drop the oldest); the last `slowKPeriod` values of %K live in a small ring, so no
 * intermediate array of the input's length is needed.
 *
 * The highest high and lowest low come from the van Herk / Gil-Werman scheme: the bars are cut
 * into blocks of `period`; a window ending at bar t is the suffix of the previous block from
 * t - period + 1 plus the prefix of the current block up to t, so each bar costs three
 * comparisons per series, O(1) whatever the period (not amortised), where TA-Lib rescans the
 * window whenever its extreme expires. The comparisons pick a value without a branch (on a
 * random walk a branch mispredicts about half the time): both candidates go into a two-slot
 * array and the comparison's 0/1 indexes it, which is exact and takes fewer floating-point
 * operations than the arithmetic pick a * s + b * (1 - s) (the whole kernel measured 6 to 9%
 * faster; interleaving the suffix pass with the prefix pass gained nothing, so the loop is not
 * bound by the pick's latency). Measured in Node 20 against the arithmetic
 * pick: a monotonic deque 2.4 times slower; TA-Lib's own strategy (track the extreme's index,
 * rescan when it leaves the window) 1.5 times slower, branching or not; Math.max/Math.min
 * (which branch in V8) or a ternary 1.6 times slower.
 *
 * Once every output is past its warm-up (STOCH's default form, `k` not wanted), blocks run a
 * copy of the loop without the warm-up tests, the %K store and the block-end test (the
 * suffix arrays end in a sentinel that never wins): 4% faster.
 *
 * Returns whether every input was finite, checked for free in the same pass (x * 0 is 0 for a
 * finite x, NaN otherwise, and a NaN stays in the sum); when it returns false the outputs are
 * not valid and the caller redoes the work over the finite rows.
 */
export function stochasticKernel(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  period: number,
  k: Float64Array | undefined,
  slowKPeriod: number,
  slowDPeriod: number,
  slowK: Float64Array,
  slowD: Float64Array,
): boolean {
  const n = close.length;
  const lookback = period - 1;
  const smooth = slowKPeriod > 0;
  const slowKStart = lookback + slowKPeriod - 1;
  const slowDStart = slowKStart + slowDPeriod - 1;
  // Multiplying by the reciprocal (as sma.ts does) rather than dividing: rounding differs only.
  const kScale = 1 / slowKPeriod;
  const dScale = 1 / slowDPeriod;
  let kSum = 0;
  let dSum = 0;
  const ringSize = smooth ? slowKPeriod : 1;
  const ring = new Float64Array(ringSize);
  let ringPosition = 0;
  let check = 0;
  // Suffix extremes of the previous block: entry j covers its bars j .. period - 1; entry
  // `period` (the window is the current block's prefix alone) never wins.
  const suffixHigh = new Float64Array(period + 1);
  const suffixLow = new Float64Array(period + 1);
  suffixHigh[period] = -Infinity;
  suffixLow[period] = Infinity;
  // The two-slot arrays of the branch-free pick (see above).
  const pickHigh = new Float64Array(2);
  const pickLow = new Float64Array(2);
  const steady = smooth && k === undefined;
  for (let start = 0; start < n; start += period) {
    if (start > 0) {
      const previous = start - period;
      let highest = high[start - 1];
      let lowest = low[start - 1];
      suffixHigh[period - 1] = highest;
      suffixLow[period - 1] = lowest;
      for (let j = period - 2; j >= 0; j--) {
        const h = high[previous + j];
        pickHigh[0] = highest;
        pickHigh[1] = h;
        highest = pickHigh[+(h > highest)];
        suffixHigh[j] = highest;
        const l = low[previous + j];
        pickLow[0] = lowest;
        pickLow[1] = l;
        lowest = pickLow[+(l < lowest)];
        suffixLow[j] = lowest;
      }
    }
    const end = start + period < n ? start + period : n;
    let highest = high[start];
    let lowest = low[start];
    if (steady && start > slowDStart) {
      for (let t = start; t < end; t++) {
        const h = high[t];
        pickHigh[0] = highest;
        pickHigh[1] = h;
        highest = pickHigh[+(h > highest)];
        const l = low[t];
        pickLow[0] = lowest;
        pickLow[1] = l;
        lowest = pickLow[+(l < lowest)];
        const c = close[t];
        check += (h + l + c) * 0;
        const j = t + 1 - start;
        const suffix = suffixHigh[j];
        pickHigh[0] = highest;
        pickHigh[1] = suffix;
        const windowHigh = pickHigh[+(suffix > highest)];
        const suffixMinimum = suffixLow[j];
        pickLow[0] = lowest;
        pickLow[1] = suffixMinimum;
        const windowLow = pickLow[+(suffixMinimum < lowest)];
        const range = (windowHigh - windowLow) / 100;
        const fastK = range !== 0 ? (c - windowLow) / range : 0;
        kSum += fastK;
        ring[ringPosition] = fastK;
        ringPosition++;
        if (ringPosition === ringSize) ringPosition = 0;
        const smoothed = kSum * kScale;
        kSum -= ring[ringPosition];
        slowK[t] = smoothed;
        dSum += smoothed;
        slowD[t] = dSum * dScale;
        dSum -= slowK[t - slowDPeriod + 1];
      }
      continue;
    }
    for (let t = start; t < end; t++) {
      const h = high[t];
      pickHigh[0] = highest;
      pickHigh[1] = h;
      highest = pickHigh[+(h > highest)];
      const l = low[t];
      pickLow[0] = lowest;
      pickLow[1] = l;
      lowest = pickLow[+(l < lowest)];
      const c = close[t];
      check += (h + l + c) * 0;
      if (t < lookback) {
        if (k !== undefined) k[t] = NaN;
        continue;
      }
      let windowHigh = highest;
      let windowLow = lowest;
      const j = t + 1 - start;
      if (j < period) {
        const suffix = suffixHigh[j];
        pickHigh[0] = windowHigh;
        pickHigh[1] = suffix;
        windowHigh = pickHigh[+(suffix > windowHigh)];
        const suffixMinimum = suffixLow[j];
        pickLow[0] = windowLow;
        pickLow[1] = suffixMinimum;
        windowLow = pickLow[+(suffixMinimum < windowLow)];
      }
      // TA-Lib's exact arithmetic (two divisions): %K feeds averages whose running sums would
      // turn a last-bit difference into a visible one at an exact 0 (see the STOCHRSI test).
      const range = (windowHigh - windowLow) / 100;
      const fastK = range !== 0 ? (c - windowLow) / range : 0;
      if (k !== undefined) k[t] = fastK;
      if (smooth) {
        kSum += fastK;
        ring[ringPosition] = fastK;
        ringPosition++;
        if (ringPosition === ringSize) ringPosition = 0;
        if (t >= slowKStart) {
          const smoothed = kSum * kScale;
          // The ring's next slot holds %K of bar t - slowKPeriod + 1, the oldest in the window.
          kSum -= ring[ringPosition];
          slowK[t] = smoothed;
          dSum += smoothed;
          if (t >= slowDStart) {
            slowD[t] = dSum * dScale;
            dSum -= slowK[t - slowDPeriod + 1];
          }
        }
      }
    }
  }
  return check === 0;
}

/**
 * The streaming %K: rolling extremes of the committed bars plus the forming bar. `fastK(...)`
 * reads without changing state; `commit(...)` folds the forming bar in.
 */
export class StochasticFastK {
  private readonly highest: RollingExtreme;
  private readonly lowest: RollingExtreme;
  private committed = 0;

  constructor(readonly period: number) {
    this.highest = new RollingExtreme(period, true);
    this.lowest = new RollingExtreme(period, false);
  }

  /** %K of the forming bar, NaN until `period` bars (the forming one included) were seen. */
  fastK(high: number, low: number, close: number): number {
    if (this.committed < this.period - 1) return NaN;
    const lowest = this.lowest.extreme(low);
    const range = (this.highest.extreme(high) - lowest) / 100;
    return range !== 0 ? (close - lowest) / range : 0;
  }

  commit(high: number, low: number): void {
    this.highest.commit(high, this.committed);
    this.lowest.commit(low, this.committed);
    this.committed++;
  }

  clear(): void {
    this.highest.clear();
    this.lowest.clear();
    this.committed = 0;
  }
}

export class STOCHF extends StreamingIndicator {
  readonly lookback: number;
  /** %D of the latest bar (NaN during warm-up). */
  fastD = NaN;
  private readonly fastKLine: StochasticFastK;
  private readonly average: MovingAverageStream;
  private formingHigh = 0;
  private formingLow = 0;

  constructor(
    readonly fastKPeriod = 5,
    readonly fastDPeriod = 3,
    readonly fastDType: MovingAverageType = 'sma',
  ) {
    super();
    this.lookback = stochfLookback(fastKPeriod, fastDPeriod, fastDType);
    this.fastKLine = new StochasticFastK(fastKPeriod);
    this.average = createMovingAverage(fastDType, fastDPeriod);
  }

  update(high: number, low: number, close: number): number {
    return this.step(true, high, low, close);
  }

  replace(high: number, low: number, close: number): number {
    return this.step(false, high, low, close);
  }

  private step(isNew: boolean, high: number, low: number, close: number): number {
    let k = NaN;
    if (this.begin(isNew, Number.isFinite(high) && Number.isFinite(low) && Number.isFinite(close))) {
      this.formingHigh = high;
      this.formingLow = low;
      k = this.fastKLine.fastK(high, low, close);
    }
    // The average skips NaN (warm-up and missing bars) by the same rule as every stream.
    const d = isNew ? this.average.update(k) : this.average.replace(k);
    const ready = this.isReady;
    this.value = ready ? k : NaN;
    this.fastD = ready ? d : NaN;
    return this.value;
  }

  protected commit(): void {
    this.fastKLine.commit(this.formingHigh, this.formingLow);
  }

  protected clear(): void {
    this.fastKLine.clear();
    this.average.reset();
    this.fastD = NaN;
  }
}
