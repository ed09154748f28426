import { TickforgeError } from '../../core/errors.js';
import { minimize } from '../optimizer/minimize.js';
import { numericalHessian } from '../optimizer/numericalHessian.js';
import { archBackcast } from './archBackcast.js';
import type { GarchFit } from './GarchFit.js';
import { garchCovariance, transformCovariance } from './garchCovariance.js';
import { garchLinearConstraints, garchParameterBounds, garchPersistence, satisfiesGarchConstraints } from './garchParameterBounds.js';
import { scaleParameters, unscaleJacobian, unscaleParameters } from './garchScaling.js';
import { resolveGarchLayout, type GarchOptions } from './GarchSpecification.js';
import { garchStartingValues } from './garchStartingValues.js';
import { LikelihoodWorkspace } from './LikelihoodWorkspace.js';
import { modelNegativeLogLikelihood } from './modelNegativeLogLikelihood.js';
import { prepareGarchSeries } from './prepareGarchSeries.js';
import { varianceBounds } from './varianceBounds.js';

/**
 * Fits a GARCH, GJR-GARCH or EGARCH model with a constant, zero or AR mean and normal or
 * Student-t innovations by maximum likelihood, following Kevin Sheppard's `arch` package:
 * the same recursion, start-up (GarchStartup), variance bounds, parameter bounds and
 * constraints, starting-value grid and covariance estimators. The difference is the
 * optimiser: projected L-BFGS with analytic gradients (see optimizer/minimize.ts) instead of
 * SciPy's SLSQP, run on the series divided by its residual scale (see garchScaling.ts); at an
 * interior optimum both reach the same maximum.
 *
 * Never a silent garbage fit: invalid input throws a TickforgeError naming the problem; an
 * optimiser that stops short, a parameter on a bound or a singular Hessian leave `converged`
 * false or a line in `warnings`.
 */
export function fitGarch(returns: ArrayLike<number>, options: GarchOptions = {}): GarchFit {
  return estimateGarch(returns, options);
}

/**
 * The model at given parameters (in `parameterNames` order, original units) without
 * estimation, as arch's `model.fix(params)`: log-likelihood, standard errors, residuals and
 * variances at those parameters, ready for `forecastGarch`. The parameters are not checked
 * against the bounds; `optimizer` is null and `converged` true.
 */
export function fixGarch(returns: ArrayLike<number>, parameters: ArrayLike<number>, options: Omit<GarchOptions, 'startingValues' | 'maxIterations'> = {}): GarchFit {
  return estimateGarch(returns, options, parameters);
}

function estimateGarch(returns: ArrayLike<number>, options: GarchOptions, fixed?: ArrayLike<number>): GarchFit {
  const layout = resolveGarchLayout(options);
  const prepared = prepareGarchSeries(returns, layout);
  const { series, scale } = prepared;
  const K = layout.count;
  const warnings: string[] = [];
  const scaledSeries = series.map((value) => value / scale);
  const scaledResiduals = prepared.residuals.map((e) => e / scale);
  // Bounds and backcast come from the original residuals, divided by scale^2, so they are
  // exactly arch's (its upper-bound floor 1 + max e^2 is not scale-free).
  const originalBounds = varianceBounds(prepared.residuals);
  const squaredScale = scale * scale;
  const bounds = { lower: originalBounds.lower.map((v) => v / squaredScale), upper: originalBounds.upper.map((v) => v / squaredScale) };
  const backcast = archBackcast(scaledResiduals);
  const workspace = new LikelihoodWorkspace(layout, scaledSeries, bounds, backcast);
  const T = workspace.observations;

  let meanSquare = 0;
  for (const e of scaledResiduals) meanSquare += e * e;
  const { lower, upper } = garchParameterBounds(layout, meanSquare / T);
  const constraints = garchLinearConstraints(layout);
  if (fixed !== undefined && fixed.length !== K) {
    throw new TickforgeError('TF_ERR_FORECAST_OPTION', `GARCH fixed parameters have ${fixed.length} entries; the model has ${K} (${layout.names.join(', ')}).`);
  }
  let start: Float64Array | undefined;
  if (fixed === undefined) {
    const meanStart = prepared.meanStart.map((value, m) => (m === 0 ? value / scale : value));
    start = garchStartingValues(layout, meanStart, scaledResiduals, bounds, backcast);
    if (options.startingValues !== undefined) {
      if (options.startingValues.length !== K) {
        throw new TickforgeError('TF_ERR_FORECAST_OPTION', `GARCH startingValues has ${options.startingValues.length} entries; the model has ${K} (${layout.names.join(', ')}).`);
      }
      const warm = scaleParameters(layout, options.startingValues, scale);
      const inside = warm.every((value, k) => value >= lower[k] && value <= upper[k]) && satisfiesGarchConstraints(layout, warm);
      if (inside) start = warm;
      else warnings.push('startingValues lie outside the parameter bounds or constraints; the default starting values were used instead');
    }
  }

  // The optimiser keeps the linear constraints itself; the objective needs no guard.
  const objective = (theta: Float64Array): number => modelNegativeLogLikelihood(workspace, theta) / T;
  const objectiveGradient = (theta: Float64Array, gradient: Float64Array): number => {
    const value = modelNegativeLogLikelihood(workspace, theta, gradient) / T;
    for (let k = 0; k < K; k++) gradient[k] /= T;
    return value;
  };
  const result = start === undefined ? undefined : minimize(objective, start, {
    lower,
    upper,
    constraints,
    gradient: objectiveGradient,
    gradientTolerance: 1e-9,
    functionTolerance: 1e-14,
    maxIterations: options.maxIterations ?? 200,
  });
  const theta = result ? result.x : scaleParameters(layout, fixed ?? [], scale);
  if (result && !result.converged) warnings.push(`the optimiser did not converge (${result.reason}): ${result.message}; the estimates may not be the maximum`);

  // Covariances on the scaled problem, carried to the original units by the Jacobian.
  const scores = new Float64Array(T * K);
  const scaledNegativeLogLikelihood = modelNegativeLogLikelihood(workspace, theta, undefined, scores);
  const residuals = new Float64Array(series.length).fill(NaN);
  const conditionalVariance = new Float64Array(series.length).fill(NaN);
  for (let t = 0; t < T; t++) {
    residuals[t + layout.holdBack] = workspace.residuals[t] * scale;
    conditionalVariance[t + layout.holdBack] = workspace.variance[t] * squaredScale;
  }
  const startupVariance = workspace.startup(false) * squaredScale;
  const hessian = numericalHessian(theta, { gradient: (point, out) => modelNegativeLogLikelihood(workspace, point, out) });
  const covariances = garchCovariance(hessian, scores, T, K);
  const jacobian = unscaleJacobian(layout, scale);
  const classic = covariances ? transformCovariance(covariances.classic, jacobian, K) : new Float64Array(K * K).fill(NaN);
  const robust = covariances ? transformCovariance(covariances.robust, jacobian, K) : new Float64Array(K * K).fill(NaN);
  if (!covariances) warnings.push('the Hessian of the log-likelihood is singular at the estimate; standard errors are NaN (a parameter may be unidentified)');
  const standardErrorsOf = (covariance: Float64Array): Float64Array => Float64Array.from({ length: K }, (_, k) => Math.sqrt(covariance[k * K + k]));
  const classicStandardErrors = standardErrorsOf(classic);
  const robustStandardErrors = standardErrorsOf(robust);
  if (covariances && [...classicStandardErrors, ...robustStandardErrors].some((value) => !Number.isFinite(value))) {
    warnings.push('a variance of an estimate is negative or NaN (the Hessian is not positive definite there); its standard error is NaN');
  }
  const parameters = unscaleParameters(layout, theta, scale);
  for (let k = 0; k < K; k++) {
    if (theta[k] <= lower[k] || theta[k] >= upper[k]) {
      warnings.push(`${layout.names[k]} = ${parameters[k]} lies on (or beyond) its bound; its standard error assumes an interior estimate and is not reliable`);
    }
  }
  const persistence = garchPersistence(layout, theta);
  if (persistence > 1 - 1e-6) warnings.push(`persistence ${persistence} is at the stationarity limit 1: the variance is integrated and long-horizon forecasts do not revert`);

  const logLikelihood = -scaledNegativeLogLikelihood - T * Math.log(scale);
  const covarianceChoice = layout.covariance === 'robust' ? robust : classic;
  return {
    layout,
    parameterNames: layout.names,
    parameters,
    standardErrors: layout.covariance === 'robust' ? robustStandardErrors : classicStandardErrors,
    robustStandardErrors,
    classicStandardErrors,
    covariance: covarianceChoice,
    logLikelihood,
    aic: -2 * logLikelihood + 2 * K,
    bic: -2 * logLikelihood + K * Math.log(T),
    observations: T,
    residuals,
    conditionalVariance,
    startupVariance,
    converged: result ? result.converged : true,
    optimizer: result
      ? {
          reason: result.reason,
          message: result.message,
          iterations: result.iterations,
          evaluations: result.evaluations,
          projectedGradientNorm: result.projectedGradientNorm,
        }
      : null,
    warnings,
    series,
  };
}
