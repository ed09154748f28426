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
 * window whenever its extreme expires.
 *
 * The running extremes of the prefix and suffix passes change at random on a random walk (a
 * branch there mispredicts often: the kernel measured 40% slower with one), so they pick
 * without a branch; V8 (Node 20) has no conditional move for doubles, and two exact picks are
 * used. The forward loops, bound by instruction throughput, take the arithmetic
 * h * s + m * (1 - s) with s the comparison's 0/1 (fewest instructions); the suffix pass, bound
 * by its chain of dependent picks (it took about 45% of the kernel's time), stores both
 * candidates in a two-slot scratch and loads the one the comparison indexes (a shorter chain:
 * no int-to-double conversion, multiply and add). Joining a suffix with a prefix does branch:
 * along a block the suffix only falls and the prefix only rises, so that comparison flips once
 * per block and predicts well. V8 also checks each typed array's map and reloads its length
 * and data pointer on every loop iteration, so the kernel keeps its scratch (suffixes, %K ring,
 * pick slots) in one array and the hot loops take two bars per iteration. Callgrind: 219
 * instructions per bar against 306 for the former kernel (two-slot picks everywhere, four
 * small arrays); 20 to 25% less time at a million bars. Measured without gain: one division
 * for %K instead of TA-Lib's two (the two are kept, see below); the suffix pass fused into the
 * prefix loop (next block's suffix from the block's end) or split into two independent chains;
 * the %K and slow %K histories in locals for the default periods. Measured slower: a monotonic
 * deque (2.4 times), TA-Lib's own strategy (track the extreme's index, rescan when it leaves
 * the window; 1.5 times).
 *
 * Once every output is past its warm-up, blocks run copies of the loop without the warm-up
 * tests: one for STOCH's default form (`k` not wanted, smoothing fused), one for %K alone
 * (STOCHF and STOCH's other MA types; about 15% faster than the former kernel).
 *
 * Returns whether every input was finite, checked for free in the same pass (x * 0 is 0 for a
 * finite x, NaN otherwise, and a NaN stays in the sum); when it returns false the outputs are
 * not valid (a non-finite value also spoils the picks) and the caller redoes the
 * work over the finite rows.
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
  const lag = slowDPeriod - 1;
  let kSum = 0;
  let dSum = 0;
  let check = 0;
  // Suffix extremes of the previous block: entry j (highs) and lowBase + j (lows) cover its bars
  // j .. period - 1; entry `period` (the window is the current block's prefix alone) never wins.
  // Then the ring of the last slowKPeriod values of %K.
  const lowBase = period + 1;
  const ringBase = 2 * period + 2;
  const ringEnd = ringBase + (smooth ? slowKPeriod : 1);
  // Then the two-slot picks of the suffix pass: highs at pickBase, lows at pickBase + 2.
  const pickBase = ringEnd;
  const scratch = new Float64Array(pickBase + 4);
  scratch[period] = -Infinity;
  scratch[lowBase + period] = Infinity;
  let ringPosition = ringBase;
  const steady = smooth && k === undefined;
  for (let start = 0; start < n; start += period) {
    if (start > 0) {
      // Suffix extremes of the previous block, from its end; entry 0 (the whole block) is never
      // read. Picks through the scratch (see above).
      const previous = start - period;
      let highest = high[start - 1];
      let lowest = low[start - 1];
      scratch[period - 1] = highest;
      scratch[lowBase + period - 1] = lowest;
      let j = period - 2;
      for (; j > 1; j -= 2) {
        const h = high[previous + j];
        const l = low[previous + j];
        scratch[pickBase] = highest;
        scratch[pickBase + 1] = h;
        highest = scratch[pickBase + +(h > highest)];
        scratch[pickBase + 2] = lowest;
        scratch[pickBase + 3] = l;
        lowest = scratch[pickBase + 2 + +(l < lowest)];
        scratch[j] = highest;
        scratch[lowBase + j] = lowest;
        const h2 = high[previous + j - 1];
        const l2 = low[previous + j - 1];
        scratch[pickBase] = highest;
        scratch[pickBase + 1] = h2;
        highest = scratch[pickBase + +(h2 > highest)];
        scratch[pickBase + 2] = lowest;
        scratch[pickBase + 3] = l2;
        lowest = scratch[pickBase + 2 + +(l2 < lowest)];
        scratch[j - 1] = highest;
        scratch[lowBase + j - 1] = lowest;
      }
      if (j === 1) {
        const h = high[previous + 1];
        const l = low[previous + 1];
        scratch[pickBase] = highest;
        scratch[pickBase + 1] = h;
        scratch[1] = scratch[pickBase + +(h > highest)];
        scratch[pickBase + 2] = lowest;
        scratch[pickBase + 3] = l;
        scratch[lowBase + 1] = scratch[pickBase + 2 + +(l < lowest)];
      }
    }
    const end = start + period < n ? start + period : n;
    let highest = high[start];
    let lowest = low[start];
    if (steady && start > slowDStart) {
      let t = start;
      for (; t + 1 < end; t += 2) {
        const h = high[t];
        const l = low[t];
        const c = close[t];
        const above = +(h > highest);
        highest = h * above + highest * (1 - above);
        const below = +(l < lowest);
        lowest = l * below + lowest * (1 - below);
        const j = t + 1 - start;
        const suffixHigh = scratch[j];
        const windowHigh = suffixHigh > highest ? suffixHigh : highest;
        const suffixLow = scratch[lowBase + j];
        const windowLow = suffixLow < lowest ? suffixLow : lowest;
        // TA-Lib's exact arithmetic (two divisions): %K feeds averages whose running sums would
        // turn a last-bit difference into a visible one at an exact 0 (see the STOCHRSI test).
        const range = (windowHigh - windowLow) / 100;
        const fastK = range !== 0 ? (c - windowLow) / range : 0;
        kSum += fastK;
        scratch[ringPosition] = fastK;
        ringPosition++;
        if (ringPosition === ringEnd) ringPosition = ringBase;
        const smoothed = kSum * kScale;
        // The ring's next slot holds %K of bar t - slowKPeriod + 1, the oldest in the window.
        kSum -= scratch[ringPosition];
        slowK[t] = smoothed;
        dSum += smoothed;
        slowD[t] = dSum * dScale;
        dSum -= slowK[t - lag];
        const h2 = high[t + 1];
        const l2 = low[t + 1];
        const c2 = close[t + 1];
        check += (h + l + c + h2 + l2 + c2) * 0;
        const above2 = +(h2 > highest);
        highest = h2 * above2 + highest * (1 - above2);
        const below2 = +(l2 < lowest);
        lowest = l2 * below2 + lowest * (1 - below2);
        const suffixHigh2 = scratch[j + 1];
        const windowHigh2 = suffixHigh2 > highest ? suffixHigh2 : highest;
        const suffixLow2 = scratch[lowBase + j + 1];
        const windowLow2 = suffixLow2 < lowest ? suffixLow2 : lowest;
        const range2 = (windowHigh2 - windowLow2) / 100;
        const fastK2 = range2 !== 0 ? (c2 - windowLow2) / range2 : 0;
        kSum += fastK2;
        scratch[ringPosition] = fastK2;
        ringPosition++;
        if (ringPosition === ringEnd) ringPosition = ringBase;
        const smoothed2 = kSum * kScale;
        kSum -= scratch[ringPosition];
        slowK[t + 1] = smoothed2;
        dSum += smoothed2;
        slowD[t + 1] = dSum * dScale;
        dSum -= slowK[t + 1 - lag];
      }
      if (t < end) {
        const h = high[t];
        const l = low[t];
        const c = close[t];
        check += (h + l + c) * 0;
        const above = +(h > highest);
        highest = h * above + highest * (1 - above);
        const below = +(l < lowest);
        lowest = l * below + lowest * (1 - below);
        const j = t + 1 - start;
        const suffixHigh = scratch[j];
        const windowHigh = suffixHigh > highest ? suffixHigh : highest;
        const suffixLow = scratch[lowBase + j];
        const windowLow = suffixLow < lowest ? suffixLow : lowest;
        const range = (windowHigh - windowLow) / 100;
        const fastK = range !== 0 ? (c - windowLow) / range : 0;
        kSum += fastK;
        scratch[ringPosition] = fastK;
        ringPosition++;
        if (ringPosition === ringEnd) ringPosition = ringBase;
        const smoothed = kSum * kScale;
        kSum -= scratch[ringPosition];
        slowK[t] = smoothed;
        dSum += smoothed;
        slowD[t] = dSum * dScale;
        dSum -= slowK[t - lag];
      }
      continue;
    }
    if (!smooth && k !== undefined && start > 0) {
      // %K alone (STOCHF and the other MA types of STOCH), every bar past the warm-up.
      let t = start;
      for (; t + 1 < end; t += 2) {
        const h = high[t];
        const l = low[t];
        const c = close[t];
        const above = +(h > highest);
        highest = h * above + highest * (1 - above);
        const below = +(l < lowest);
        lowest = l * below + lowest * (1 - below);
        const j = t + 1 - start;
        const suffixHigh = scratch[j];
        const windowHigh = suffixHigh > highest ? suffixHigh : highest;
        const suffixLow = scratch[lowBase + j];
        const windowLow = suffixLow < lowest ? suffixLow : lowest;
        const range = (windowHigh - windowLow) / 100;
        k[t] = range !== 0 ? (c - windowLow) / range : 0;
        const h2 = high[t + 1];
        const l2 = low[t + 1];
        const c2 = close[t + 1];
        check += (h + l + c + h2 + l2 + c2) * 0;
        const above2 = +(h2 > highest);
        highest = h2 * above2 + highest * (1 - above2);
        const below2 = +(l2 < lowest);
        lowest = l2 * below2 + lowest * (1 - below2);
        const suffixHigh2 = scratch[j + 1];
        const windowHigh2 = suffixHigh2 > highest ? suffixHigh2 : highest;
        const suffixLow2 = scratch[lowBase + j + 1];
        const windowLow2 = suffixLow2 < lowest ? suffixLow2 : lowest;
        const range2 = (windowHigh2 - windowLow2) / 100;
        k[t + 1] = range2 !== 0 ? (c2 - windowLow2) / range2 : 0;
      }
      if (t < end) {
        const h = high[t];
        const l = low[t];
        const c = close[t];
        check += (h + l + c) * 0;
        const above = +(h > highest);
        highest = h * above + highest * (1 - above);
        const below = +(l < lowest);
        lowest = l * below + lowest * (1 - below);
        const j = t + 1 - start;
        const suffixHigh = scratch[j];
        const windowHigh = suffixHigh > highest ? suffixHigh : highest;
        const suffixLow = scratch[lowBase + j];
        const windowLow = suffixLow < lowest ? suffixLow : lowest;
        const range = (windowHigh - windowLow) / 100;
        k[t] = range !== 0 ? (c - windowLow) / range : 0;
      }
      continue;
    }
    for (let t = start; t < end; t++) {
      const h = high[t];
      const l = low[t];
      const c = close[t];
      const above = +(h > highest);
      highest = h * above + highest * (1 - above);
      const below = +(l < lowest);
      lowest = l * below + lowest * (1 - below);
      check += (h + l + c) * 0;
      if (t < lookback) {
        if (k !== undefined) k[t] = NaN;
        continue;
      }
      const j = t + 1 - start;
      const suffixHigh = scratch[j];
      const windowHigh = suffixHigh > highest ? suffixHigh : highest;
      const suffixLow = scratch[lowBase + j];
      const windowLow = suffixLow < lowest ? suffixLow : lowest;
      const range = (windowHigh - windowLow) / 100;
      const fastK = range !== 0 ? (c - windowLow) / range : 0;
      if (k !== undefined) k[t] = fastK;
      if (smooth) {
        kSum += fastK;
        scratch[ringPosition] = fastK;
        ringPosition++;
        if (ringPosition === ringEnd) ringPosition = ringBase;
        if (t >= slowKStart) {
          const smoothed = kSum * kScale;
          kSum -= scratch[ringPosition];
          slowK[t] = smoothed;
          dSum += smoothed;
          if (t >= slowDStart) {
            slowD[t] = dSum * dScale;
            dSum -= slowK[t - lag];
          }
        }
      }
    }
  }
  return check === 0;
}
