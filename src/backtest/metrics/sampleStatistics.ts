/**
 * Deviations at or below this are rounding noise, not risk: a per-period return is computed as
 * `equity[i] / equity[i-1] - 1`, whose rounding error is about 1e-16 whatever the return, so a
 * curve that grows at a constant rate has a "volatility" of ~1e-16 and, divided into its mean, a
 * Sharpe ratio of ~1e14. Standard, downside and tracking deviations at or below the floor count
 * as zero, and the ratios that divide by them are NaN (empyrical returns inf for such a series).
 */
export const deviationNoiseFloor = 1e-14;

/** Arithmetic mean; NaN for no values. */
export function mean(values: ArrayLike<number>): number {
  const n = values.length;
  if (n === 0) return NaN;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i];
  return sum / n;
}

/**
 * Sample standard deviation (divisor n - 1, numpy's `ddof=1`, pandas' default), two passes so
 * that a large mean does not cancel the small spread; NaN below two values.
 */
export function sampleStandardDeviation(values: ArrayLike<number>): number {
  const n = values.length;
  if (n < 2) return NaN;
  const center = mean(values);
  let squares = 0;
  for (let i = 0; i < n; i++) {
    const d = values[i] - center;
    squares += d * d;
  }
  return Math.sqrt(squares / (n - 1));
}

/**
 * The quantile at `fraction` (in [0, 1]) by numpy's default linear rule (Hyndman and Fan type 7,
 * `np.percentile(x, 100·fraction)`): sorted s_0 <= ... <= s_{n-1}, h = fraction·(n - 1),
 * j = floor(h), g = h - j, value s_j + g·(s_{j+1} - s_j), evaluated from s_{j+1} downwards when
 * g >= 0.5 as numpy does, so the result equals numpy's bit for bit. NaN for no values.
 *
 * `work` is reordered, not sorted: s_j and s_{j+1} come from a selection (O(n) on average),
 * not an O(n log n) sort, because a sweep computes these tails for every run. Pass a copy when
 * the order matters; one copy serves any number of calls.
 */
export function quantileInPlace(work: Float64Array, fraction: number): number {
  const n = work.length;
  if (n === 0) return NaN;
  const position = fraction * (n - 1);
  const j = Math.floor(position);
  const g = position - j;
  selectInPlace(work, j);
  const low = work[j];
  if (j >= n - 1) return low;
  let high = work[j + 1];
  for (let i = j + 2; i < n; i++) if (work[i] < high) high = work[i];
  const difference = high - low;
  return g < 0.5 ? low + difference * g : high - difference * (1 - g);
}

/** The mean of the `count` smallest values (1 <= count <= n); `work` is reordered as by `quantileInPlace`. */
export function meanOfSmallestInPlace(work: Float64Array, count: number): number {
  selectInPlace(work, count - 1);
  let sum = 0;
  for (let i = 0; i < count; i++) sum += work[i];
  return sum / count;
}

/**
 * Reorders `values` so that values[k] is what it would be after sorting, everything before it is
 * <= values[k] and everything after it >= (Hoare's selection with a median-of-three pivot; equal
 * values split evenly, so a flat series stays linear). Values must not be NaN.
 */
export function selectInPlace(values: Float64Array, k: number): void {
  let left = 0;
  let right = values.length - 1;
  while (right > left) {
    const middle = (left + right) >>> 1;
    // Median of three into values[middle], the pivot.
    if (values[middle] < values[left]) swap(values, middle, left);
    if (values[right] < values[left]) swap(values, right, left);
    if (values[right] < values[middle]) swap(values, right, middle);
    const pivot = values[middle];
    let i = left;
    let j = right;
    while (i <= j) {
      while (values[i] < pivot) i++;
      while (values[j] > pivot) j--;
      if (i <= j) {
        swap(values, i, j);
        i++;
        j--;
      }
    }
    // Now values[left..j] <= pivot <= values[i..right], and values[j+1..i-1] equal the pivot.
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return;
  }
}

function swap(values: Float64Array, a: number, b: number): void {
  const t = values[a];
  values[a] = values[b];
  values[b] = t;
}
