import { TickforgeError } from '../../core/errors.js';
import { minimize, type MinimizeResult } from '../optimizer/minimize.js';
import { logLikelihoodAt } from './ArmaKalmanFilter.js';
import { checkNotConstant, prepareSarimaxData } from './prepareSarimaxData.js';
import { refineByConditionalSumOfSquares } from './refineByConditionalSumOfSquares.js';
import { sarimaxCovariances } from './sarimaxCovariance.js';
import type { SarimaxFit } from './SarimaxFit.js';
import { sarimaxObjective } from './sarimaxObjective.js';
import { SarimaxProblem, unconstrainParameters } from './SarimaxProblem.js';
import { resolveSarimaxLayout, type SarimaxLayout, type SarimaxOptions } from './SarimaxSpecification.js';
import { hannanRissanenStart } from './sarimaxStartingValues.js';
import { partialAutocorrelations } from './stationaryTransform.js';

/**
 * Fits a SARIMAX(p,d,q)(P,D,Q,s) model with trend and regressors by exact Gaussian maximum
 * likelihood, matching statsmodels' `SARIMAX(...).fit()`: the same state-space likelihood (see
 * SarimaxProblem.ts), parameter transforms, parameter names, information criteria and
 * covariance estimators. The search differs: sigma2 is concentrated out (its estimate is
 * S_v / n at every other parameter, so the maximum is the same), the trend and regression
 * coefficients are searched in scaled coordinates, and the start comes from statsmodels'
 * start_params refined by conditional sum of squares.
 *
 * Never a silent garbage fit: invalid input throws a TickforgeError; non-convergence, a
 * polynomial at the edge of the stationary/invertible region or a singular information matrix
 * leave `converged` false or a line in `warnings`.
 */
export function fitSarimax(series: ArrayLike<number>, options: SarimaxOptions): SarimaxFit {
  return estimateSarimax(series, options);
}

/**
 * The model at given parameters (`parameterNames` order, sigma2 included) without estimation,
 * as statsmodels' `model.smooth(params)` / `filter(params)`: log-likelihood, covariances,
 * residuals and the final state for `forecastSarimax`.
 */
export function fixSarimax(series: ArrayLike<number>, parameters: ArrayLike<number>, options: Omit<SarimaxOptions, 'startingValues' | 'maxIterations' | 'startMethod'>): SarimaxFit {
  return estimateSarimax(series, options, parameters);
}

function estimateSarimax(series: ArrayLike<number>, options: SarimaxOptions, fixed?: ArrayLike<number>): SarimaxFit {
  const layout = resolveSarimaxLayout(options, options.exog?.length ?? 0);
  const { y, x } = prepareSarimaxData(series, options.exog, layout);
  const problem = new SarimaxProblem(layout, y, x);
  checkNotConstant(problem.differenced, layout);
  const K = layout.count;
  const k = K - 1;
  const n = problem.observations;
  const warnings: string[] = [];
  const scales = coordinateScales(problem);

  let parameters: Float64Array;
  let result: MinimizeResult | undefined;
  let start: Float64Array = new Float64Array(k);
  if (fixed !== undefined) {
    if (fixed.length !== K) {
      throw new TickforgeError('TF_ERR_FORECAST_OPTION', `SARIMAX fixed parameters have ${fixed.length} entries; the model has ${K} (${layout.names.join(', ')}).`);
    }
    parameters = Float64Array.from(fixed);
    if (!problem.evaluate(parameters)) {
      throw new TickforgeError('TF_ERR_FORECAST_OPTION', 'SARIMAX fixed parameters give a non-stationary or degenerate model; give stationary AR and invertible MA coefficients.');
    }
  } else {
    start = startingPoint(problem, options, scales, warnings);
    const objective = sarimaxObjective(problem, scales);
    const toConstrained = objective.toConstrained;
    const unconstrainedStart = unconstrainParameters(layout, start);
    for (let i = 0; i < layout.arOffset; i++) unconstrainedStart[i] *= scales[i];
    // The analytic gradient (filter derivative recursions) instead of 2k central-difference runs per step.
    result = minimize(objective.value, unconstrainedStart, {
      gradient: objective.valueAndGradient,
      gradientTolerance: 1e-8,
      functionTolerance: 1e-15,
      maxIterations: options.maxIterations ?? 500,
    });
    if (!result.converged) warnings.push(`the optimiser did not converge (${result.reason}): ${result.message}; the estimates may not be the maximum`);
    parameters = new Float64Array(K);
    parameters.set(toConstrained(result.x));
    const sums = problem.evaluate(parameters);
    if (!sums) {
      throw new TickforgeError('TF_ERR_FORECAST_OPTION', `SARIMAX: the likelihood is not defined at the estimate (${result.message}); the model is degenerate for this series, try other orders.`);
    }
    parameters[k] = sums.sumSquares / sums.count;
  }
  const T = problem.differenced.length;
  const innovations = new Float64Array(T);
  const variances = new Float64Array(T);
  const sums = problem.evaluate(parameters, innovations, variances)!;
  const sigma2 = parameters[k];
  if (!(sigma2 > 0)) throw new TickforgeError('TF_ERR_FORECAST_OPTION', `SARIMAX sigma2 = ${sigma2} must be positive.`);
  const logLikelihood = logLikelihoodAt(sums, sigma2);
  const finalState = Float64Array.from(problem.filter.state);
  const finalStateCovariance = Float64Array.from(problem.filter.covariance, (value) => value * sigma2);
  const D = problem.differencingOrder;
  const residuals = new Float64Array(y.length).fill(NaN);
  const standardizedResiduals = new Float64Array(y.length).fill(NaN);
  for (let t = 0; t < T; t++) {
    residuals[t + D] = innovations[t];
    standardizedResiduals[t + D] = innovations[t] / Math.sqrt(sigma2 * variances[t]);
  }

  const covarianceType = options.covariance ?? 'opg';
  if (!['opg', 'approx', 'none'].includes(covarianceType)) {
    throw new TickforgeError('TF_ERR_FORECAST_OPTION', `SARIMAX option covariance = '${covarianceType}' is unknown; use 'opg', 'approx' or 'none'.`);
  }
  // The covariances cost about as much as a warm-started fit; a fit that is only forecast from skips them.
  const covariances = covarianceType === 'none' ? undefined : sarimaxCovariances(problem, parameters, scales);
  if (covariances?.opgSingular) warnings.push('the outer product of the scores is singular at the estimate; OPG standard errors are NaN (a parameter may be unidentified)');
  if (covariances?.approxSingular) warnings.push('the Hessian of the log-likelihood is singular at the estimate; approx standard errors are NaN (a parameter may be unidentified)');
  const missing = new Float64Array(K * K).fill(NaN);
  const standardErrorsOf = (covariance: Float64Array): Float64Array => Float64Array.from({ length: K }, (_, i) => Math.sqrt(covariance[i * K + i]));
  const opgStandardErrors = standardErrorsOf(covariances?.opg ?? missing);
  const approxStandardErrors = standardErrorsOf(covariances?.approx ?? missing);
  if (covariances !== undefined && !covariances.approxSingular && approxStandardErrors.some((value) => !Number.isFinite(value))) {
    warnings.push('a variance from the inverse Hessian is negative or NaN (the Hessian is not negative definite there: not a maximum, or a flat direction); its approx standard error is NaN');
  }
  warnings.push(...boundaryWarnings(layout, parameters));
  const nLog = Math.log(n);
  return {
    layout,
    parameterNames: layout.names,
    parameters,
    standardErrors: covarianceType === 'approx' ? approxStandardErrors : opgStandardErrors,
    opgStandardErrors,
    approxStandardErrors,
    covariance: covariances === undefined ? missing : covarianceType === 'opg' ? covariances.opg : covariances.approx,
    covarianceType,
    logLikelihood,
    aic: -2 * logLikelihood + 2 * K,
    bic: -2 * logLikelihood + K * nLog,
    hqic: -2 * logLikelihood + 2 * K * Math.log(nLog),
    observations: n,
    residuals,
    standardizedResiduals,
    converged: result ? result.converged : true,
    optimizer: result
      ? {
          reason: result.reason,
          message: result.message,
          iterations: result.iterations,
          evaluations: result.evaluations,
          projectedGradientNorm: result.projectedGradientNorm,
          start,
        }
      : null,
    warnings,
    series: y,
    exog: x,
    finalState,
    finalStateCovariance,
  };
}

/**
 * Scale of each trend/regression coefficient in the optimiser: (size of its regressor) /
 * (size of the differenced series), so a unit step moves the fit by about one series standard
 * deviation whatever the units; 1 for the ARMA coefficients, already of order one.
 */
function coordinateScales(problem: SarimaxProblem): Float64Array {
  const { layout, differenced } = problem;
  const scales = new Float64Array(layout.varianceOffset).fill(1);
  const N = differenced.length;
  let mean = 0;
  for (const value of differenced) mean += value / N;
  let spread = 0;
  for (const value of differenced) spread += ((value - mean) * (value - mean)) / N;
  const size = Math.sqrt(spread) || 1;
  const rms = (values: (t: number) => number): number => {
    let sum = 0;
    for (let t = 0; t < N; t++) sum += values(t) * values(t);
    return Math.sqrt(sum / N) || 1;
  };
  const D = problem.differencingOrder;
  layout.trendPowers.forEach((power, i) => {
    scales[layout.trendOffset + i] = rms((t) => (power === 0 ? 1 : t + D + 1)) / size;
  });
  for (let j = 0; j < layout.exogCount; j++) scales[layout.exogOffset + j] = rms((t) => problem.differencedExog[j][t]) / size;
  return scales;
}

/** The constrained start (sigma2 omitted): a valid warm start, else statsmodels' start_params refined by CSS. */
function startingPoint(problem: SarimaxProblem, options: SarimaxOptions, scales: Float64Array, warnings: string[]): Float64Array {
  const { layout } = problem;
  const k = layout.varianceOffset;
  if (options.startingValues !== undefined) {
    const given = options.startingValues;
    if (given.length !== k && given.length !== k + 1) {
      throw new TickforgeError('TF_ERR_FORECAST_OPTION', `SARIMAX startingValues has ${given.length} entries; the model has ${k + 1} (${layout.names.join(', ')}).`);
    }
    const warm = Float64Array.from({ length: k }, (_, i) => given[i]);
    if (warm.every(Number.isFinite) && unconstrainParameters(layout, warm).every(Number.isFinite) && problem.evaluate(warm)) return warm;
    warnings.push('startingValues are not finite, stationary and invertible; the default starting values were used instead');
  }
  const initial = hannanRissanenStart(problem);
  for (const note of initial.notes) warnings.push(`starting values: ${note}`);
  if ((options.startMethod ?? 'css') === 'css' && k > 0) return refineByConditionalSumOfSquares(problem, initial.parameters, scales);
  return initial.parameters;
}

/** Warnings for AR or MA polynomials at the edge of the stationary or invertible region. */
function boundaryWarnings(layout: SarimaxLayout, parameters: Float64Array): string[] {
  const warnings: string[] = [];
  const check = (offset: number, length: number, sign: number, what: string): void => {
    if (length === 0) return;
    const coefficients = Array.from({ length }, (_, i) => sign * parameters[offset + i]);
    const partial = partialAutocorrelations(coefficients);
    if (partial.some((r) => !(Math.abs(r) < 1 - 1e-5))) {
      warnings.push(`the ${what} polynomial is at the edge of the ${sign > 0 ? 'stationary' : 'invertible'} region (a root on the unit circle): ${sign > 0 ? 'a unit root suggests more differencing' : 'over-differencing is likely'}; standard errors there are unreliable`);
    }
  };
  check(layout.arOffset, layout.p, 1, 'AR');
  check(layout.maOffset, layout.q, -1, 'MA');
  check(layout.seasonalArOffset, layout.seasonalP, 1, 'seasonal AR');
  check(layout.seasonalMaOffset, layout.seasonalQ, -1, 'seasonal MA');
  return warnings;
}
