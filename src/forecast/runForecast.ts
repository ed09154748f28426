import type { SarimaxOrderSelection, SarimaxOrderSelectionOptions } from './arima/selectSarimaxOrder.js';
import { selectSarimaxOrder } from './arima/selectSarimaxOrder.js';
import { ensembleOutcome } from './ensembleOutcome.js';
import { checkForecastSpecification, sarimaxOptionsOf, type ForecastSpecification } from './ForecastSpecification.js';
import type { ForecastOutcome } from './ForecastOutcome.js';
import { garchOutcome } from './garchOutcome.js';
import { fitSarimax } from './arima/fitSarimax.js';
import { sarimaxOutcome } from './sarimaxOutcome.js';
import { ssaOutcome } from './ssaOutcome.js';

export interface RunForecastOptions {
  /**
   * How an automatic ARIMA/SARIMAX order is chosen: the caller may pass a parallel search
   * (src/parallel's selectSarimaxOrderInParallel); default the same search on this thread.
   */
  selectOrder?: (series: Float64Array, options: SarimaxOrderSelectionOptions) => Promise<SarimaxOrderSelection>;
}

/**
 * Fits the model a specification names on `series` and forecasts `horizon` steps: the one
 * entry point of the CLI and the main job, so they report the same numbers.
 */
export async function runForecast(series: Float64Array, specification: ForecastSpecification, options: RunForecastOptions = {}): Promise<ForecastOutcome> {
  checkForecastSpecification(specification);
  const level = specification.level ?? 0.95;
  const horizon = specification.horizon;
  switch (specification.model) {
    case 'garch':
    case 'gjr':
    case 'egarch':
      return garchOutcome(series, { volatility: specification.model, distribution: specification.distribution }, horizon, level);
    case 'ssa':
      return ssaOutcome(series, { windowLength: specification.windowLength, components: specification.components }, horizon, level);
    case 'ensemble':
      return ensembleOutcome(series, { order: specification.order, trend: specification.trend }, horizon, level);
    case 'arima':
    case 'sarimax': {
      const seasonal = specification.seasonal ?? [0, 0, 0, 0];
      if (specification.automatic) {
        const [maxP, maxD, maxQ] = specification.order ?? [5, 2, 5];
        const selection = await (options.selectOrder ?? ((values, settings) => Promise.resolve(selectSarimaxOrder(values, settings))))(series, {
          maxP, maxD, maxQ, period: seasonal[3] > 1 ? seasonal[3] : 1,
          ...(seasonal[3] > 1 ? { maxSeasonalP: seasonal[0] || 2, maxSeasonalQ: seasonal[2] || 2, maxSeasonalD: seasonal[1] || 1 } : {}),
          // auto_arima's own search budget: candidates get 50 optimiser iterations (its maxiter) and
          // compete even if that stops them short; the chosen order is then fitted to convergence.
          fit: { maxIterations: 50, covariance: 'none' },
          scoring: { acceptUnconverged: true },
        });
        const chosen = fitSarimax(series, { order: selection.order, seasonalOrder: selection.seasonalOrder, trend: selection.trend, covariance: 'approx', startingValues: selection.fit.parameters });
        const tried = selection.candidates.length;
        return sarimaxOutcome(chosen, horizon, level, [`order chosen by ${selection.criterion.toUpperCase()} over ${tried} candidate models: ${selection.label}`, ...selection.warnings]);
      }
      return sarimaxOutcome(fitSarimax(series, { ...sarimaxOptionsOf(specification), covariance: 'approx' }), horizon, level);
    }
  }
}
