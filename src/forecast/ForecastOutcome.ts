import { normalQuantile } from './special/normalDistribution.js';

/** One estimated parameter with its standard error (NaN when the model gives none). */
export interface EstimatedParameter {
  name: string;
  estimate: number;
  standardError: number;
}

/** Ljung-Box test of the residuals at one lag. */
export interface PortmanteauRow {
  lag: number;
  statistic: number;
  pValue: number;
  degreesOfFreedom: number;
}

/** An ensemble member's share of the combined forecast. */
export interface MemberContribution {
  name: string;
  weight: number;
  /** The member's own forecast at each step. */
  mean: Float64Array;
  /** weight x mean at each step. */
  contribution: Float64Array;
}

/**
 * What any model's fit and forecast come to, in one shape for the CLI, the main job's report and
 * the universe workers: the parameters with standard errors, the fit statistics where the model
 * has a likelihood (NaN otherwise), and the forecast with its interval at `level`.
 */
export interface ForecastOutcome {
  /** E.g. "ARIMA(2,1,2)", "GARCH(1,1), constant mean, normal errors". */
  model: string;
  observations: number;
  parameters: EstimatedParameter[];
  logLikelihood: number;
  aic: number;
  bic: number;
  hqic: number;
  horizon: number;
  /** Coverage of the interval, e.g. 0.95. */
  level: number;
  mean: Float64Array;
  standardError: Float64Array;
  lower: Float64Array;
  upper: Float64Array;
  /** GARCH family: forecast conditional standard deviation at each step. */
  volatility?: Float64Array;
  /** GARCH family: one-period value at risk (a positive loss) at each tail probability. */
  valueAtRisk?: Array<{ level: number; values: Float64Array }>;
  /** Residual diagnostics, where the model has residuals. */
  ljungBox?: PortmanteauRow[];
  /** Ensemble only: each member's weight and contribution. */
  members?: MemberContribution[];
  converged: boolean;
  warnings: string[];
}

/** Hannan-Quinn criterion -2 lnL + 2 K ln ln T. */
export function hannanQuinn(logLikelihood: number, parameters: number, observations: number): number {
  return -2 * logLikelihood + 2 * parameters * Math.log(Math.log(observations));
}

/** mean -/+ multiplier x standard error at each step: an interval from a symmetric predictive distribution. */
export function symmetricInterval(mean: Float64Array, standardError: Float64Array, multiplier: number): { lower: Float64Array; upper: Float64Array } {
  return { lower: mean.map((m, h) => m - multiplier * standardError[h]), upper: mean.map((m, h) => m + multiplier * standardError[h]) };
}

/** The normal quantile that leaves (1 - level) / 2 in each tail, e.g. 1.96 for 0.95. */
export function normalMultiplier(level: number): number {
  return normalQuantile(0.5 + level / 2);
}
