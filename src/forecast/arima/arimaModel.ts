import type { ForecastModel, ModelForecast } from '../ForecastModel.js';
import { fitSarimax } from './fitSarimax.js';
import { forecastSarimax } from './forecastSarimax.js';
import { minimumSarimaxObservations } from './prepareSarimaxData.js';
import { resolveSarimaxLayout, sarimaxLabel, type SarimaxOptions } from './SarimaxSpecification.js';

/** SARIMAX options for the ForecastModel adapter: no regressors (the adapter sees only the history). */
export type ArimaModelOptions = Omit<SarimaxOptions, 'exog' | 'startingValues'> & {
  /** Where the first fit starts (e.g. the last run's parameters); later fits start from the previous fit. */
  initialParameters?: ArrayLike<number>;
};

/** The adapter, which also tells the parameters of its last converged fit (to start the next run from). */
export interface ArimaForecastModel extends ForecastModel {
  lastParameters(): Float64Array | undefined;
}

/**
 * SARIMAX as a ForecastModel for the ensemble and the rolling-origin backtest. Each fit starts
 * from the previous fit's parameters (a warm start: consecutive histories differ by a few
 * observations, so the optimum barely moves), falling back to the default start when those
 * are unusable.
 */
export function arimaModel(options: ArimaModelOptions): ArimaForecastModel {
  const { initialParameters, ...sarimax } = options;
  const layout = resolveSarimaxLayout(sarimax, 0);
  let previous: Float64Array | undefined = initialParameters === undefined ? undefined : Float64Array.from(initialParameters);
  return {
    name: sarimaxLabel(layout),
    minimumObservations: () => minimumSarimaxObservations(layout),
    lastParameters: () => previous,
    forecast(history: Float64Array, horizon: number): ModelForecast {
      // Only the forecast is used, so the parameter covariances are not computed.
      const fit = fitSarimax(history, { ...sarimax, covariance: 'none', startingValues: previous });
      if (fit.converged) previous = fit.parameters;
      const forecast = forecastSarimax(fit, horizon);
      return { mean: forecast.mean, standardError: forecast.standardError, warnings: [...fit.warnings] };
    },
  };
}
