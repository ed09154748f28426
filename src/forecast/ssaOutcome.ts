import { normalMultiplier, symmetricInterval, type ForecastOutcome } from './ForecastOutcome.js';
import { forecastSamossa } from './ssa/forecastSamossa.js';
import { checkWindowLength } from './ssa/validateSsaInput.js';

/**
 * SSA on one series as a ForecastOutcome: the signal (the leading eigen-triples, `components` or
 * chosen by explained variance) forecast by the linear recurrence, plus an AIC-chosen AR model of
 * what the signal leaves (SAMoSSA on one series), whose forecast variance gives the interval.
 * The "parameters" are the residual AR coefficients (no standard errors: least squares on a
 * reconstructed residual has none that mean anything) and the innovation variance; SSA has no
 * likelihood, so the information criteria are NaN.
 */
export function ssaOutcome(series: Float64Array, options: { windowLength?: number; components?: number }, horizon: number, level: number): ForecastOutcome {
  const windowLength = checkWindowLength(options.windowLength, series.length);
  const result = forecastSamossa([series], { horizon, windowLength, components: options.components, scaleSeries: false });
  const residual = result.residualModels[0];
  const mean = result.mean[0];
  const standardError = result.standardError[0];
  return {
    model: `SSA (window ${windowLength}, ${result.components} component${result.components === 1 ? '' : 's'}) + AR(${residual.order}) residual`,
    observations: series.length,
    parameters: [
      ...Array.from(residual.coefficients, (value, j) => ({ name: `residual.ar.L${j + 1}`, estimate: value, standardError: NaN })),
      { name: 'residual.sigma2', estimate: residual.innovationVariance, standardError: NaN },
    ],
    logLikelihood: NaN,
    aic: NaN,
    bic: NaN,
    hqic: NaN,
    horizon,
    level,
    mean,
    standardError,
    ...symmetricInterval(mean, standardError, normalMultiplier(level)),
    converged: true,
    warnings: [...result.warnings],
  };
}
