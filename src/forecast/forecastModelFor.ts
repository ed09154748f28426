import { TickforgeError } from '../core/errors.js';
import { arimaModel } from './arima/arimaModel.js';
import { driftModel } from './ensemble/driftModel.js';
import { ensembleModel, type EnsembleModel } from './ensemble/ensembleModel.js';
import { garchMeanModel } from './ensemble/garchMeanModel.js';
import { naiveModel } from './ensemble/naiveModel.js';
import type { ForecastModel } from './ForecastModel.js';
import { sarimaxOptionsOf, type ForecastSpecification } from './ForecastSpecification.js';
import { samossaModel } from './ssa/samossaModel.js';

/** The ensemble of `tickforge forecast --model ensemble`: ARIMA, SAMoSSA, drift and naive by inverse one-step MSE. */
export function defaultEnsemble(seriesLength: number, order: readonly [number, number, number] = [1, 1, 1], trend?: 'n' | 'c' | 't' | 'ct'): EnsembleModel {
  const chosenTrend = trend ?? (order[1] === 1 ? 't' : order[1] === 0 ? 'c' : 'n');
  const validationWindow = Math.max(1, Math.min(20, Math.floor(seriesLength / 5)));
  return ensembleModel([arimaModel({ order: [...order] as [number, number, number], trend: chosenTrend }), samossaModel(), driftModel(), naiveModel()], { weighting: 'inverse-mse', validationWindow });
}

/**
 * The specification as a ForecastModel (fit on a history, forecast its mean), for the
 * rolling-origin accuracy backtest: the same model `runForecast` fits, refitted at each origin.
 * An automatic order has no fixed model to refit; the error says to evaluate the chosen order.
 */
export function forecastModelFor(specification: ForecastSpecification, seriesLength: number): ForecastModel {
  if (specification.automatic) {
    throw new TickforgeError('TF_ERR_FORECAST_OPTION', 'An automatic order search cannot be backtested origin by origin: run --auto first, then evaluate the order it chose with --order.');
  }
  switch (specification.model) {
    case 'arima':
    case 'sarimax':
      return arimaModel(sarimaxOptionsOf(specification));
    case 'garch':
    case 'gjr':
    case 'egarch':
      return garchMeanModel({ volatility: specification.model, distribution: specification.distribution });
    case 'ssa':
      return samossaModel({ windowLength: specification.windowLength, components: specification.components });
    case 'ensemble':
      return defaultEnsemble(seriesLength, specification.order, specification.trend);
  }
}
