/**
 * All eigenvalues and eigenvectors of a symmetric row-major n x n matrix, eigenvalues in
 * descending order, eigenvector k in row k of `vectors` (unit length).
 *
 * Householder reduction to tridiagonal form followed by the implicit QL algorithm: the tred2 and
 * tql2 procedures of the EISPACK / JAMA lineage (Bowdler, Martin, Reinsch and Wilkinson, Handbook
 * for Automatic Computation II, 1971), written out over Float64Array. Hand-written because SSA's
 * lag-covariance matrices are small (L x L with L of a few dozen to a hundred) and decomposed once
 * per symbol per refit: a dependency-free, allocation-light kernel is what the forecasting budget
 * needs, and it is backward stable (eigenvalues accurate to n * eps * ||A||). The QL phase keeps
 * the eigenvectors as rows so its Givens rotations sweep contiguous memory.
 */
export interface SymmetricEigen {
  values: Float64Array;
  vectors: Float64Array;
}

const epsilon = 2.220446049250313e-16;

export function symmetricEigen(matrix: ArrayLike<number>, n: number): SymmetricEigen {
  const v = Float64Array.from(matrix);
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  if (n === 0) return { values: d, vectors: v };
  if (n === 1) {
    d[0] = v[0];
    v[0] = 1;
    return { values: d, vectors: v };
  }
  tridiagonalize(v, d, e, n);
  // tred2 leaves the accumulated transformation with eigenvector components in columns;
  // transpose so the QL rotations act on rows.
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const t = v[i * n + j];
      v[i * n + j] = v[j * n + i];
      v[j * n + i] = t;
    }
  }
  diagonalizeTridiagonal(v, d, e, n);
  return sortDescending(d, v, n);
}

/** tred2: A = Q T Q', T tridiagonal with diagonal d and sub-diagonal e[1..n-1]; Q left in v. */
function tridiagonalize(v: Float64Array, d: Float64Array, e: Float64Array, n: number): void {
  for (let j = 0; j < n; j++) d[j] = v[(n - 1) * n + j];
  for (let i = n - 1; i > 0; i--) {
    let scale = 0;
    let h = 0;
    for (let k = 0; k < i; k++) scale += Math.abs(d[k]);
    if (scale === 0) {
      e[i] = d[i - 1];
      for (let j = 0; j < i; j++) {
        d[j] = v[(i - 1) * n + j];
        v[i * n + j] = 0;
        v[j * n + i] = 0;
      }
    } else {
      for (let k = 0; k < i; k++) {
        d[k] /= scale;
        h += d[k] * d[k];
      }
      let f = d[i - 1];
      let g = Math.sqrt(h);
      if (f > 0) g = -g;
      e[i] = scale * g;
      h -= f * g;
      d[i - 1] = f - g;
      for (let j = 0; j < i; j++) e[j] = 0;
      for (let j = 0; j < i; j++) {
        f = d[j];
        v[j * n + i] = f;
        g = e[j] + v[j * n + j] * f;
        for (let k = j + 1; k <= i - 1; k++) {
          g += v[k * n + j] * d[k];
          e[k] += v[k * n + j] * f;
        }
        e[j] = g;
      }
      f = 0;
      for (let j = 0; j < i; j++) {
        e[j] /= h;
        f += e[j] * d[j];
      }
      const hh = f / (h + h);
      for (let j = 0; j < i; j++) e[j] -= hh * d[j];
      for (let j = 0; j < i; j++) {
        f = d[j];
        g = e[j];
        for (let k = j; k <= i - 1; k++) v[k * n + j] -= f * e[k] + g * d[k];
        d[j] = v[(i - 1) * n + j];
        v[i * n + j] = 0;
      }
    }
    d[i] = h;
  }
  for (let i = 0; i < n - 1; i++) {
    v[(n - 1) * n + i] = v[i * n + i];
    v[i * n + i] = 1;
    const h = d[i + 1];
    if (h !== 0) {
      for (let k = 0; k <= i; k++) d[k] = v[k * n + i + 1] / h;
      for (let j = 0; j <= i; j++) {
        let g = 0;
        for (let k = 0; k <= i; k++) g += v[k * n + i + 1] * v[k * n + j];
        for (let k = 0; k <= i; k++) v[k * n + j] -= g * d[k];
      }
    }
    for (let k = 0; k <= i; k++) v[k * n + i + 1] = 0;
  }
  for (let j = 0; j < n; j++) {
    d[j] = v[(n - 1) * n + j];
    v[(n - 1) * n + j] = 0;
  }
  v[(n - 1) * n + n - 1] = 1;
  e[0] = 0;
}

/** tql2 on the tridiagonal (d, e); rotations applied to the rows of w (w = Q'). */
function diagonalizeTridiagonal(w: Float64Array, d: Float64Array, e: Float64Array, n: number): void {
  for (let i = 1; i < n; i++) e[i - 1] = e[i];
  e[n - 1] = 0;
  let f = 0;
  let tst1 = 0;
  for (let l = 0; l < n; l++) {
    tst1 = Math.max(tst1, Math.abs(d[l]) + Math.abs(e[l]));
    let m = l;
    while (m < n - 1 && Math.abs(e[m]) > epsilon * tst1) m++;
    if (m > l) {
      let iterations = 0;
      do {
        // 30 sweeps per eigenvalue is EISPACK's bound; QL converges cubically, so reaching it
        // means the input held NaN or infinity, which the callers exclude.
        if (++iterations > 60) break;
        let g = d[l];
        let p = (d[l + 1] - g) / (2 * e[l]);
        let r = Math.sqrt(p * p + 1);
        if (p < 0) r = -r;
        d[l] = e[l] / (p + r);
        d[l + 1] = e[l] * (p + r);
        const dl1 = d[l + 1];
        let h = g - d[l];
        for (let i = l + 2; i < n; i++) d[i] -= h;
        f += h;
        p = d[m];
        let c = 1;
        let c2 = c;
        let c3 = c;
        const el1 = e[l + 1];
        let s = 0;
        let s2 = 0;
        for (let i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          g = c * e[i];
          h = c * p;
          r = Math.sqrt(p * p + e[i] * e[i]);
          e[i + 1] = s * r;
          s = e[i] / r;
          c = p / r;
          p = c * d[i] - s * g;
          d[i + 1] = h + s * (c * g + s * d[i]);
          const rowI = i * n;
          const rowNext = rowI + n;
          for (let k = 0; k < n; k++) {
            const upper = w[rowNext + k];
            const lower = w[rowI + k];
            w[rowNext + k] = s * lower + c * upper;
            w[rowI + k] = c * lower - s * upper;
          }
        }
        p = (-s * s2 * c3 * el1 * e[l]) / dl1;
        e[l] = s * p;
        d[l] = c * p;
      } while (Math.abs(e[l]) > epsilon * tst1);
    }
    d[l] += f;
    e[l] = 0;
  }
}

function sortDescending(d: Float64Array, w: Float64Array, n: number): SymmetricEigen {
  const order = Array.from({ length: n }, (_, k) => k).sort((a, b) => d[b] - d[a]);
  const values = new Float64Array(n);
  const vectors = new Float64Array(n * n);
  order.forEach((from, to) => {
    values[to] = d[from];
    vectors.set(w.subarray(from * n, from * n + n), to * n);
  });
  return { values, vectors };
}
