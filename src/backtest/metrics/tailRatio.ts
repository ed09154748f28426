import { quantileInPlace } from './sampleStatistics.js';

/**
 * Tail ratio: |95th percentile| / |5th percentile| of the returns (numpy's linear percentile),
 * empyrical's `tail_ratio`; 0.25 means the left tail is four times the right. NaN for no
 * returns and when the 5th percentile is 0.
 */
export function tailRatio(returns: ArrayLike<number>): number {
  return tailRatioInPlace(Float64Array.from(returns));
}

/** `tailRatio` on a work copy of the returns that it may reorder. */
export function tailRatioInPlace(work: Float64Array): number {
  if (work.length === 0) return NaN;
  const left = Math.abs(quantileInPlace(work, 0.05));
  return left > 0 ? Math.abs(quantileInPlace(work, 0.95)) / left : NaN;
}
