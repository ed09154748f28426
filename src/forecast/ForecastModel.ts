/**
 * What every mean-forecasting model offers the ensemble, the rolling-origin accuracy backtest and
 * the CLI: fit on a history, forecast `horizon` steps ahead. A model object may remember its last
 * fitted parameters so the next call on a longer history starts from them (a warm start).
 */
export interface ForecastModel {
  /** Short name used in reports, e.g. 'arima(2,1,2)', 'ssa', 'naive'. */
  readonly name: string;
  /** The fewest observations `forecast` accepts. */
  minimumObservations(): number;
  /** Fits on `history` (finite values) and forecasts steps 1..horizon after its last value. */
  forecast(history: Float64Array, horizon: number): ModelForecast;
}

export interface ModelForecast {
  /** Expected values at steps 1..horizon. */
  mean: Float64Array;
  /** Standard errors of the forecasts at steps 1..horizon; NaN where the model gives none. */
  standardError: Float64Array;
  /** What a user should know before trusting the numbers (non-convergence, parameters on bounds, ...). */
  warnings: string[];
}
