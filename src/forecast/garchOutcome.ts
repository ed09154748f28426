import { fitGarch } from './garch/fitGarch.js';
import { forecastGarch } from './garch/forecastGarch.js';
import type { GarchOptions } from './garch/GarchSpecification.js';
import { hannanQuinn, normalMultiplier, symmetricInterval, type ForecastOutcome } from './ForecastOutcome.js';
import { studentTQuantile } from './special/studentTDistribution.js';

/** A GARCH-family fit and its h-step forecast as a ForecastOutcome. */
export function garchOutcome(series: Float64Array, options: GarchOptions, horizon: number, level: number): ForecastOutcome {
  const fit = fitGarch(series, options);
  const layout = fit.layout;
  const forecast = forecastGarch(fit, horizon, { seed: 1 });
  const tail = (1 - level) / 2;
  // The interval of y at each step uses the fitted standardised distribution, as the VaR does.
  const nu = layout.degreesIndex >= 0 ? fit.parameters[layout.degreesIndex] : Infinity;
  const quantile = layout.distribution === 't' ? -studentTQuantile(tail, nu) * Math.sqrt((nu - 2) / nu) : normalMultiplier(level);
  const standardError = forecast.variance.map(Math.sqrt);
  const orders = layout.volatility === 'garch' ? `${layout.p},${layout.q}` : `${layout.p},${layout.o},${layout.q}`;
  const name = { garch: 'GARCH', gjr: 'GJR-GARCH', egarch: 'EGARCH' }[layout.volatility];
  const mean = layout.mean === 'ar' ? `AR(${layout.arLags}) mean` : `${layout.mean} mean`;
  return {
    model: `${name}(${orders}), ${mean}, ${layout.distribution === 't' ? 'Student-t' : 'normal'} errors`,
    observations: fit.observations,
    parameters: fit.parameterNames.map((parameter, i) => ({ name: parameter, estimate: fit.parameters[i], standardError: fit.standardErrors[i] })),
    logLikelihood: fit.logLikelihood,
    aic: fit.aic,
    bic: fit.bic,
    hqic: hannanQuinn(fit.logLikelihood, layout.count, fit.observations),
    horizon,
    level,
    mean: forecast.mean,
    standardError,
    ...symmetricInterval(forecast.mean, standardError, quantile),
    volatility: forecast.residualVariance.map(Math.sqrt),
    valueAtRisk: forecast.valueAtRisk,
    converged: fit.converged,
    warnings: [...fit.warnings],
  };
}
