import { TickforgeError } from '../../core/errors.js';
import { LbfgsMemory } from './LbfgsMemory.js';
import { finiteDifferenceGradient, type FiniteDifferenceOptions } from './finiteDifferenceGradient.js';
import { constraintSlackTolerance, constraintValue, projectDirection, restoreFeasibility, type LinearConstraint } from './projectDirection.js';
import { strongWolfeLineSearch, type LinePoint } from './strongWolfeLineSearch.js';

/*
 * Why hand-written: the JavaScript optimisers on npm are either unmaintained ports without
 * bounds (fmin, optimization-js), Nelder-Mead only, or wrappers of WebAssembly/C builds that
 * a pure, dependency-free domain cannot import. Maximum-likelihood fits here need bounds, a
 * line search that survives NaN regions of the likelihood and a result that says why it
 * stopped; the method below is small enough to own and test.
 *
 * Method: projected (active-set) L-BFGS, the reduced-space idea of L-BFGS-B (Byrd, Lu,
 * Nocedal and Zhu 1995) without its generalised Cauchy point. Each iteration
 * 1. fixes the variables at a bound whose gradient points out of the box,
 * 2. takes the L-BFGS direction over the remaining free variables,
 * 3. caps the step at the first bound the direction reaches and runs a strong-Wolfe line
 *    search on [0, cap]; reaching the cap while still descending puts that variable on its
 *    bound, where step 1 holds it until its gradient points inwards again.
 * Box bounds are handled exactly (no transform), so an optimum on a bound is reached exactly
 * and the Hessian of the untransformed parameters is available for standard errors.
 * Linear inequalities a'x <= b (e.g. GARCH persistence <= 1) are handled like bounds: the
 * step stops where it reaches one, and while one is active the quasi-Newton direction is
 * projected onto it in the metric of the inverse-Hessian approximation (see
 * projectDirection.ts), so an optimum on the constraint is reached exactly too. Anything else
 * is left to the objective: it may return NaN or Infinity outside its domain and the line
 * search backs off.
 */

export type TerminationReason =
  /** Projected gradient below `gradientTolerance` (converged). */
  | 'gradient'
  /** Relative decrease of f below `functionTolerance` (converged). */
  | 'function-change'
  | 'max-iterations'
  | 'max-evaluations'
  /** No step along the steepest-descent direction decreases f (a kink, noise or a non-finite region). */
  | 'line-search'
  /** f or its gradient is NaN or infinite at the start. */
  | 'non-finite-start';

export interface MinimizeOptions {
  lower?: ArrayLike<number>;
  upper?: ArrayLike<number>;
  /** Linear inequalities a'x <= limit; the start must satisfy them. */
  constraints?: readonly LinearConstraint[];
  /** Analytic gradient: writes the gradient into `out` and returns f(x). Without it, central differences. */
  gradient?: (x: Float64Array, out: Float64Array) => number;
  /** Number of (s, y) pairs kept (default 10). */
  memory?: number;
  /** Stop when the infinity norm of the projected gradient is at most this (default 1e-6). */
  gradientTolerance?: number;
  /** Stop when (f_k - f_{k+1}) / max(|f_k|, |f_{k+1}|, 1) is at most this (default 1e-12). */
  functionTolerance?: number;
  /** Default 1000. */
  maxIterations?: number;
  /** Objective evaluations (finite-difference probes included); default unlimited. */
  maxEvaluations?: number;
  /** Steps of the finite-difference gradient when `gradient` is absent. */
  finiteDifference?: Pick<FiniteDifferenceOptions, 'relativeStep' | 'typicalSize'>;
}

export interface MinimizeResult {
  x: Float64Array;
  value: number;
  gradient: Float64Array;
  /** Infinity norm of the gradient with the components blocked by active bounds and constraints removed. */
  projectedGradientNorm: number;
  iterations: number;
  /** Objective evaluations, finite-difference probes included. */
  evaluations: number;
  converged: boolean;
  reason: TerminationReason;
  message: string;
}

/** Minimises `objective` from `start` within optional box bounds; see the file comment for the method. */
export function minimize(objective: (x: Float64Array) => number, start: ArrayLike<number>, options: MinimizeOptions = {}): MinimizeResult {
  const n = start.length;
  const lower = boundArray(options.lower, n, -Infinity, 'lower');
  const upper = boundArray(options.upper, n, Infinity, 'upper');
  for (let i = 0; i < n; i++) {
    if (!(lower[i] <= upper[i])) {
      throw new TickforgeError('TF_ERR_FORECAST_OPTION', `minimize: lower bound ${lower[i]} exceeds upper bound ${upper[i]} for parameter ${i}; give lower <= upper.`);
    }
    if (!Number.isFinite(start[i])) {
      throw new TickforgeError('TF_ERR_FORECAST_OPTION', `minimize: starting value ${start[i]} of parameter ${i} is not finite; give a finite start.`);
    }
  }
  const constraints = options.constraints ?? [];
  for (const [r, constraint] of constraints.entries()) {
    if (constraint.coefficients.length !== n) {
      throw new TickforgeError('TF_ERR_FORECAST_OPTION', `minimize: constraint ${r} has ${constraint.coefficients.length} coefficients for ${n} parameters; give one per parameter.`);
    }
  }
  const gradientTolerance = options.gradientTolerance ?? 1e-6;
  const functionTolerance = options.functionTolerance ?? 1e-12;
  const maxIterations = options.maxIterations ?? 1000;
  // Each line search is capped, so maxIterations bounds the work; this is a second, optional cap.
  const maxEvaluations = options.maxEvaluations ?? Number.MAX_SAFE_INTEGER;
  const finiteDifference: FiniteDifferenceOptions = { ...options.finiteDifference, lower, upper };
  let evaluations = 0;

  const evaluateAt = (point: Float64Array, gradientOut: Float64Array): number => {
    evaluations++;
    if (options.gradient) return options.gradient(point, gradientOut);
    const value = objective(point);
    if (Number.isFinite(value)) evaluations += finiteDifferenceGradient(objective, point, value, gradientOut, finiteDifference);
    else gradientOut.fill(NaN);
    return value;
  };

  let x = new Float64Array(n);
  for (let i = 0; i < n; i++) x[i] = Math.min(upper[i], Math.max(lower[i], start[i]));
  for (const [r, constraint] of constraints.entries()) {
    const excess = constraintValue(constraint, x) - constraint.limit;
    if (excess > constraintSlackTolerance(constraint, x)) {
      throw new TickforgeError('TF_ERR_FORECAST_OPTION', `minimize: the start breaks constraint ${r} by ${excess}; start inside the feasible region.`);
    }
  }
  const free = new Uint8Array(n);
  const direction = new Float64Array(n);
  /** Marks as free every variable not held on a bound by a gradient pointing out of the box. */
  const markFree = (point: Float64Array, slope: Float64Array): void => {
    for (let i = 0; i < n; i++) {
      const blockedBelow = point[i] <= lower[i] && slope[i] > 0;
      const blockedAbove = point[i] >= upper[i] && slope[i] < 0;
      free[i] = blockedBelow || blockedAbove || lower[i] === upper[i] ? 0 : 1;
    }
  };
  /** Infinity norm of -g after removing what active bounds and constraints block (0 at a KKT point). */
  const stationarity = (point: Float64Array, slope: Float64Array): number => {
    markFree(point, slope);
    for (let i = 0; i < n; i++) direction[i] = -slope[i];
    projectDirection(direction, free, point, lower, upper, constraints);
    let norm = 0;
    for (let i = 0; i < n; i++) norm = Math.max(norm, Math.abs(direction[i]));
    return norm;
  };
  let gradient = new Float64Array(n);
  let value = evaluateAt(x, gradient);
  let iterations = 0;
  const finish = (converged: boolean, reason: TerminationReason, message: string): MinimizeResult => ({
    x,
    value,
    gradient,
    projectedGradientNorm: gradient.every(Number.isFinite) ? stationarity(x, gradient) : NaN,
    iterations,
    evaluations,
    converged,
    reason,
    message,
  });
  if (!Number.isFinite(value) || !gradient.every(Number.isFinite)) {
    return finish(false, 'non-finite-start', `the objective or its gradient is not finite at the start (f = ${value}); start inside the domain`);
  }

  const memory = new LbfgsMemory(n, options.memory ?? 10);
  /** The feasible quasi-Newton direction at x; returns g'd (negative for a descent direction). */
  const chooseDirection = (): { slope: number; working: number[] } => {
    markFree(x, gradient);
    memory.searchDirection(gradient, free, direction);
    const working = projectDirection(direction, free, x, lower, upper, constraints, (vector, mask, out) => memory.applyInverseHessian(vector, mask, out));
    let slope = 0;
    for (let i = 0; i < n; i++) slope += gradient[i] * direction[i];
    return { slope, working };
  };
  let trial = new Float64Array(n);
  let trialGradient = new Float64Array(n);
  const step = new Float64Array(n);
  const gradientChange = new Float64Array(n);
  let lastEvaluatedStep = NaN;
  // The decrease the quasi-Newton model predicted before a failed line search sent the search
  // back to steepest descent; if that fails too, it tells noise from trouble.
  let predictedDecrease = Infinity;

  while (true) {
    const norm = stationarity(x, gradient);
    if (norm <= gradientTolerance) {
      return finish(true, 'gradient', `converged: projected gradient norm ${norm.toExponential(2)} <= ${gradientTolerance} after ${iterations} iterations`);
    }
    if (iterations >= maxIterations) return finish(false, 'max-iterations', `stopped after ${maxIterations} iterations with projected gradient norm ${norm.toExponential(2)}`);
    if (evaluations >= maxEvaluations) return finish(false, 'max-evaluations', `stopped after ${evaluations} evaluations with projected gradient norm ${norm.toExponential(2)}`);

    let { slope, working } = chooseDirection();
    if (!(slope < 0) && memory.size > 0) {
      memory.clear();
      ({ slope, working } = chooseDirection());
    }
    if (!(slope < 0)) return finish(true, 'gradient', `converged: no descent direction remains inside the bounds and constraints after ${iterations} iterations`);

    let maxStep = Infinity;
    let directionNorm = 0;
    for (let i = 0; i < n; i++) {
      const d = direction[i];
      directionNorm += d * d;
      if (d < 0 && lower[i] > -Infinity) maxStep = Math.min(maxStep, (lower[i] - x[i]) / d);
      else if (d > 0 && upper[i] < Infinity) maxStep = Math.min(maxStep, (upper[i] - x[i]) / d);
    }
    directionNorm = Math.sqrt(directionNorm);
    for (let r = 0; r < constraints.length; r++) {
      if (working.includes(r)) continue;
      let rate = 0;
      for (let i = 0; i < n; i++) rate += constraints[r].coefficients[i] * direction[i];
      if (rate > 0) maxStep = Math.min(maxStep, Math.max(0, (constraints[r].limit - constraintValue(constraints[r], x)) / rate));
    }
    // Without curvature information the first step moves a unit distance (as L-BFGS-B does).
    const initialStep = memory.size === 0 ? 1 / directionNorm : 1;

    const evaluateLine = (alpha: number): LinePoint => {
      for (let i = 0; i < n; i++) {
        const d = direction[i];
        let coordinate = x[i] + alpha * d;
        // Land exactly on a bound the step reaches (rounding would leave it a hair inside or outside).
        if (d < 0 && alpha * d <= (lower[i] - x[i]) * (1 - 1e-12)) coordinate = lower[i];
        else if (d > 0 && alpha * d >= (upper[i] - x[i]) * (1 - 1e-12)) coordinate = upper[i];
        trial[i] = Math.min(upper[i], Math.max(lower[i], coordinate));
      }
      if (constraints.length > 0) restoreFeasibility(trial, free, lower, upper, constraints);
      const trialValue = evaluateAt(trial, trialGradient);
      lastEvaluatedStep = alpha;
      let trialSlope = 0;
      for (let i = 0; i < n; i++) trialSlope += trialGradient[i] * direction[i];
      return { step: alpha, value: trialValue, slope: trialSlope };
    };
    const search = strongWolfeLineSearch(evaluateLine, value, slope, Math.min(initialStep, maxStep), {
      maxStep,
      maxEvaluations: Math.max(1, Math.min(40, maxEvaluations - evaluations)),
    });
    if (search.outcome === 'failed') {
      if (memory.size > 0) {
        // The quasi-Newton model may be stale: retry once along steepest descent.
        predictedDecrease = -0.5 * slope;
        memory.clear();
        continue;
      }
      // A model decrease within a thousand rounding units of f cannot be resolved by evaluating
      // f: the point is a minimum to working precision, not a failure.
      if (Math.min(predictedDecrease, -0.5 * slope) <= 1000 * 2.220446049250313e-16 * Math.max(Math.abs(value), 1)) {
        return finish(true, 'function-change', `converged: the predicted decrease is below the rounding of f after ${iterations} iterations (projected gradient norm ${norm.toExponential(2)})`);
      }
      return finish(false, 'line-search', `line search found no decrease along steepest descent after ${iterations} iterations (projected gradient norm ${norm.toExponential(2)}); the objective may be non-smooth or noisy here`);
    }
    if (lastEvaluatedStep !== search.step) evaluateLine(search.step);
    for (let i = 0; i < n; i++) {
      step[i] = trial[i] - x[i];
      gradientChange[i] = trialGradient[i] - gradient[i];
    }
    memory.push(step, gradientChange);
    predictedDecrease = Infinity;
    const previousValue = value;
    [x, trial] = [trial, x];
    [gradient, trialGradient] = [trialGradient, gradient];
    value = search.value;
    iterations++;
    const change = (previousValue - value) / Math.max(Math.abs(previousValue), Math.abs(value), 1);
    // A step cut short by a bound or constraint says nothing about convergence: the next one
    // moves along it.
    if (search.outcome !== 'max-step' && change <= functionTolerance) {
      return finish(true, 'function-change', `converged: relative decrease ${change.toExponential(2)} <= ${functionTolerance} after ${iterations} iterations`);
    }
  }
}

function boundArray(bounds: ArrayLike<number> | undefined, n: number, fill: number, name: string): Float64Array {
  if (bounds === undefined) return new Float64Array(n).fill(fill);
  if (bounds.length !== n) {
    throw new TickforgeError('TF_ERR_FORECAST_OPTION', `minimize: ${name} bounds have ${bounds.length} entries for ${n} parameters; give one per parameter.`);
  }
  return Float64Array.from(bounds, (value) => (Number.isNaN(value) ? fill : value));
}
