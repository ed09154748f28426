import type { TerminationReason } from '../optimizer/minimize.js';
import type { GarchLayout } from './GarchSpecification.js';

/** A fitted GARCH-family model; every number is in the units of the series given to `fitGarch`. */
export interface GarchFit {
  layout: GarchLayout;
  parameterNames: readonly string[];
  parameters: Float64Array;
  /** Standard errors of the covariance chosen by `covariance` (default robust). */
  standardErrors: Float64Array;
  robustStandardErrors: Float64Array;
  classicStandardErrors: Float64Array;
  /** Row-major K x K covariance chosen by `covariance`. */
  covariance: Float64Array;
  logLikelihood: number;
  /** -2 lnL + 2K. */
  aic: number;
  /** -2 lnL + K ln T. */
  bic: number;
  /** T: observations in the likelihood (the series length less the AR hold-back). */
  observations: number;
  /** Residuals e_t, aligned with the series (NaN for held-back observations). */
  residuals: Float64Array;
  /** Conditional variances s2_t, aligned with the series (NaN for held-back observations). */
  conditionalVariance: Float64Array;
  /** The start-up variance B the recursion began from (see GarchStartup). */
  startupVariance: number;
  /** False when the optimiser stopped without meeting its tolerances (`warnings` says why); true for fixed parameters. */
  converged: boolean;
  /** How the estimation ended; null when the parameters were fixed (`fixGarch`). */
  optimizer: {
    reason: TerminationReason;
    message: string;
    iterations: number;
    evaluations: number;
    projectedGradientNorm: number;
  } | null;
  /** Everything a user should know before trusting the numbers (non-convergence, parameters on bounds, ...). */
  warnings: string[];
  /** The fitted series (a copy); forecasts continue from its end. */
  series: Float64Array;
}
