/**
 * Inverse of a row-major n x n matrix by Gauss-Jordan elimination with partial pivoting, or
 * undefined when it is singular to working precision (a pivot below n * eps * the largest
 * entry). Covariance matrices of a dozen parameters need nothing more elaborate.
 */
export function invertMatrix(matrix: ArrayLike<number>, n: number): Float64Array | undefined {
  const a = Float64Array.from(matrix);
  const inverse = new Float64Array(n * n);
  for (let i = 0; i < n; i++) inverse[i * n + i] = 1;
  let scale = 0;
  for (let k = 0; k < n * n; k++) scale = Math.max(scale, Math.abs(a[k]));
  if (!(scale > 0) || !Number.isFinite(scale)) return undefined;
  const tolerance = n * 2.220446049250313e-16 * scale;
  for (let column = 0; column < n; column++) {
    let pivot = column;
    for (let row = column + 1; row < n; row++) if (Math.abs(a[row * n + column]) > Math.abs(a[pivot * n + column])) pivot = row;
    if (!(Math.abs(a[pivot * n + column]) > tolerance)) return undefined;
    if (pivot !== column) {
      for (let k = 0; k < n; k++) {
        [a[pivot * n + k], a[column * n + k]] = [a[column * n + k], a[pivot * n + k]];
        [inverse[pivot * n + k], inverse[column * n + k]] = [inverse[column * n + k], inverse[pivot * n + k]];
      }
    }
    const diagonal = a[column * n + column];
    for (let k = 0; k < n; k++) {
      a[column * n + k] /= diagonal;
      inverse[column * n + k] /= diagonal;
    }
    for (let row = 0; row < n; row++) {
      if (row === column) continue;
      const factor = a[row * n + column];
      if (factor === 0) continue;
      for (let k = 0; k < n; k++) {
        a[row * n + k] -= factor * a[column * n + k];
        inverse[row * n + k] -= factor * inverse[column * n + k];
      }
    }
  }
  return inverse;
}
