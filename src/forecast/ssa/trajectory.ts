/**
 * Kernels on the L x K trajectory (Hankel) matrix X[i][k] = x[i + k] of a series of length
 * N = L + K - 1, never formed explicitly: every product below reads the series in place.
 */

/**
 * Adds the lag-covariance matrix X X' (L x L, row-major) of `series` to `out`:
 * S[i][j] = sum_k x[i+k] x[j+k]. The first row costs O(L K); each further entry follows from its
 * up-left neighbour by removing one product and adding one (S[i+1][j+1] = S[i][j] - x[i] x[j] +
 * x[i+K] x[j+K]), so the whole matrix costs O(L K + L^2) instead of O(L^2 K).
 */
export function addLagCovariance(series: Float64Array, windowLength: number, out: Float64Array): void {
  const L = windowLength;
  const K = series.length - L + 1;
  const upper = new Float64Array(L * L);
  for (let j = 0; j < L; j++) {
    let sum = 0;
    for (let k = 0; k < K; k++) sum += series[k] * series[j + k];
    upper[j] = sum;
  }
  for (let i = 1; i < L; i++) {
    for (let j = i; j < L; j++) {
      upper[i * L + j] = upper[(i - 1) * L + j - 1] - series[i - 1] * series[j - 1] + series[i - 1 + K] * series[j - 1 + K];
    }
  }
  for (let i = 0; i < L; i++) {
    out[i * L + i] += upper[i * L + i];
    for (let j = i + 1; j < L; j++) {
      out[i * L + j] += upper[i * L + j];
      out[j * L + i] += upper[i * L + j];
    }
  }
}

/** X' u (length K): the unnormalised factor vector of the left singular vector u. */
export function transposeProduct(series: Float64Array, windowLength: number, u: ArrayLike<number>): Float64Array {
  const L = windowLength;
  const K = series.length - L + 1;
  const out = new Float64Array(K);
  for (let i = 0; i < L; i++) {
    const ui = u[i];
    if (ui === 0) continue;
    for (let k = 0; k < K; k++) out[k] += ui * series[i + k];
  }
  return out;
}

/**
 * Adds the anti-diagonal sums of the rank-one matrix u z' (L x K) to `sums` (length L + K - 1):
 * sums[n] += sum over i + k = n of u[i] z[k]. Divided by the anti-diagonal lengths (see
 * `divideByAntiDiagonalLengths`) this is the diagonal averaging (Hankelisation) of SSA.
 */
export function addAntiDiagonalSums(u: ArrayLike<number>, z: ArrayLike<number>, sums: Float64Array): void {
  const L = u.length;
  const K = z.length;
  for (let i = 0; i < L; i++) {
    const ui = u[i];
    if (ui === 0) continue;
    for (let k = 0; k < K; k++) sums[i + k] += ui * z[k];
  }
}

/** Divides anti-diagonal sums by the number of entries on each anti-diagonal. */
export function divideByAntiDiagonalLengths(sums: Float64Array, windowLength: number): Float64Array {
  const N = sums.length;
  const K = N - windowLength + 1;
  const shorter = Math.min(windowLength, K);
  for (let n = 0; n < N; n++) sums[n] /= Math.min(n + 1, shorter, N - n);
  return sums;
}
