import { nonNegativeLeastSquares } from './nonNegativeLeastSquares.js';

export type EnsembleWeighting = 'inverse-mse' | 'stacking' | 'equal';

/**
 * w_i = (1 / MSE_i) / sum_j (1 / MSE_j) (Bates and Granger 1969, ignoring the covariances):
 * members that forecast better in validation count for more. Members with an MSE of exactly
 * 0 (a perfect validation record) share the whole weight equally.
 */
export function inverseMseWeights(meanSquaredErrors: ArrayLike<number>): Float64Array {
  const k = meanSquaredErrors.length;
  const perfect = Array.from(meanSquaredErrors, (mse) => mse === 0);
  const perfectCount = perfect.filter(Boolean).length;
  if (perfectCount > 0) return Float64Array.from(perfect, (isPerfect) => (isPerfect ? 1 / perfectCount : 0));
  const inverse = Float64Array.from({ length: k }, (_, i) => 1 / meanSquaredErrors[i]);
  const sum = inverse.reduce((a, b) => a + b, 0);
  return inverse.map((value) => value / sum);
}

/**
 * Stacking (Wolpert 1992; Breiman 1996, "stacked regressions"): regress the validation
 * actuals on the members' validation forecasts without an intercept, by non-negative least
 * squares (Lawson-Hanson, nonNegativeLeastSquares.ts), then divide the coefficients by their
 * sum so the weights sum to 1, as Breiman recommends. The normalisation is a projection, not
 * the exact least-squares optimum on the simplex; it keeps the NNLS ranking and zeros.
 * `forecasts` is row-major pairs x members. When NNLS gives all zeros (no member forecast
 * correlates positively with the actuals) the weights fall back to equal, with a warning.
 */
export function stackingWeights(forecasts: Float64Array, actuals: Float64Array, pairs: number, members: number): { weights: Float64Array; warnings: string[] } {
  const warnings: string[] = [];
  if (pairs < members) warnings.push(`stacking fits ${members} weights on only ${pairs} validation forecasts; the weights are poorly determined (use a longer validationWindow or a larger horizon)`);
  const solution = nonNegativeLeastSquares(forecasts, pairs, members, actuals);
  if (!solution.converged) warnings.push(`non-negative least squares stopped after ${solution.iterations} iterations without meeting its optimality test; the stacking weights may not be optimal`);
  const sum = solution.x.reduce((a, b) => a + b, 0);
  if (!(sum > 0)) {
    warnings.push('stacking: every non-negative least-squares coefficient is 0 (no member forecast moves with the actuals); equal weights were used instead');
    return { weights: new Float64Array(members).fill(1 / members), warnings };
  }
  return { weights: solution.x.map((value) => value / sum), warnings };
}
