import { resolveGarchLayout, type GarchLayout } from './GarchSpecification.js';
import { LikelihoodWorkspace } from './LikelihoodWorkspace.js';
import { modelNegativeLogLikelihood } from './modelNegativeLogLikelihood.js';
import type { VarianceBounds } from './varianceBounds.js';

/**
 * arch's full starting point on the (scaled) series: the mean model's OLS values, the
 * variance grid's best candidate and, for the Student-t, nu from the kurtosis of the residuals
 * standardised by the starting variances.
 */
export function garchStartingValues(layout: GarchLayout, meanStart: Float64Array, residuals: Float64Array, bounds: VarianceBounds, backcast: number): Float64Array {
  const start = new Float64Array(layout.count);
  start.set(meanStart);
  const varianceStart = varianceStartingValues(layout, residuals, bounds, backcast);
  start.set(varianceStart, layout.varianceOffset);
  if (layout.degreesIndex >= 0) {
    const gridLayout = resolveGarchLayout({ volatility: layout.volatility, p: layout.p, o: layout.o, q: layout.q, mean: 'zero' });
    const gridWorkspace = new LikelihoodWorkspace(gridLayout, residuals, bounds, backcast);
    modelNegativeLogLikelihood(gridWorkspace, varianceStart);
    start[layout.degreesIndex] = degreesStartingValue(residuals.map((e, t) => e / Math.sqrt(gridWorkspace.variance[t])));
  }
  return start;
}

/**
 * arch's starting values for the variance parameters: the candidate on a small grid with the
 * highest Gaussian likelihood of the starting residuals (arch's `starting_values`).
 * - GARCH/GJR: alpha in {0.01, 0.05, 0.1, 0.2}, gamma in the same set, and a total
 *   persistence in {0.5, 0.7, 0.9, 0.98}; omega = (1 - persistence) * mean(e^2), each alpha
 *   = alpha/p, each gamma = gamma/o, and beta takes what is left of the persistence
 *   (persistence - alpha - gamma/2) / q.
 * - EGARCH: alpha in {0.01, 0.05, 0.1, 0.2}, gamma in {-0.1, 0, 0.1}, beta in {0.5, 0.7,
 *   0.9, 0.98}; omega = (1 - beta) ln mean(e^2).
 * Returns the variance block only (omega first).
 */
export function varianceStartingValues(layout: GarchLayout, residuals: Float64Array, bounds: VarianceBounds, backcast: number): Float64Array {
  const { p, o, q } = layout;
  const gridLayout = resolveGarchLayout({ volatility: layout.volatility, p, o, q, mean: 'zero', distribution: 'normal', startup: 'backcast' });
  const workspace = new LikelihoodWorkspace(gridLayout, residuals, bounds, backcast);
  let meanSquare = 0;
  for (const e of residuals) meanSquare += e * e;
  meanSquare /= residuals.length;
  // arch loops over the alpha and gamma grids even when p or o is 0, evaluating identical
  // candidates; one pass over a single value gives the same choice (ties keep the first).
  const alphas = p > 0 ? [0.01, 0.05, 0.1, 0.2] : [0];
  const gammas = o === 0 ? [0] : layout.volatility === 'egarch' ? [-0.1, 0, 0.1] : [0.01, 0.05, 0.1, 0.2];
  const persistences = [0.5, 0.7, 0.9, 0.98];
  const candidate = new Float64Array(1 + p + o + q);
  let best: Float64Array | undefined;
  let bestValue = Infinity;
  for (const alpha of alphas) {
    for (const gamma of gammas) {
      for (const persistence of persistences) {
        if (layout.volatility === 'egarch') {
          candidate.fill((1 - persistence) * Math.log(meanSquare));
          for (let j = 0; j < p; j++) candidate[1 + j] = alpha / p;
          for (let j = 0; j < o; j++) candidate[1 + p + j] = gamma / o;
          for (let j = 0; j < q; j++) candidate[1 + p + o + j] = persistence / q;
        } else {
          candidate.fill((1 - persistence) * meanSquare);
          let left = persistence;
          if (p > 0) {
            for (let j = 0; j < p; j++) candidate[1 + j] = alpha / p;
            left -= alpha;
          }
          if (o > 0) {
            for (let j = 0; j < o; j++) candidate[1 + p + j] = gamma / o;
            left -= gamma / 2;
          }
          for (let j = 0; j < q; j++) candidate[1 + p + o + j] = left / q;
        }
        const value = modelNegativeLogLikelihood(workspace, candidate);
        // Strictly better only: ties keep the first candidate, as numpy's argmax does.
        if (value < bestValue) {
          bestValue = value;
          best = Float64Array.from(candidate);
        }
      }
    }
  }
  return best ?? Float64Array.from(candidate);
}

/**
 * arch's Student-t starting value from the kurtosis k = m4 / m2^2 of the standardised
 * residuals: nu = max((4k - 6) / (k - 3), 4) when k > 3.75, else 12.
 */
export function degreesStartingValue(standardized: ArrayLike<number>): number {
  const n = standardized.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += standardized[i];
  mean /= n;
  let m2 = 0;
  let m4 = 0;
  for (let i = 0; i < n; i++) {
    const d = standardized[i] - mean;
    m2 += d * d;
    m4 += d * d * d * d;
  }
  m2 /= n;
  m4 /= n;
  const kurtosis = m4 / (m2 * m2);
  return Math.max(kurtosis > 3.75 ? (4 * kurtosis - 6) / (kurtosis - 3) : 12, 4);
}
