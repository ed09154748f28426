import { TickforgeError } from '../../core/errors.js';
import { ssaEigenTriples } from './ssaEigenTriples.js';
import { addAntiDiagonalSums, divideByAntiDiagonalLengths, transposeProduct } from './trajectory.js';
import { checkComponentRequest, checkSsaSeries, checkWindowLength } from './validateSsaInput.js';

export interface SsaOptions {
  /** Window (embedding) length L, 2..N-1. Default `defaultSsaWindowLength(N)` = min(floor(N/2), 120). */
  windowLength?: number;
  /** How many leading eigen-triples to compute, 1..L. Default: all L (unless `varianceShare`). */
  components?: number;
  /** Compute the fewest leading eigen-triples whose eigenvalues reach this share of the total. */
  varianceShare?: number;
  /** With `varianceShare`: never more than this many eigen-triples (a warning says when it binds). Default L. */
  maximumComponents?: number;
  /** Eigenvectors of an earlier decomposition with the same window (rows of length L), to start from. */
  startingVectors?: Float64Array;
}

export interface SsaDecomposition {
  series: Float64Array;
  windowLength: number;
  /** K = N - L + 1, the number of lagged vectors (columns of the trajectory matrix). */
  lagCount: number;
  /** Number of eigen-triples computed (the length of the arrays below). */
  components: number;
  /** Eigenvalues of X X' (squared singular values of X), descending. */
  eigenvalues: Float64Array;
  /** eigenvalue / totalVariance: each eigen-triple's share of ||X||_F^2. */
  explainedVariance: Float64Array;
  /** trace(X X') = ||X||_F^2, the sum of all L eigenvalues. */
  totalVariance: number;
  /** Left singular vectors U_i (length L), sign fixed so the largest-magnitude entry is positive. */
  eigenvectors: Float64Array[];
  /** Factor vectors V_i = X' U_i / sqrt(lambda_i) (length K); zero where lambda_i is zero. */
  factorVectors: Float64Array[];
  /**
   * The series each group of eigen-triples (0-based indices) reconstructs: the diagonal averaging
   * of sum_{i in group} U_i U_i' X. The reconstructions of a partition of all L triples add up to
   * the series.
   */
  reconstruct(groups: readonly (readonly number[])[]): Float64Array[];
  warnings: string[];
}

/**
 * Basic singular spectrum analysis (Golyandina, Nekrutkin and Zhigljavsky, Analysis of Time
 * Series Structure: SSA and Related Techniques, 2001, ch. 1): embedding into the L x K trajectory
 * matrix X, its SVD through the eigen-decomposition of X X' (see ssaEigenTriples.ts), grouping
 * and diagonal averaging. Uncentred, as Golyandina's basic SSA and Rssa: the first eigen-triple
 * carries the level.
 *
 * Throws TF_ERR_FORECAST_SERIES_TOO_SHORT below 3 observations, TF_ERR_FORECAST_SERIES_NOT_FINITE
 * on NaN or infinity, TF_ERR_FORECAST_SERIES_CONSTANT on an all-zero series (nothing to
 * decompose) and TF_ERR_FORECAST_OPTION on a bad window or component count; a constant non-zero
 * series decomposes exactly (one eigen-triple) with a warning.
 */
export function decomposeSsa(series: ArrayLike<number>, options: SsaOptions = {}): SsaDecomposition {
  const values = checkSsaSeries(series, 'the series');
  const N = values.length;
  const L = checkWindowLength(options.windowLength, N);
  checkComponentRequest(options.components, options.varianceShare, L, options.maximumComponents);
  const warnings: string[] = [];
  if (values.every((value) => value === values[0])) {
    if (values[0] === 0) throw new TickforgeError('TF_ERR_FORECAST_SERIES_CONSTANT', 'The series is identically zero: SSA has nothing to decompose and its forecast is zero.');
    warnings.push(`the series is constant (${values[0]}): it is one eigen-triple and every forecast repeats it`);
  }
  const triples = ssaEigenTriples([values], L, {
    components: options.components ?? (options.varianceShare === undefined ? L : undefined),
    varianceShare: options.varianceShare,
    maximumComponents: options.maximumComponents,
    startingVectors: options.startingVectors,
  });
  shareWarning(triples, options.varianceShare, warnings);
  const eigenvectors = Array.from({ length: triples.count }, (_, r) => triples.eigenvectors.slice(r * L, (r + 1) * L));
  const products = eigenvectors.map((u) => transposeProduct(values, L, u));
  const factorVectors = products.map((z, r) => {
    const singularValue = Math.sqrt(triples.eigenvalues[r]);
    return singularValue > 0 ? z.map((value) => value / singularValue) : new Float64Array(z.length);
  });
  return {
    series: values,
    windowLength: L,
    lagCount: N - L + 1,
    components: triples.count,
    eigenvalues: triples.eigenvalues,
    explainedVariance: triples.eigenvalues.map((value) => value / triples.totalVariance),
    totalVariance: triples.totalVariance,
    eigenvectors,
    factorVectors,
    reconstruct: (groups) => groups.map((group) => reconstructGroup(group, eigenvectors, products, N, L)),
    warnings,
  };
}

/** Says when `maximumComponents` stopped the selection short of `varianceShare`. */
export function shareWarning(triples: { eigenvalues: Float64Array; totalVariance: number }, varianceShare: number | undefined, warnings: string[]): void {
  if (varianceShare === undefined) return;
  const reached = triples.eigenvalues.reduce((sum, value) => sum + value, 0) / triples.totalVariance;
  if (reached < varianceShare * (1 - 1e-12)) {
    warnings.push(`the ${triples.eigenvalues.length} leading eigen-triples (maximumComponents) explain ${(100 * reached).toFixed(2)}% of the variance, short of varianceShare ${varianceShare}: the series is noise-like at this window`);
  }
}

/** Diagonal averaging of sum_{i in group} U_i (X' U_i)' for one series. */
export function reconstructGroup(group: readonly number[], eigenvectors: readonly Float64Array[], products: readonly Float64Array[], length: number, windowLength: number): Float64Array {
  const sums = new Float64Array(length);
  for (const index of group) {
    if (!Number.isInteger(index) || index < 0 || index >= eigenvectors.length) {
      throw new TickforgeError('TF_ERR_FORECAST_OPTION', `SSA group index ${index} is not one of the ${eigenvectors.length} computed eigen-triples (0-based); compute more components or fix the group.`);
    }
    addAntiDiagonalSums(eigenvectors[index], products[index], sums);
  }
  return divideByAntiDiagonalLengths(sums, windowLength);
}
