/**
 * The points worth drawing of long series sharing one x axis: all of them when there are at
 * most `maxPoints`, otherwise, in equal buckets of consecutive points, each bucket's first and
 * last point and the lowest and highest point of every series. A pixel column cannot show
 * more, so a chart of a million bars keeps every peak and trough (the max drawdown included)
 * at a few thousand points. Indices ascending, never more than `maxPoints` (and at least one
 * bucket). NaN values are skipped when looking for extremes.
 */
export function decimateIndices(series: ReadonlyArray<ArrayLike<number>>, length: number, maxPoints: number): Int32Array {
  if (length <= maxPoints) return Int32Array.from({ length }, (_, i) => i);
  const perBucket = 2 + 2 * series.length;
  const buckets = Math.max(1, Math.floor(maxPoints / perBucket));
  const size = Math.ceil(length / buckets);
  const kept: number[] = [];
  const bucketIndices: number[] = [];
  for (let start = 0; start < length; start += size) {
    const end = Math.min(length, start + size);
    bucketIndices.length = 0;
    bucketIndices.push(start, end - 1);
    for (const values of series) {
      let lowest = -1;
      let highest = -1;
      for (let i = start; i < end; i++) {
        const value = values[i];
        if (Number.isNaN(value)) continue;
        if (lowest < 0 || value < values[lowest]) lowest = i;
        if (highest < 0 || value > values[highest]) highest = i;
      }
      if (lowest >= 0) bucketIndices.push(lowest, highest);
    }
    bucketIndices.sort((a, b) => a - b);
    for (let k = 0; k < bucketIndices.length; k++) if (k === 0 || bucketIndices[k] !== bucketIndices[k - 1]) kept.push(bucketIndices[k]);
  }
  return Int32Array.from(kept);
}
