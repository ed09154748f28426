import { TickforgeError } from '../../core/errors.js';
import type { ForecastModel } from '../ForecastModel.js';
import { checkIntegerOption } from './checkForecastInput.js';
import { driftModel } from './driftModel.js';
import { accuracyMeasures, relativeAccuracy, type AccuracyMeasures, type RelativeAccuracy } from './forecastAccuracy.js';
import { forecastAtOrigins, summariseWarnings, type OriginFailure } from './forecastAtOrigins.js';
import { naiveModel } from './naiveModel.js';

export interface RollingOriginOptions {
  /** Observations in the first training window (>= 3, so the drift baseline can fit). */
  initial: number;
  /** Steps forecast from each origin. */
  horizon: number;
  /** Observations between consecutive origins (default 1). */
  step?: number;
  /** 'expanding' (default): each window starts at the series' start; 'rolling': each holds the last `initial` observations. */
  window?: 'expanding' | 'rolling';
  /** Called after each model fit at one origin, the baselines' included. */
  onProgress?: (progress: { completed: number; total: number; model: string }) => void;
}

/** Accuracy at one horizon step (or pooled over all), with the skill against the two baselines. */
export interface ScoredAccuracy extends AccuracyMeasures {
  /** Against the random walk: rmseRatio is Theil's U2; below 1 the model beats the random walk. */
  versusNaive: RelativeAccuracy;
  /** Against the random walk with drift. */
  versusDrift: RelativeAccuracy;
}

export interface ModelBacktest {
  name: string;
  /** origins x horizon, row-major (row k holds steps 1..horizon from origins[k]); NaN where the model failed. */
  forecasts: Float64Array;
  standardErrors: Float64Array;
  /** byHorizon[h - 1]: accuracy of the h-step forecasts. */
  byHorizon: ScoredAccuracy[];
  /** Accuracy pooled over every step of every origin. */
  overall: ScoredAccuracy;
  /** Origins where the model gave no forecast, and why. */
  failures: OriginFailure[];
  /** The model's warnings with the number of origins that gave each, and notes on the scoring. */
  warnings: string[];
}

export interface RollingOriginBacktestResult {
  window: 'expanding' | 'rolling';
  initial: number;
  horizon: number;
  step: number;
  /** Index of the last observation each row of forecasts saw. */
  origins: Int32Array;
  /** origins x horizon, row-major: series[origins[k] + h]. */
  actuals: Float64Array;
  /** The models given, in order. */
  models: ModelBacktest[];
  /** The baselines every model is scored against, run on the same origins. */
  naive: ModelBacktest;
  drift: ModelBacktest;
}

/**
 * Rolling-origin evaluation ("time series cross-validation", Tashman 2000; R forecast's
 * tsCV): from each origin o = initial - 1, initial - 1 + step, ... with a full horizon left
 * (o + horizon <= n - 1), every model is fitted on the data up to and including o only and
 * forecasts steps 1..horizon, scored against the values that followed. Every origin thus
 * scores every step, so the per-step counts agree. Models run origin by origin in time
 * order, so a model that warm-starts carries parameters only forward.
 *
 * No look-ahead: each model receives a copy of series[start..o] and nothing else (the
 * backtest test proves a changed future leaves every forecast unchanged).
 *
 * A model's TickforgeError at an origin is recorded in `failures` and leaves NaN there; its
 * skill is measured on the pairs where both it and the baseline forecast.
 */
export function rollingOriginBacktest(series: ArrayLike<number>, models: readonly ForecastModel[], options: RollingOriginOptions): RollingOriginBacktestResult {
  const { initial, horizon, step = 1, window = 'expanding', onProgress } = options;
  checkIntegerOption(initial, 'initial', 3, Number.MAX_SAFE_INTEGER, 'give the number of observations in the first training window (at least 3 for the drift baseline)');
  checkIntegerOption(horizon, 'horizon', 1, 10_000, 'give the number of steps to forecast from each origin');
  checkIntegerOption(step, 'step', 1, Number.MAX_SAFE_INTEGER, 'give the number of observations between origins');
  if (window !== 'expanding' && window !== 'rolling') {
    throw new TickforgeError('TF_ERR_FORECAST_OPTION', `option window = '${window}' is unknown; use 'expanding' or 'rolling'.`);
  }
  if (models.length === 0) throw new TickforgeError('TF_ERR_FORECAST_OPTION', 'rolling-origin backtest: no models given; pass at least one ForecastModel (the naive and drift baselines are added by the backtest).');
  const names = new Set<string>();
  for (const model of models) {
    if (names.has(model.name)) throw new TickforgeError('TF_ERR_FORECAST_OPTION', `rolling-origin backtest: two models are named '${model.name}'; give each model a distinct name so the results can be told apart.`);
    names.add(model.name);
  }
  const values = Float64Array.from(series);
  const n = values.length;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(values[i])) {
      throw new TickforgeError('TF_ERR_FORECAST_SERIES_NOT_FINITE', `rolling-origin backtest: series value ${i} is ${values[i]}; drop or fill missing and non-finite values first.`, { details: { index: i, value: String(values[i]) } });
    }
  }
  if (n < initial + horizon) {
    throw new TickforgeError('TF_ERR_FORECAST_SERIES_TOO_SHORT', `rolling-origin backtest needs at least initial + horizon = ${initial + horizon} observations; the series has ${n}. Lower initial or horizon, or use a longer series.`, {
      details: { length: n, needed: initial + horizon },
    });
  }

  const originList: number[] = [];
  for (let origin = initial - 1; origin + horizon <= n - 1; origin += step) originList.push(origin);
  const origins = Int32Array.from(originList);
  const rows = origins.length;
  const actuals = new Float64Array(rows * horizon);
  const originValues = new Float64Array(rows * horizon);
  for (let k = 0; k < rows; k++) {
    for (let h = 0; h < horizon; h++) {
      actuals[k * horizon + h] = values[origins[k] + 1 + h];
      originValues[k * horizon + h] = values[origins[k]];
    }
  }
  const windowStart = window === 'expanding' ? () => 0 : (origin: number) => origin + 1 - initial;
  const total = (models.length + 2) * rows;
  let completed = 0;
  const run = (model: ForecastModel) => {
    const report = onProgress ? () => onProgress({ completed: ++completed, total, model: model.name }) : undefined;
    return { model, ...forecastAtOrigins(model, values, origins, horizon, windowStart, report) };
  };
  const naiveRun = run(naiveModel());
  const driftRun = run(driftModel());
  const modelRuns = models.map(run);

  const score = (forecasts: Float64Array, selected: (index: number) => boolean): ScoredAccuracy => {
    const pick = (column: Float64Array): Float64Array => column.filter((_, i) => selected(i));
    const f = pick(forecasts);
    const a = pick(actuals);
    return {
      ...accuracyMeasures(f, a, pick(originValues)),
      versusNaive: relativeAccuracy(f, pick(naiveRun.forecasts), a),
      versusDrift: relativeAccuracy(f, pick(driftRun.forecasts), a),
    };
  };
  const summarise = (result: ReturnType<typeof run>): ModelBacktest => {
    const byHorizon = Array.from({ length: horizon }, (_, h) => score(result.forecasts, (i) => i % horizon === h));
    const overall = score(result.forecasts, () => true);
    const warnings = summariseWarnings(result.warnings, rows);
    if (result.failures.length > 0) {
      warnings.unshift(`no forecast at ${result.failures.length} of ${rows} origins (see failures; first: ${result.failures[0].message})`);
    }
    const zeroActuals = overall.count - overall.mapeCount;
    if (zeroActuals > 0) warnings.push(`MAPE skips ${zeroActuals} of ${overall.count} forecasts whose actual value is 0 (a percentage error of 0 is undefined)`);
    return { name: result.model.name, forecasts: result.forecasts, standardErrors: result.standardErrors, byHorizon, overall, failures: result.failures, warnings };
  };
  return {
    window,
    initial,
    horizon,
    step,
    origins,
    actuals,
    models: modelRuns.map(summarise),
    naive: summarise(naiveRun),
    drift: summarise(driftRun),
  };
}
