import type { ForecastModel } from '../ForecastModel.js';
import { fitGarch } from '../garch/fitGarch.js';
import { forecastGarch, type GarchForecastOptions } from '../garch/forecastGarch.js';
import { resolveGarchLayout, type GarchOptions } from '../garch/GarchSpecification.js';
import { minimumGarchObservations } from '../garch/prepareGarchSeries.js';
import { checkHorizon } from './checkForecastInput.js';

export interface GarchMeanModelOptions extends Omit<GarchOptions, 'startingValues'> {
  /** How forecastGarch forecasts the variance (method, simulations, seed). */
  forecast?: Omit<GarchForecastOptions, 'valueAtRiskLevels'>;
  /** Start each fit from the previous fit's parameters when that fit's data is a prefix of the new history (default true). */
  warmStart?: boolean;
  /** Name in reports (default 'garch' with its orders, e.g. 'garch(1,1)-constant'). */
  name?: string;
}

/**
 * A GARCH-family model (fitGarch) as a ForecastModel for returns: its mean forecast (the
 * constant, zero or AR mean) with standard error sqrt of forecastGarch's variance, and the
 * fit's warnings.
 *
 * Warm start: the adapter remembers its last fit and starts the next from those parameters
 * (GarchOptions.startingValues), which cuts the optimiser's work in a rolling-origin
 * backtest where each history extends the previous one. It does so only when the previous
 * fit's data is an exact prefix of the new history, so no information from outside the
 * history given ever enters a forecast: a shorter or different history starts cold.
 */
export function garchMeanModel(options: GarchMeanModelOptions = {}): ForecastModel {
  const { forecast: forecastOptions = {}, warmStart = true, name: givenName, ...garchOptions } = options;
  const layout = resolveGarchLayout(garchOptions);
  const orders = layout.volatility === 'garch' ? `${layout.p},${layout.q}` : `${layout.p},${layout.o},${layout.q}`;
  const name = givenName ?? `${layout.volatility}(${orders})-${layout.mean === 'ar' ? `ar${layout.arLags}` : layout.mean}`;
  let previous: { series: Float64Array; parameters: Float64Array } | undefined;

  const isPrefix = (series: Float64Array, history: Float64Array): boolean => {
    if (series.length > history.length) return false;
    for (let i = 0; i < series.length; i++) if (!Object.is(series[i], history[i])) return false;
    return true;
  };

  return {
    name,
    minimumObservations: () => minimumGarchObservations(layout) + layout.holdBack,
    forecast(history, horizon) {
      checkHorizon(horizon, name);
      const startingValues = warmStart && previous !== undefined && isPrefix(previous.series, history) ? previous.parameters : undefined;
      const fit = fitGarch(history, { ...garchOptions, startingValues });
      previous = { series: fit.series, parameters: fit.parameters };
      const result = forecastGarch(fit, horizon, { ...forecastOptions, valueAtRiskLevels: [] });
      return { mean: result.mean, standardError: result.variance.map(Math.sqrt), warnings: [...fit.warnings] };
    },
  };
}
