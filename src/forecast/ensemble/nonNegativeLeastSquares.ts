import { TickforgeError } from '../../core/errors.js';

export interface NonNegativeLeastSquaresResult {
  /** argmin ||A x - b|| subject to x >= 0. */
  x: Float64Array;
  /** ||A x - b||, as scipy.optimize.nnls's second output. */
  residualNorm: number;
  /** Outer iterations (columns moved into the passive set). */
  iterations: number;
  /** False when the iteration cap (3 x columns, scipy's default) stopped it first. */
  converged: boolean;
}

/**
 * Non-negative least squares by the active-set method of Lawson and Hanson (Solving Least
 * Squares Problems, 1974, ch. 23, algorithm NNLS), the algorithm behind
 * scipy.optimize.nnls and MATLAB's lsqnonneg. Hand-written because the ensemble solves only
 * small problems (rows = validation forecasts, columns = members) and needs no dependency.
 *
 * `matrix` is row-major `rows` x `columns`. The passive-set subproblems are solved by
 * Householder QR (not the normal equations) so nearly collinear members stay accurate. The
 * tolerance on the dual (gradient) vector is MATLAB's: 10 eps ||A||_1 max(rows, columns).
 */
export function nonNegativeLeastSquares(matrix: ArrayLike<number>, rows: number, columns: number, response: ArrayLike<number>): NonNegativeLeastSquaresResult {
  if (!Number.isInteger(rows) || !Number.isInteger(columns) || rows < 1 || columns < 1 || matrix.length !== rows * columns || response.length !== rows) {
    throw new TickforgeError('TF_ERR_FORECAST_OPTION', `non-negative least squares: a ${rows} x ${columns} problem needs ${rows * columns} matrix entries and ${rows} responses; got ${matrix.length} and ${response.length}.`);
  }
  for (let i = 0; i < matrix.length; i++) {
    if (!Number.isFinite(matrix[i])) throw new TickforgeError('TF_ERR_FORECAST_SERIES_NOT_FINITE', `non-negative least squares: matrix entry ${i} is ${matrix[i]}; every entry must be finite.`);
  }
  for (let i = 0; i < rows; i++) {
    if (!Number.isFinite(response[i])) throw new TickforgeError('TF_ERR_FORECAST_SERIES_NOT_FINITE', `non-negative least squares: response ${i} is ${response[i]}; every entry must be finite.`);
  }
  let norm1 = 0;
  for (let j = 0; j < columns; j++) {
    let sum = 0;
    for (let i = 0; i < rows; i++) sum += Math.abs(matrix[i * columns + j]);
    norm1 = Math.max(norm1, sum);
  }
  const tolerance = 10 * Number.EPSILON * norm1 * Math.max(rows, columns);
  const x = new Float64Array(columns);
  const passive = new Uint8Array(columns);
  const dual = new Float64Array(columns);
  const maxIterations = 3 * columns;
  let iterations = 0;
  let converged = true;

  const computeDual = (): void => {
    const residual = residualOf(matrix, rows, columns, response, x);
    for (let j = 0; j < columns; j++) {
      let sum = 0;
      for (let i = 0; i < rows; i++) sum += matrix[i * columns + j] * residual[i];
      dual[j] = sum;
    }
  };

  computeDual();
  while (true) {
    let entering = -1;
    for (let j = 0; j < columns; j++) if (!passive[j] && dual[j] > tolerance && (entering < 0 || dual[j] > dual[entering])) entering = j;
    if (entering < 0) break;
    if (iterations >= maxIterations) {
      converged = false;
      break;
    }
    iterations++;
    passive[entering] = 1;
    while (true) {
      const z = passiveSolution(matrix, rows, columns, response, passive);
      let allPositive = true;
      for (let j = 0; j < columns; j++) if (passive[j] && !(z[j] > 0)) allPositive = false;
      if (allPositive) {
        x.set(z);
        break;
      }
      // Step from x towards z as far as feasibility allows, then drop the columns that hit zero.
      // The blocking column leaves the passive set even if rounding leaves it a hair above 0,
      // so each pass of this loop shrinks the set and the loop ends.
      let alpha = Infinity;
      let blocking = -1;
      for (let j = 0; j < columns; j++) {
        if (!passive[j] || z[j] > 0) continue;
        const gap = x[j] - z[j];
        const step = gap > 0 ? x[j] / gap : 0;
        if (step < alpha) {
          alpha = step;
          blocking = j;
        }
      }
      for (let j = 0; j < columns; j++) {
        if (!passive[j]) continue;
        x[j] += alpha * (z[j] - x[j]);
        if (j === blocking || x[j] <= tolerance) {
          x[j] = 0;
          passive[j] = 0;
        }
      }
    }
    computeDual();
  }
  const residual = residualOf(matrix, rows, columns, response, x);
  let squares = 0;
  for (const r of residual) squares += r * r;
  return { x, residualNorm: Math.sqrt(squares), iterations, converged };
}

function residualOf(matrix: ArrayLike<number>, rows: number, columns: number, response: ArrayLike<number>, x: Float64Array): Float64Array {
  const residual = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    let fitted = 0;
    for (let j = 0; j < columns; j++) fitted += matrix[i * columns + j] * x[j];
    residual[i] = response[i] - fitted;
  }
  return residual;
}

/**
 * Unconstrained least squares on the passive columns by Householder QR, zero elsewhere. A
 * column whose pivot vanishes (collinear with columns before it) gets 0: the outer loop never
 * brings such a column in, since its dual is then 0.
 */
function passiveSolution(matrix: ArrayLike<number>, rows: number, columns: number, response: ArrayLike<number>, passive: Uint8Array): Float64Array {
  const indices: number[] = [];
  for (let j = 0; j < columns; j++) if (passive[j]) indices.push(j);
  const k = indices.length;
  // Column-major copy of the passive columns and of the response, reduced in place.
  const a = new Float64Array(rows * k);
  for (let c = 0; c < k; c++) for (let i = 0; i < rows; i++) a[c * rows + i] = matrix[i * columns + indices[c]];
  const b = Float64Array.from({ length: rows }, (_, i) => response[i]);
  const diagonal = new Float64Array(k);
  const steps = Math.min(k, rows);
  for (let c = 0; c < steps; c++) {
    let norm = 0;
    for (let i = c; i < rows; i++) norm += a[c * rows + i] ** 2;
    norm = Math.sqrt(norm);
    if (norm === 0) continue;
    const alpha = a[c * rows + c] > 0 ? -norm : norm;
    // Householder vector v = x - alpha e1, stored over the column.
    a[c * rows + c] -= alpha;
    let vNorm = 0;
    for (let i = c; i < rows; i++) vNorm += a[c * rows + i] ** 2;
    diagonal[c] = alpha;
    if (vNorm === 0) continue;
    const reflect = (target: Float64Array, offset: number): void => {
      let dot = 0;
      for (let i = c; i < rows; i++) dot += a[c * rows + i] * target[offset + i];
      const scale = (2 * dot) / vNorm;
      for (let i = c; i < rows; i++) target[offset + i] -= scale * a[c * rows + i];
    };
    for (let other = c + 1; other < k; other++) reflect(a, other * rows);
    reflect(b, 0);
  }
  const solution = new Float64Array(k);
  const largest = diagonal.reduce((m, d) => Math.max(m, Math.abs(d)), 0);
  for (let c = steps - 1; c >= 0; c--) {
    if (Math.abs(diagonal[c]) <= largest * 1e-13) continue;
    let value = b[c];
    for (let other = c + 1; other < steps; other++) value -= a[other * rows + c] * solution[other];
    solution[c] = value / diagonal[c];
  }
  const z = new Float64Array(columns);
  indices.forEach((j, c) => (z[j] = solution[c]));
  return z;
}
