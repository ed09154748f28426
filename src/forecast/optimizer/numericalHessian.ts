import { TickforgeError } from '../../core/errors.js';
import { centralDifferenceStep } from './finiteDifferenceGradient.js';

/** Fourth root of the double epsilon: the step for second differences of function values. */
const secondDifferenceStep = Math.pow(2.220446049250313e-16, 0.25);

export interface NumericalHessianOptions {
  /** f(x); used when `gradient` is absent (second differences of values). */
  value?: (x: Float64Array) => number;
  /** Writes the gradient at x into `out` (returns f); preferred: first differences of an analytic gradient are far more accurate. */
  gradient?: (x: Float64Array, out: Float64Array) => number;
  /** Relative step h_i = relativeStep * max(|x_i|, typicalSize); default eps^(1/3) with a gradient, eps^(1/4) without. */
  relativeStep?: number;
  typicalSize?: number;
}

/**
 * The Hessian at `x` by central differences, as a row-major n x n Float64Array, symmetrised.
 *
 * With a gradient: column i is (g(x + h_i e_i) - g(x - h_i e_i)) / 2h_i, error O(h^2) with
 * h ~ eps^(1/3). With values only: the diagonal is (f(x+h) - 2f(x) + f(x-h)) / h^2 and the
 * off-diagonal the four-point cross difference, h ~ eps^(1/4) (statsmodels' approx_hess3).
 *
 * Bounds are deliberately ignored: the standard errors of a maximum-likelihood fit come from
 * the curvature of the likelihood itself, as arch and statsmodels compute them; a caller whose
 * function is undefined beyond a bound gets NaN entries, not silently one-sided ones.
 */
export function numericalHessian(x: ArrayLike<number>, options: NumericalHessianOptions): Float64Array {
  const n = x.length;
  const typicalSize = options.typicalSize ?? 1;
  const point = Float64Array.from(x);
  const hessian = new Float64Array(n * n);
  const stepOf = (i: number, relative: number): number => {
    const h = relative * Math.max(Math.abs(point[i]), typicalSize);
    return point[i] + h - point[i];
  };
  if (options.gradient) {
    const relative = options.relativeStep ?? centralDifferenceStep;
    const forward = new Float64Array(n);
    const backward = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const h = stepOf(i, relative);
      const xi = point[i];
      point[i] = xi + h;
      options.gradient(point, forward);
      point[i] = xi - h;
      options.gradient(point, backward);
      point[i] = xi;
      for (let j = 0; j < n; j++) hessian[j * n + i] = (forward[j] - backward[j]) / (2 * h);
    }
  } else if (options.value) {
    const f = options.value;
    const relative = options.relativeStep ?? secondDifferenceStep;
    const steps = Array.from({ length: n }, (_, i) => stepOf(i, relative));
    const center = f(point);
    for (let i = 0; i < n; i++) {
      const xi = point[i];
      const hi = steps[i];
      point[i] = xi + hi;
      const plus = f(point);
      point[i] = xi - hi;
      const minus = f(point);
      point[i] = xi;
      hessian[i * n + i] = (plus - 2 * center + minus) / (hi * hi);
      for (let j = i + 1; j < n; j++) {
        const xj = point[j];
        const hj = steps[j];
        const corner = (si: number, sj: number): number => {
          point[i] = xi + si * hi;
          point[j] = xj + sj * hj;
          const v = f(point);
          point[i] = xi;
          point[j] = xj;
          return v;
        };
        const value = (corner(1, 1) - corner(1, -1) - corner(-1, 1) + corner(-1, -1)) / (4 * hi * hj);
        hessian[i * n + j] = value;
        hessian[j * n + i] = value;
      }
    }
  } else {
    throw new TickforgeError('TF_ERR_FORECAST_OPTION', 'numericalHessian needs a value or a gradient function; give one of them.');
  }
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const mean = 0.5 * (hessian[i * n + j] + hessian[j * n + i]);
      hessian[i * n + j] = mean;
      hessian[j * n + i] = mean;
    }
  }
  return hessian;
}
