import { TickforgeError } from '../../core/errors.js';
import type { GarchFit } from './GarchFit.js';
import { LikelihoodWorkspace } from './LikelihoodWorkspace.js';
import { modelNegativeLogLikelihood } from './modelNegativeLogLikelihood.js';

export interface GarchFilterResult {
  /** Residuals aligned with the series (NaN for the AR hold-back). */
  residuals: Float64Array;
  /** Conditional variances aligned with the series (NaN for the AR hold-back). */
  conditionalVariance: Float64Array;
  logLikelihood: number;
}

/**
 * Runs a fitted model's recursion over a series with the parameters held fixed: the
 * in-sample filter for new data (a longer series after new bars, another symbol) without a
 * refit. It starts from the fit's `startupVariance` as a fixed number and applies no variance
 * bounds (as arch's forecasts), so s2_t depends on the series up to t - 1 only: no look-ahead.
 */
export function filterGarchVariance(fit: Pick<GarchFit, 'layout' | 'parameters' | 'startupVariance'>, series: ArrayLike<number>): GarchFilterResult {
  const layout = { ...fit.layout, startup: 'backcast' as const };
  const y = Float64Array.from(series);
  for (let i = 0; i < y.length; i++) {
    if (!Number.isFinite(y[i])) {
      throw new TickforgeError('TF_ERR_FORECAST_SERIES_NOT_FINITE', `GARCH filter input value ${i} is ${y[i]}; drop or fill non-finite returns first.`, { details: { index: i } });
    }
  }
  if (y.length <= layout.holdBack) {
    throw new TickforgeError('TF_ERR_FORECAST_SERIES_TOO_SHORT', `GARCH filter needs more than ${layout.holdBack} values (the AR lags); the series has ${y.length}.`);
  }
  const T = y.length - layout.holdBack;
  const bounds = { lower: new Float64Array(T), upper: new Float64Array(T).fill(Infinity) };
  const workspace = new LikelihoodWorkspace(layout, y, bounds, fit.startupVariance);
  const negative = modelNegativeLogLikelihood(workspace, fit.parameters);
  const residuals = new Float64Array(y.length).fill(NaN);
  const conditionalVariance = new Float64Array(y.length).fill(NaN);
  residuals.set(workspace.residuals, layout.holdBack);
  conditionalVariance.set(workspace.variance, layout.holdBack);
  return { residuals, conditionalVariance, logLikelihood: -negative };
}
