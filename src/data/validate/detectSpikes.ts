import type { Bars } from '../../core/Bars.js';

/**
 * Rows whose high or low lies more than `factor` times away from the local price level,
 * taken as the median of (previous close, open, close, next open). A bad print such as a low
 * of 5.4 on a 36.79 close passes every OHLC rule, so only this kind of check can see it. The
 * median ignores a real level shift (a spin-off gap moves open, close and next open together)
 * and a single bogus value. Returns output row indices; callers report them, never drop them.
 */
export function detectSpikes(bars: Bars, factor: number): number[] {
  if (!(factor > 1)) throw new RangeError(`detectSpikes: factor must be > 1, got ${factor}`);
  const { open, high, low, close } = bars;
  const spikes: number[] = [];
  const n = bars.length;
  for (let i = 0; i < n; i++) {
    const reference = medianOfNeighbours(i > 0 ? close[i - 1] : NaN, open[i], close[i], i + 1 < n ? open[i + 1] : NaN);
    if (!(reference > 0)) continue;
    if (high[i] > reference * factor || low[i] < reference / factor) spikes.push(i);
  }
  return spikes;
}

/** Median of the finite values among four, without allocating. */
function medianOfNeighbours(a: number, b: number, c: number, d: number): number {
  const aOk = a - a === 0;
  const dOk = d - d === 0;
  if (aOk && dOk) {
    // Median of four: the mean of the two middle values = (sum - min - max) / 2.
    const min = Math.min(a, b, c, d);
    const max = Math.max(a, b, c, d);
    return (a + b + c + d - min - max) / 2;
  }
  if (aOk || dOk) {
    const x = aOk ? a : d;
    return Math.max(Math.min(x, b), Math.min(Math.max(x, b), c));
  }
  return (b + c) / 2;
}
