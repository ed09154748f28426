import { invertMatrix } from './invertMatrix.js';

/**
 * Ordinary least squares b = (X'X)^-1 X'y for a row-major design of `rows` x `columns`, or
 * undefined when X'X is singular (collinear regressors). The normal equations are accurate
 * enough for the few regressors of an AR mean's starting values.
 */
export function leastSquares(design: ArrayLike<number>, response: ArrayLike<number>, rows: number, columns: number): Float64Array | undefined {
  return leastSquaresWithInverse(design, response, rows, columns)?.coefficients;
}

/** `leastSquares` and (X'X)^-1 with it, for callers that need the coefficients' variances (t-values). */
export function leastSquaresWithInverse(design: ArrayLike<number>, response: ArrayLike<number>, rows: number, columns: number): { coefficients: Float64Array; inverse: Float64Array } | undefined {
  const xtx = new Float64Array(columns * columns);
  const xty = new Float64Array(columns);
  for (let r = 0; r < rows; r++) {
    for (let i = 0; i < columns; i++) {
      const xi = design[r * columns + i];
      xty[i] += xi * response[r];
      for (let j = 0; j < columns; j++) xtx[i * columns + j] += xi * design[r * columns + j];
    }
  }
  const inverse = invertMatrix(xtx, columns);
  if (!inverse) return undefined;
  const coefficients = new Float64Array(columns);
  for (let i = 0; i < columns; i++) for (let j = 0; j < columns; j++) coefficients[i] += inverse[i * columns + j] * xty[j];
  return { coefficients, inverse };
}
