/** Forecasting: the GARCH family and the optimiser and numerical tools the model fits share. */
export { minimize, type MinimizeOptions, type MinimizeResult, type TerminationReason } from './optimizer/minimize.js';
export type { LinearConstraint } from './optimizer/projectDirection.js';
export { strongWolfeLineSearch, type LineSearchOptions, type LineSearchResult, type LinePoint, type LineSearchOutcome } from './optimizer/strongWolfeLineSearch.js';
export { finiteDifferenceGradient, type FiniteDifferenceOptions } from './optimizer/finiteDifferenceGradient.js';
export { numericalHessian, type NumericalHessianOptions } from './optimizer/numericalHessian.js';
export { fitGarch, fixGarch } from './garch/fitGarch.js';
export { forecastGarch, type GarchForecast, type GarchForecastOptions } from './garch/forecastGarch.js';
export { filterGarchVariance, type GarchFilterResult } from './garch/filterGarchVariance.js';
export type { GarchFit } from './garch/GarchFit.js';
export {
  resolveGarchLayout,
  type GarchOptions,
  type GarchLayout,
  type GarchVolatility,
  type GarchMean,
  type GarchDistribution,
  type GarchStartup,
  type GarchCovariance,
} from './garch/GarchSpecification.js';
export { minimumGarchObservations } from './garch/prepareGarchSeries.js';
export { normalCdf, normalQuantile, normalDensity } from './special/normalDistribution.js';
export { studentTCdf, studentTQuantile, studentTDensity } from './special/studentTDistribution.js';
export { logGamma } from './special/logGamma.js';
export { digamma } from './special/digamma.js';
