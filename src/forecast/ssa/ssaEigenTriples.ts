import { leadingEigenpairs } from './leadingEigenpairs.js';
import { symmetricEigen } from './symmetricEigen.js';
import { addLagCovariance } from './trajectory.js';

/** Which leading eigen-triples to compute: a fixed count, or the fewest reaching a variance share. */
export interface EigenTripleRequest {
  components?: number;
  varianceShare?: number;
  /** Upper bound on the count `varianceShare` selects. */
  maximumComponents?: number;
  /** Eigenvectors of an earlier fit (rows of length L) to start the subspace iteration from. */
  startingVectors?: Float64Array;
}

export interface EigenTriples {
  eigenvalues: Float64Array;
  /** Unit eigenvectors of X X' as rows (count x L). */
  eigenvectors: Float64Array;
  count: number;
  /** trace(X X') = squared Frobenius norm of the (stacked) trajectory matrix. */
  totalVariance: number;
  solver: 'full' | 'subspace';
}

/** Below this window length the full decomposition is as cheap as the iteration. */
const fullSolverWindow = 24;

/**
 * The leading eigenvalues and eigenvectors of S = sum_p X_p X_p' over the series' trajectory
 * matrices (one series: plain SSA; several: horizontally stacked MSSA). Only the requested leading
 * pairs are computed by subspace iteration; the full Householder-QL decomposition is used when
 * the window is short, when more than a quarter of the spectrum is wanted, or if the iteration
 * does not converge, so the answer is exact either way.
 */
export function ssaEigenTriples(seriesList: readonly Float64Array[], windowLength: number, request: EigenTripleRequest): EigenTriples {
  const L = windowLength;
  const lagCovariance = new Float64Array(L * L);
  for (const series of seriesList) addLagCovariance(series, L, lagCovariance);
  let totalVariance = 0;
  for (let i = 0; i < L; i++) totalVariance += lagCovariance[i * L + i];
  const share = request.varianceShare;
  const cap = request.maximumComponents ?? L;
  const countReaching = (values: Float64Array): number => {
    if (request.components !== undefined) return request.components;
    let cumulative = 0;
    for (let k = 0; k < values.length; k++) {
      cumulative += Math.max(values[k], 0);
      if (cumulative >= share! * totalVariance * (1 - 1e-12)) return Math.min(k + 1, cap);
    }
    return Math.min(values.length + 1, L, cap);
  };

  const partialLimit = Math.floor(L / 4);
  const wantsFew = request.components === undefined || request.components <= partialLimit;
  if (L > fullSolverWindow && wantsFew && totalVariance > 0) {
    const start = request.startingVectors && request.startingVectors.length % L === 0 ? request.startingVectors : undefined;
    const partial = leadingEigenpairs(lagCovariance, L, { required: countReaching, start, maximumRequired: partialLimit });
    if (partial.converged) return finish(partial.values, partial.vectors, partial.count, L, totalVariance, 'subspace');
  }
  const full = symmetricEigen(lagCovariance, L);
  const count = Math.min(countReaching(full.values), L);
  return finish(full.values.slice(0, count), full.vectors.slice(0, count * L), count, L, totalVariance, 'full');
}

function finish(values: Float64Array, vectors: Float64Array, count: number, L: number, totalVariance: number, solver: EigenTriples['solver']): EigenTriples {
  // S is positive semi-definite: a negative eigenvalue is rounding and is reported as zero.
  const eigenvalues = values.map((value) => Math.max(value, 0));
  // A fixed sign (the largest-magnitude entry positive) makes eigenvectors comparable across
  // refits and implementations; SVD routines leave the sign arbitrary.
  for (let r = 0; r < count; r++) {
    let largest = 0;
    for (let i = 1; i < L; i++) if (Math.abs(vectors[r * L + i]) > Math.abs(vectors[r * L + largest]) + 1e-12) largest = i;
    if (vectors[r * L + largest] < 0) for (let i = 0; i < L; i++) vectors[r * L + i] = -vectors[r * L + i];
  }
  return { eigenvalues, eigenvectors: vectors, count, totalVariance, solver };
}
