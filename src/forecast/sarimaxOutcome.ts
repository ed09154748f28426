import { forecastSarimax } from './arima/forecastSarimax.js';
import type { SarimaxFit } from './arima/SarimaxFit.js';
import { sarimaxLabel } from './arima/SarimaxSpecification.js';
import { ljungBox } from './diagnostics/ljungBox.js';
import type { ForecastOutcome, PortmanteauRow } from './ForecastOutcome.js';

/** A SARIMAX fit (given, e.g. from an order search, or fitted here) and its forecast as a ForecastOutcome. */
export function sarimaxOutcome(fit: SarimaxFit, horizon: number, level: number, extraWarnings: readonly string[] = []): ForecastOutcome {
  const forecast = forecastSarimax(fit, horizon, { level });
  const layout = fit.layout;
  return {
    model: `${sarimaxLabel(layout).toUpperCase()}${layout.trend === 'n' ? '' : ` with trend '${layout.trend}'`}`,
    observations: fit.observations,
    parameters: fit.parameterNames.map((name, i) => ({ name, estimate: fit.parameters[i], standardError: fit.standardErrors[i] })),
    logLikelihood: fit.logLikelihood,
    aic: fit.aic,
    bic: fit.bic,
    hqic: fit.hqic,
    horizon,
    level,
    mean: forecast.mean,
    standardError: forecast.standardError,
    lower: forecast.lower,
    upper: forecast.upper,
    ljungBox: residualTest(fit.residuals, layout.p + layout.q + layout.seasonalP + layout.seasonalQ),
    converged: fit.converged,
    warnings: [...extraWarnings, ...fit.warnings],
  };
}

/**
 * Ljung-Box at lags 5 and 10 (those below a fifth of the residuals), with the ARMA terms as the
 * model's degrees of freedom, as statsmodels' `test_serial_correlation` reads them.
 */
export function residualTest(residuals: Float64Array, armaTerms: number): PortmanteauRow[] | undefined {
  let finite = 0;
  for (const value of residuals) if (Number.isFinite(value)) finite++;
  if (finite < 10) return undefined;
  // Lag 10 only where it stays below a fifth of the residuals.
  const lags = finite > 50 ? [5, 10] : [5];
  return ljungBox(residuals, { lags, modelDegreesOfFreedom: armaTerms }).lags.map((row) => ({ lag: row.lag, statistic: row.statistic, pValue: row.pValue, degreesOfFreedom: row.degrees }));
}
