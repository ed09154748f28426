import type { TerminationReason } from '../optimizer/minimize.js';
import type { SarimaxCovariance, SarimaxLayout } from './SarimaxSpecification.js';

/** A fitted SARIMAX model; every number is in the units of the series given to `fitSarimax`. */
export interface SarimaxFit {
  layout: SarimaxLayout;
  /** statsmodels' names: intercept, drift, x1.., ar.L1.., ma.L1.., ar.S.L12.., ma.S.L12.., sigma2. */
  parameterNames: readonly string[];
  parameters: Float64Array;
  /** Standard errors of the covariance chosen by `covariance` (default 'opg', as statsmodels). */
  standardErrors: Float64Array;
  /** From the outer product of the per-observation scores (statsmodels cov_type='opg'). */
  opgStandardErrors: Float64Array;
  /** From the inverse numerical Hessian of the log-likelihood (statsmodels cov_type='approx'). */
  approxStandardErrors: Float64Array;
  /** Row-major K x K covariance chosen by `covariance`. */
  covariance: Float64Array;
  covarianceType: SarimaxCovariance;
  /** Exact Gaussian log-likelihood, equal to statsmodels' llf (see SarimaxProblem.ts). */
  logLikelihood: number;
  /** -2 lnL + 2K (K parameters, sigma2 included). */
  aic: number;
  /** -2 lnL + K ln n. */
  bic: number;
  /** -2 lnL + 2K ln ln n. */
  hqic: number;
  /** n: observations in the likelihood (statsmodels' nobs_effective: the series length less d + sD, less the diffuse burn-in). */
  observations: number;
  /**
   * One-step prediction errors y_t - E[y_t | y_<t], aligned with the series; NaN for the first
   * d + sD observations (statsmodels reports diffuse-start errors there, which carry no information).
   */
  residuals: Float64Array;
  /** residuals / their standard deviation sqrt(sigma2 F_t). */
  standardizedResiduals: Float64Array;
  /** False when the optimiser stopped without meeting its tolerances (`warnings` says why); true for fixed parameters. */
  converged: boolean;
  /** How the estimation ended; null when the parameters were fixed (`fixSarimax`). */
  optimizer: {
    reason: TerminationReason;
    message: string;
    iterations: number;
    evaluations: number;
    projectedGradientNorm: number;
    /** Where the search started (constrained parameters, sigma2 omitted). */
    start: Float64Array;
  } | null;
  /** Everything a user should know before trusting the numbers. */
  warnings: string[];
  /** The fitted series (a copy); forecasts continue from its end. */
  series: Float64Array;
  /** The regressors (copies), empty without exog. */
  exog: Float64Array[];
  /** Predicted ARMA state for the step after the series, and its covariance (row-major, sigma2 included). */
  finalState: Float64Array;
  finalStateCovariance: Float64Array;
}
