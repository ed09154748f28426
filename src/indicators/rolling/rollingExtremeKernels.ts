import { hasNonFinite, withFiniteRows } from '../nanPolicy.js';

/**
 * Batch kernels of the rolling maximum and minimum (TA-Lib MAX, MIN and their INDEX forms),
 * shared by MIN/MAX/MINMAX, the index functions, Donchian Channels and anything else built
 * on rolling extremes. Hand-written loops over a monotonic deque kept in a preallocated ring
 * of `period` slots: O(1) amortised per bar, no allocation in the loop, no `%`; short periods
 * track the extreme TA-Lib's way instead (see `rescanLimit`). Speed is the product, so the
 * maximum and minimum each get their own loop rather than a comparator.
 * Inputs are finite (the callers apply the missing-value policy); output i < period - 1 is NaN.
 */
export function rollingMaxKernel(x: Float64Array, period: number, y: Float64Array): void {
  if (period <= rescanLimit) {
    rescanMaxKernel(x, period, y);
    return;
  }
  const n = x.length;
  const deque = new Int32Array(period);
  let head = 0;
  let size = 0;
  const lookback = period - 1;
  for (let t = 0; t < n; t++) {
    const value = x[t];
    // Expire first so that the ring of period slots never overflows.
    if (size > 0 && deque[head] <= t - period) {
      head = head + 1 === period ? 0 : head + 1;
      size--;
    }
    while (size > 0) {
      let back = head + size - 1;
      if (back >= period) back -= period;
      if (x[deque[back]] > value) break;
      size--;
    }
    let slot = head + size;
    if (slot >= period) slot -= period;
    deque[slot] = t;
    size++;
    y[t] = t >= lookback ? x[deque[head]] : NaN;
  }
}

export function rollingMinKernel(x: Float64Array, period: number, y: Float64Array): void {
  if (period <= rescanLimit) {
    rescanMinKernel(x, period, y);
    return;
  }
  const n = x.length;
  const deque = new Int32Array(period);
  let head = 0;
  let size = 0;
  const lookback = period - 1;
  for (let t = 0; t < n; t++) {
    const value = x[t];
    // Expire first so that the ring of period slots never overflows.
    if (size > 0 && deque[head] <= t - period) {
      head = head + 1 === period ? 0 : head + 1;
      size--;
    }
    while (size > 0) {
      let back = head + size - 1;
      if (back >= period) back -= period;
      if (x[deque[back]] < value) break;
      size--;
    }
    let slot = head + size;
    if (slot >= period) slot -= period;
    deque[slot] = t;
    size++;
    y[t] = t >= lookback ? x[deque[head]] : NaN;
  }
}

/**
 * Periods up to which the extreme is tracked TA-Lib's way (keep it and its bar; look through
 * the window again only when that bar leaves it) instead of with the deque. On prices the
 * deque's inner loop ends at an unpredictable point on nearly every bar, which costs more than
 * an occasional rescan of a short window (about twice as much at periods 10 and 20, the
 * Donchian defaults); the rescan's worst case, a window rescanned on every bar, stays a
 * predictable loop of at most this many comparisons.
 */
const rescanLimit = 32;

/** `rollingMaxKernel` for short periods: the same value (the window's maximum) at every bar. */
function rescanMaxKernel(x: Float64Array, period: number, y: Float64Array): void {
  const n = x.length;
  const lookback = period - 1;
  let extremeIndex = -1;
  let extreme = 0;
  for (let t = 0; t < n; t++) {
    const start = t - lookback;
    if (extremeIndex < start) {
      let j = start < 0 ? 0 : start;
      extremeIndex = j;
      extreme = x[j];
      for (j++; j <= t; j++) {
        if (x[j] >= extreme) {
          extreme = x[j];
          extremeIndex = j;
        }
      }
    } else if (x[t] >= extreme) {
      extreme = x[t];
      extremeIndex = t;
    }
    y[t] = t >= lookback ? extreme : NaN;
  }
}

/** `rollingMinKernel` for short periods. */
function rescanMinKernel(x: Float64Array, period: number, y: Float64Array): void {
  const n = x.length;
  const lookback = period - 1;
  let extremeIndex = -1;
  let extreme = 0;
  for (let t = 0; t < n; t++) {
    const start = t - lookback;
    if (extremeIndex < start) {
      let j = start < 0 ? 0 : start;
      extremeIndex = j;
      extreme = x[j];
      for (j++; j <= t; j++) {
        if (x[j] <= extreme) {
          extreme = x[j];
          extremeIndex = j;
        }
      }
    } else if (x[t] <= extreme) {
      extreme = x[t];
      extremeIndex = t;
    }
    y[t] = t >= lookback ? extreme : NaN;
  }
}

/**
 * TA-Lib MAXINDEX (`isMaximum`) or MININDEX: the index of the window's extreme, where a new
 * value equal to the tracked extreme takes over, and a rescan after the extreme leaves the
 * window picks the earliest of equal values (ta_MAXINDEX.c). The deque keeps equal values so
 * its front is that earliest extreme. `positions` maps the (compacted) input index to the
 * caller's row index; without it the index itself is written.
 */
export function rollingExtremeIndexKernel(x: Float64Array, period: number, isMaximum: boolean, positions: Float64Array | null, y: Float64Array): void {
  const n = x.length;
  const deque = new Int32Array(period);
  let head = 0;
  let size = 0;
  const lookback = period - 1;
  let extremeIndex = -1;
  let extreme = 0;
  // The sign folds the minimum into the maximum: min(x) = -max(-x), ties unchanged.
  const sign = isMaximum ? 1 : -1;
  for (let t = 0; t < n; t++) {
    const value = sign * x[t];
    // Expire first so that the ring of period slots never overflows.
    if (size > 0 && deque[head] <= t - period) {
      head = head + 1 === period ? 0 : head + 1;
      size--;
    }
    while (size > 0) {
      let back = head + size - 1;
      if (back >= period) back -= period;
      if (sign * x[deque[back]] >= value) break;
      size--;
    }
    let slot = head + size;
    if (slot >= period) slot -= period;
    deque[slot] = t;
    size++;
    if (t < lookback) {
      y[t] = NaN;
      continue;
    }
    if (extremeIndex <= t - period) {
      extremeIndex = deque[head];
      extreme = sign * x[extremeIndex];
    } else if (value >= extreme) {
      extremeIndex = t;
      extreme = value;
    }
    y[t] = positions === null ? extremeIndex : positions[extremeIndex];
  }
}

/** 0, 1, ..., n-1: the row index of each bar, carried through the missing-value compaction. */
export function rowPositions(n: number): Float64Array {
  const positions = new Float64Array(n);
  for (let i = 0; i < n; i++) positions[i] = i;
  return positions;
}

/**
 * MAXINDEX (`isMaximum`) or MININDEX over `x` with the missing-value policy: rows with a
 * missing value are skipped but keep their row numbers (the fast path skips the compaction).
 */
export function rollingExtremeIndexRows(x: Float64Array, period: number, isMaximum: boolean, y: Float64Array): void {
  if (!hasNonFinite([x])) rollingExtremeIndexKernel(x, period, isMaximum, null, y);
  else withFiniteRows([x, rowPositions(x.length)], [y], ([values, positions], [result]) => rollingExtremeIndexKernel(values, period, isMaximum, positions, result));
}
