import { symmetricEigen } from './symmetricEigen.js';

/**
 * The leading eigenpairs of a symmetric positive semi-definite row-major n x n matrix by
 * subspace (block power) iteration with a Rayleigh-Ritz step at every iteration (Rutishauser's
 * method; Saad, Numerical Methods for Large Eigenvalue Problems, ch. 5). Forecasting needs only
 * the few leading eigen-triples of the lag-covariance matrix, and a full decomposition of it costs
 * O(n^3) with a large constant while one iteration here costs O(b n^2) for a block of b vectors.
 * A block (not Lanczos) iteration because SSA's sine-wave pairs have equal or nearly equal
 * eigenvalues, which a single-vector Krylov method resolves poorly.
 *
 * A pair counts as converged when ||A y - theta y|| <= max(1e-11 theta, 64 eps theta_1): eigenvalue
 * errors are then below 1e-22 relative and eigenvector errors about that residual over the gap to
 * the rest of the spectrum, the accuracy LAPACK's full solvers reach.
 */
export interface LeadingEigenOptions {
  /**
   * How many leading pairs must converge, asked again after every Rayleigh-Ritz step with the
   * current Ritz values (lower bounds of the eigenvalues), so the count can depend on them.
   */
  required: (ritzValues: Float64Array) => number;
  /** Starting vectors, rows of length n (a previous fit's eigenvectors for a warm start). */
  start?: Float64Array;
  /** Stop after this many iterations and report `converged: false`. Default 300. */
  maxIterations?: number;
  /** Give up (converged false, fallback true) when more than this many pairs are required. */
  maximumRequired?: number;
}

export interface LeadingEigenResult {
  /** Leading Ritz values, descending (length `count`). */
  values: Float64Array;
  /** Matching unit eigenvectors as rows (count x n). */
  vectors: Float64Array;
  count: number;
  converged: boolean;
  /** True when the required count outgrew `maximumRequired`: use a full decomposition instead. */
  fallback: boolean;
  iterations: number;
}

const epsilon = 2.220446049250313e-16;

export function leadingEigenpairs(matrix: Float64Array, n: number, options: LeadingEigenOptions): LeadingEigenResult {
  const maxIterations = options.maxIterations ?? 300;
  const maximumRequired = Math.min(options.maximumRequired ?? n, n);
  const random = seededUniform(0x9e3779b9);
  let required = Math.max(1, Math.min(options.required(new Float64Array(0)) || 1, n));
  let block = blockSizeFor(required, n);
  let q: Float64Array = new Float64Array(block * n);
  const startRows = options.start ? Math.min(Math.floor(options.start.length / n), block) : 0;
  if (startRows > 0) q.set(options.start!.subarray(0, startRows * n));
  for (let k = startRows * n; k < q.length; k++) q[k] = random();
  orthonormalizeRows(q, block, n, random);

  let z = new Float64Array(block * n);
  let values: Float64Array = new Float64Array(0);
  let ritz: Float64Array = new Float64Array(0);
  let ritzProducts: Float64Array = new Float64Array(0);
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    multiplyRows(matrix, q, z, block, n);
    const projected = new Float64Array(block * block);
    for (let i = 0; i < block; i++) {
      for (let j = i; j < block; j++) {
        let sum = 0;
        for (let k = 0; k < n; k++) sum += q[i * n + k] * z[j * n + k];
        projected[i * block + j] = sum;
        projected[j * block + i] = sum;
      }
    }
    const small = symmetricEigen(projected, block);
    values = small.values;
    ritz = combineRows(small.vectors, q, block, n);
    ritzProducts = combineRows(small.vectors, z, block, n);
    required = Math.max(1, Math.min(options.required(values), n));
    if (required > maximumRequired) return { values, vectors: ritz, count: 0, converged: false, fallback: true, iterations: iteration };
    // Pairs beyond block - 2 have too little oversampling to be trusted: check what the block can
    // hold, and grow it only once those have converged and the count still asks for more.
    const checked = block === n ? required : Math.min(required, Math.max(1, block - 2));
    let allConverged = true;
    const floor = 64 * epsilon * Math.max(values[0], 0);
    for (let i = 0; i < checked && allConverged; i++) {
      let residual = 0;
      for (let k = 0; k < n; k++) {
        const r = ritzProducts[i * n + k] - values[i] * ritz[i * n + k];
        residual += r * r;
      }
      if (Math.sqrt(residual) > Math.max(1e-11 * values[i], floor)) allConverged = false;
    }
    if (allConverged && checked === required) {
      return { values: values.slice(0, required), vectors: ritz.slice(0, required * n), count: required, converged: true, fallback: false, iterations: iteration };
    }
    // The next block spans A * (current block): the Ritz products, grown with random vectors
    // when the required count has outgrown the oversampling.
    const wantedBlock = blockSizeFor(required, n);
    if (allConverged && wantedBlock > block) {
      const grown = new Float64Array(wantedBlock * n);
      grown.set(ritzProducts);
      for (let k = block * n; k < grown.length; k++) grown[k] = random();
      block = wantedBlock;
      q = grown;
      z = new Float64Array(block * n);
    } else {
      q = ritzProducts;
    }
    orthonormalizeRows(q, block, n, random);
  }
  const count = Math.min(required, block);
  return { values: values.slice(0, count), vectors: ritz.slice(0, count * n), count, converged: false, fallback: false, iterations: maxIterations };
}

/**
 * Twice as many vectors as required plus three: the oversampling sets the convergence rate
 * (lambda_{b+1} / lambda_i per iteration), and SSA spectra of prices and seasonal series fall
 * fast enough that a few extra vectors converge in a handful of iterations.
 */
function blockSizeFor(required: number, n: number): number {
  return Math.min(n, 2 * required + 3);
}

/**
 * out_j = A v_j for the rows v_j of `rows`; A symmetric, so each entry is a row-row dot product.
 * Two vectors share each pass over a row of A, halving the loads of the matrix.
 */
function multiplyRows(matrix: Float64Array, rows: Float64Array, out: Float64Array, count: number, n: number): void {
  let j = 0;
  for (; j + 1 < count; j += 2) {
    const first = j * n;
    const second = first + n;
    for (let i = 0; i < n; i++) {
      const rowOffset = i * n;
      let sumFirst = 0;
      let sumSecond = 0;
      for (let k = 0; k < n; k++) {
        const a = matrix[rowOffset + k];
        sumFirst += a * rows[first + k];
        sumSecond += a * rows[second + k];
      }
      out[first + i] = sumFirst;
      out[second + i] = sumSecond;
    }
  }
  if (j < count) {
    const offset = j * n;
    for (let i = 0; i < n; i++) {
      const rowOffset = i * n;
      let sum = 0;
      for (let k = 0; k < n; k++) sum += matrix[rowOffset + k] * rows[offset + k];
      out[offset + i] = sum;
    }
  }
}

/** Rows of W' R: row i is sum_j w[i][j] r_j, where the eigenvectors of the projection are w's rows. */
function combineRows(weights: Float64Array, rows: Float64Array, count: number, n: number): Float64Array {
  const out = new Float64Array(count * n);
  for (let i = 0; i < count; i++) {
    for (let j = 0; j < count; j++) {
      const w = weights[i * count + j];
      if (w === 0) continue;
      for (let k = 0; k < n; k++) out[i * n + k] += w * rows[j * n + k];
    }
  }
  return out;
}

/**
 * Gram-Schmidt twice (Giraud et al.'s "twice is enough") over the rows; a row that loses almost
 * all its norm (the matrix has lower rank than the block) is replaced by a random direction.
 */
export function orthonormalizeRows(rows: Float64Array, count: number, n: number, random: () => number): void {
  for (let i = 0; i < count; i++) {
    const offset = i * n;
    for (let attempt = 0; ; attempt++) {
      let before = 0;
      for (let k = 0; k < n; k++) before += rows[offset + k] * rows[offset + k];
      for (let pass = 0; pass < 2; pass++) {
        for (let j = 0; j < i; j++) {
          let dot = 0;
          for (let k = 0; k < n; k++) dot += rows[j * n + k] * rows[offset + k];
          for (let k = 0; k < n; k++) rows[offset + k] -= dot * rows[j * n + k];
        }
      }
      let after = 0;
      for (let k = 0; k < n; k++) after += rows[offset + k] * rows[offset + k];
      if (after > 1e-20 * before && after > 0 && Number.isFinite(after)) {
        const scale = 1 / Math.sqrt(after);
        for (let k = 0; k < n; k++) rows[offset + k] *= scale;
        break;
      }
      if (attempt > 8) throw new Error(`orthonormalizeRows: cannot extend ${i} orthonormal rows in dimension ${n}`);
      for (let k = 0; k < n; k++) rows[offset + k] = random();
    }
  }
}

/** A small deterministic generator (xorshift32) for starting vectors: no global state, no clock. */
export function seededUniform(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 4294967296 - 0.5;
  };
}
