/**
 * arch's backcast (`VolatilityProcess.backcast`): sum_i w_i e_i^2 over the first
 * tau = min(75, T) residuals with w_i = 0.94^i / sum_j 0.94^j, i = 0 for the first residual.
 * It stands in for the pre-sample squared residual and variance. Note that it reads up to 75
 * observations ahead of the first variance, a (small) look-ahead inherited from arch; pass an
 * explicit backcast when filtering out of sample.
 */
export function archBackcast(residuals: ArrayLike<number>): number {
  const tau = Math.min(75, residuals.length);
  let weight = 1;
  let weightSum = 0;
  let sum = 0;
  for (let i = 0; i < tau; i++) {
    sum += weight * residuals[i] * residuals[i];
    weightSum += weight;
    weight *= 0.94;
  }
  return sum / weightSum;
}
