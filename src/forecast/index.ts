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
export type { ForecastModel, ModelForecast } from './ForecastModel.js';
export { naiveModel } from './ensemble/naiveModel.js';
export { driftModel } from './ensemble/driftModel.js';
export { seasonalNaiveModel } from './ensemble/seasonalNaiveModel.js';
export { meanModel } from './ensemble/meanModel.js';
export { garchMeanModel, type GarchMeanModelOptions } from './ensemble/garchMeanModel.js';
export { accuracyMeasures, relativeAccuracy, type AccuracyMeasures, type RelativeAccuracy } from './ensemble/forecastAccuracy.js';
export type { OriginFailure } from './ensemble/forecastAtOrigins.js';
export {
  rollingOriginBacktest,
  type RollingOriginOptions,
  type RollingOriginBacktestResult,
  type ModelBacktest,
  type ScoredAccuracy,
} from './ensemble/rollingOriginBacktest.js';
export { nonNegativeLeastSquares, type NonNegativeLeastSquaresResult } from './ensemble/nonNegativeLeastSquares.js';
export { inverseMseWeights, stackingWeights, type EnsembleWeighting } from './ensemble/ensembleWeights.js';
export { ensembleModel, type EnsembleModel, type EnsembleOptions, type EnsembleForecast, type EnsembleMemberForecast } from './ensemble/ensembleModel.js';
export { fitSarimax, fixSarimax } from './arima/fitSarimax.js';
export { forecastSarimax, type SarimaxForecast, type SarimaxForecastOptions } from './arima/forecastSarimax.js';
export { arimaModel, type ArimaModelOptions } from './arima/arimaModel.js';
export type { SarimaxFit } from './arima/SarimaxFit.js';
export {
  resolveSarimaxLayout,
  type SarimaxOptions,
  type SarimaxLayout,
  type SarimaxTrend,
  type SarimaxStartMethod,
  type SarimaxCovariance,
} from './arima/SarimaxSpecification.js';
export { minimumSarimaxObservations } from './arima/prepareSarimaxData.js';
export { constrainStationary, unconstrainStationary } from './arima/stationaryTransform.js';
export { chiSquareSurvival, chiSquareCdf, regularizedUpperGamma, regularizedLowerGamma } from './special/chiSquare.js';
export { autocorrelation } from './diagnostics/autocorrelation.js';
export { ljungBox, type LjungBoxOptions, type LjungBoxLag, type LjungBoxResult } from './diagnostics/ljungBox.js';
export { kpss, kpssLagCount, type KpssOptions, type KpssResult, type KpssLags } from './diagnostics/kpss.js';
export { chooseDifferencingOrder, type DifferencingOrderOptions, type DifferencingOrder, type DifferencingTest } from './diagnostics/differencingOrder.js';
export { ocsbTest, ocsbCriticalValue, chooseSeasonalDifferencingOrder, type OcsbOptions, type OcsbResult, type SeasonalDifferencingOrder } from './diagnostics/ocsb.js';
export {
  selectSarimaxOrder,
  selectSarimaxOrderWith,
  type SarimaxOrderSelectionOptions,
  type SarimaxOrderSelection,
  type SarimaxBatchEvaluator,
  type CandidateContext,
} from './arima/selectSarimaxOrder.js';
export {
  stepwiseOrderSearch,
  gridOrderSearch,
  runOrderSearch,
  runOrderSearchSync,
  candidateLabel,
  type SarimaxCandidate,
  type CandidateScore,
  type CandidateFailure,
  type TriedCandidate,
  type SelectionCriterion,
  type OrderSearchSpace,
  type OrderSearchOutcome,
} from './arima/sarimaxOrderSearch.js';
export { scoreSarimaxCandidate, scoreSarimaxFit, type CandidateScoring, type CandidateFitOptions } from './arima/scoreSarimaxCandidate.js';
export { decomposeSsa, type SsaDecomposition, type SsaOptions } from './ssa/decomposeSsa.js';
export { forecastSsa, type SsaForecast, type SsaForecastOptions, type SsaForecastMethod } from './ssa/forecastSsa.js';
export { decomposeMssa, forecastMssa, type MssaDecomposition, type MssaOptions, type MssaForecast } from './ssa/decomposeMssa.js';
export { forecastSamossa, type SamossaForecast, type SamossaOptions } from './ssa/forecastSamossa.js';
export { fitAutoregression, forecastAutoregression, type AutoregressionFit } from './ssa/fitAutoregression.js';
export { ssaModel, ssaMinimumObservations, type SsaModelOptions } from './ssa/ssaModel.js';
export { samossaModel, type SamossaModelOptions } from './ssa/samossaModel.js';
export { defaultSsaWindowLength, defaultSsaWindowCap, defaultSsaVarianceShare, defaultSsaMaximumComponents } from './ssa/validateSsaInput.js';
export { runForecast, type RunForecastOptions } from './runForecast.js';
export { forecastModelNames, checkForecastSpecification, type ForecastSpecification, type ForecastModelName } from './ForecastSpecification.js';
export type { ForecastOutcome, EstimatedParameter, PortmanteauRow, MemberContribution } from './ForecastOutcome.js';
export { forecastModelFor, defaultEnsemble } from './forecastModelFor.js';
export { forecastSymbol, seriesVersion, defaultSymbolForecastSettings, type SymbolForecast, type SymbolForecastSettings, type SymbolForecastState } from './forecastSymbol.js';
export { rememberForecasts, historyHash, type ForecastMemory } from './rememberForecasts.js';
export { transformSeries, seriesTransforms, type SeriesTransform, type TransformedSeries } from './transformSeries.js';
