import { defaultEnsemble } from './forecastModelFor.js';
import { normalMultiplier, symmetricInterval, type ForecastOutcome } from './ForecastOutcome.js';

export interface EnsembleOutcomeOptions {
  /** The ARIMA member's order (default (1,1,1)) and trend (default 't' when d = 1, 'c' when d = 0, else 'n'). */
  order?: readonly [number, number, number];
  trend?: 'n' | 'c' | 't' | 'ct';
}

/**
 * The ensemble of ARIMA, SAMoSSA, the random walk with drift and the random walk, weighted by
 * inverse one-step MSE at the last min(20, n / 5) origins of the series (never later data),
 * as a ForecastOutcome with every member's weight and contribution. The interval is normal
 * around the mixture standard error.
 */
export function ensembleOutcome(series: Float64Array, options: EnsembleOutcomeOptions, horizon: number, level: number): ForecastOutcome {
  const result = defaultEnsemble(series.length, options.order, options.trend).forecastWithContributions(series, horizon);
  return {
    model: `ensemble (inverse one-step MSE over ${result.validation.origins} origins) of ${result.members.map((member) => member.name).join(', ')}`,
    observations: series.length,
    // The weights are in `members`, with each member's forecast and contribution.
    parameters: [],
    logLikelihood: NaN,
    aic: NaN,
    bic: NaN,
    hqic: NaN,
    horizon,
    level,
    mean: result.mean,
    standardError: result.standardError,
    ...symmetricInterval(result.mean, result.standardError, normalMultiplier(level)),
    members: result.members.map((member) => ({ name: member.name, weight: member.weight, mean: member.mean, contribution: member.contribution })),
    converged: result.excluded.length === 0,
    warnings: [...result.warnings],
  };
}
