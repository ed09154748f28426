import { meanOfSmallestInPlace, quantileInPlace } from './sampleStatistics.js';

/**
 * Historical value at risk: the `tailProbability` quantile of the per-period returns by numpy's
 * linear rule (0.05 for 95% confidence, 0.01 for 99%), reported as a return (negative for a
 * loss), as empyrical's `value_at_risk(returns, cutoff = tailProbability)`. NaN for no returns.
 */
export function valueAtRisk(returns: ArrayLike<number>, tailProbability: number): number {
  return quantileInPlace(Float64Array.from(returns), tailProbability);
}

/**
 * Historical expected shortfall (conditional VaR): the mean of the
 * floor((n - 1)·tailProbability) + 1 lowest returns, which are exactly the returns at or below
 * the value at risk; empyrical's `conditional_value_at_risk`. A return (negative for a loss);
 * NaN for no returns.
 */
export function expectedShortfall(returns: ArrayLike<number>, tailProbability: number): number {
  return expectedShortfallInPlace(Float64Array.from(returns), tailProbability);
}

/** `expectedShortfall` on a work copy of the returns that it may reorder. */
export function expectedShortfallInPlace(work: Float64Array, tailProbability: number): number {
  const n = work.length;
  return n === 0 ? NaN : meanOfSmallestInPlace(work, Math.floor((n - 1) * tailProbability) + 1);
}
