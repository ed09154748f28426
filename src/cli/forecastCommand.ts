import { availableParallelism } from 'node:os';
import { Command } from 'commander';
import { writeForecastChart } from '../app/writeForecastChart.js';
import { chartFormatOf } from '../app/writeChart.js';
import { futureTimes } from '../core/futureTimes.js';
import { readNumericColumn } from '../data/csv/readNumericColumn.js';
import type { ForecastOutcome } from '../forecast/ForecastOutcome.js';
import { forecastModelNames, type ForecastModelName, type ForecastSpecification } from '../forecast/ForecastSpecification.js';
import { runForecast } from '../forecast/runForecast.js';
import { selectSarimaxOrderInParallel } from '../parallel/selectSarimaxOrderInParallel.js';
import { seriesTransforms, transformSeries, type SeriesTransform } from '../forecast/transformSeries.js';
import { TickforgeError } from '../core/errors.js';
import { jsonSafe } from '../report/backtestJson.js';
import { rollingOriginBacktest, type RollingOriginBacktestResult } from '../forecast/ensemble/rollingOriginBacktest.js';
import { forecastModelFor } from '../forecast/forecastModelFor.js';
import { formatAccuracy } from './formatAccuracy.js';
import { formatForecast } from './formatForecast.js';
import { createProgress } from './progressBar.js';
import { globalOptionsOf } from './globalOptions.js';
import { choice, integerTuple, positiveInteger, positiveNumber } from './parseOptions.js';

interface ForecastCommandOptions {
  model: ForecastModelName;
  order?: number[];
  seasonal?: number[];
  trend?: 'n' | 'c' | 't' | 'ct';
  auto?: boolean;
  dist?: 'normal' | 't';
  window?: number;
  components?: number;
  input: string;
  column?: string;
  symbol?: string;
  transform: SeriesTransform;
  horizon: number;
  level: number;
  onMissing: 'error' | 'drop';
  json?: boolean;
  chart?: string;
  evaluate?: number;
}

export function forecastCommand(): Command {
  return new Command('forecast')
    .description('fit a forecasting model to one numeric column of a CSV and forecast it: parameters with standard errors, log-likelihood, information criteria, the forecast with intervals; --chart draws them')
    .requiredOption('--model <model>', `one of ${forecastModelNames.join(', ')}`, choice(forecastModelNames))
    .option('--order <p,d,q>', 'ARIMA/SARIMAX order (default 1,0,0; with --auto the largest p,d,q searched)', integerTuple(3, 'p,d,q'))
    .option('--seasonal <P,D,Q,s>', 'seasonal order of SARIMAX, e.g. 0,1,1,12', integerTuple(4, 'P,D,Q,s'))
    .option('--trend <trend>', 'ARIMA/SARIMAX trend terms: n (none), c (constant), t (linear), ct (both)', choice(['n', 'c', 't', 'ct'] as const))
    .option('--auto', 'ARIMA/SARIMAX: choose the order by AIC (stepwise search, in parallel)')
    .option('--dist <distribution>', 'GARCH-family error distribution: normal or t', choice(['normal', 't'] as const))
    .option('--window <L>', 'SSA window length (default: chosen from the series length)', positiveInteger)
    .option('--components <r>', 'SSA components kept (default: by explained variance)', positiveInteger)
    .requiredOption('--input <file>', 'a CSV or CSV.gz with a header; a time column is optional')
    .option('--column <name>', 'the numeric column to model (default close, or the only numeric column)')
    .option('--symbol <symbol>', 'rows of one symbol, when the file has a symbol column')
    .option('--transform <transform>', `applied before fitting: ${seriesTransforms.join(', ')} (log returns, simple returns)`, choice(seriesTransforms), 'none')
    .option('--horizon <h>', 'steps to forecast', positiveInteger, 10)
    .option('--level <p>', 'prediction interval coverage', positiveNumber, 0.95)
    .option('--on-missing <policy>', 'rows without a number: error (default) or drop (counted on standard error)', choice(['error', 'drop'] as const), 'error')
    .option('--evaluate <origins>', 'also backtest the model over the last N origins (refitted at each, horizon steps ahead) beside the random walk and drift: MAE, RMSE, MAPE, direction', positiveInteger)
    .option('--json', 'print the result as JSON')
    .option('--chart <file>', 'draw history, forecast and interval: .html, .svg or .png')
    .action(async (options: ForecastCommandOptions, command: Command) => {
      if (options.chart !== undefined) chartFormatOf(options.chart);
      const column = await readNumericColumn(options.input, { column: options.column, symbol: options.symbol, onMissing: options.onMissing });
      if (column.dropped > 0) process.stderr.write(`warning: ${column.dropped} rows of ${column.label} had no number and were left out (--on-missing drop)\n`);
      const series = transformSeries(column.values, options.transform, column.label);
      const specification: ForecastSpecification = {
        model: options.model,
        order: options.order as ForecastSpecification['order'],
        seasonal: options.seasonal as ForecastSpecification['seasonal'],
        trend: options.trend,
        automatic: options.auto,
        distribution: options.dist,
        windowLength: options.window,
        components: options.components,
        horizon: options.horizon,
        level: options.level,
      };
      // An impossible --evaluate fails before the fit, not after it.
      if (options.evaluate !== undefined) forecastModelFor(specification, series.values.length);
      const quiet = globalOptionsOf(command).quiet === true || options.json === true;
      if (options.auto && !quiet) process.stderr.write(`searching ${options.model} orders by AIC on ${availableParallelism()} threads...\n`);
      const outcome = await runForecast(series.values, specification, { selectOrder: (values, settings) => selectSarimaxOrderInParallel(values, settings) });
      const historyTimes = column.times === undefined ? undefined : Float64Array.from(series.sourceIndex, (i) => column.times![i]);
      const times = historyTimes === undefined ? undefined : futureTimes(historyTimes, options.horizon);
      const context = { label: column.label, transform: options.transform, times };
      const accuracy = options.evaluate === undefined ? undefined : evaluateForecasts(series.values, specification, options.evaluate, quiet, command);
      if (options.json) process.stdout.write(`${JSON.stringify({ ...forecastJson(outcome, context), accuracy: accuracy === undefined ? undefined : accuracyJson(accuracy) }, null, 2)}\n`);
      else process.stdout.write(`${formatForecast(outcome, context)}${accuracy === undefined ? '' : `\n${formatAccuracy(accuracy)}`}`);
      for (const warning of outcome.warnings) process.stderr.write(`warning: ${warning}\n`);
      if (options.chart !== undefined) {
        await writeForecastChart(
          {
            title: `${column.label}${options.transform === 'none' ? '' : ` (${options.transform})`}: ${outcome.model}`,
            subtitle: Number.isFinite(outcome.logLikelihood) ? `log-likelihood ${outcome.logLikelihood.toFixed(3)}, AIC ${outcome.aic.toFixed(3)}, ${outcome.observations} observations` : `${outcome.observations} observations`,
            history: series.values,
            historyTimes,
            forecastTimes: times,
            mean: outcome.mean,
            lower: outcome.lower,
            upper: outcome.upper,
            intervalLabel: `${Math.round(outcome.level * 1000) / 10}% interval`,
          },
          options.chart,
          formatForecast(outcome, context),
        );
        process.stderr.write(`chart written to ${options.chart}\n`);
      }
    });
}

/**
 * The rolling-origin backtest of the specified model over the last `origins` origins with a
 * progress bar (each origin refits the model).
 * @throws TF_ERR_FORECAST_SERIES_TOO_SHORT when the series has no room for that many origins.
 */
function evaluateForecasts(series: Float64Array, specification: ForecastSpecification, origins: number, quiet: boolean, command: Command): RollingOriginBacktestResult {
  const initial = series.length - origins - specification.horizon + 1;
  if (initial < 3) {
    throw new TickforgeError('TF_ERR_FORECAST_SERIES_TOO_SHORT', `--evaluate ${origins} with --horizon ${specification.horizon} needs more than ${origins + specification.horizon} observations; the series has ${series.length}. Use fewer origins.`);
  }
  const model = forecastModelFor(specification, series.length);
  const progress = createProgress({ quiet: quiet || globalOptionsOf(command).quiet === true, unit: 'fits' });
  let started = false;
  try {
    return rollingOriginBacktest(series, [model], {
      initial,
      horizon: specification.horizon,
      onProgress: ({ completed, total }) => {
        if (!started) progress.start(total, 'backtesting forecasts');
        started = true;
        progress.update(completed);
      },
    });
  } finally {
    progress.stop();
  }
}

function accuracyJson(result: RollingOriginBacktestResult) {
  const scored = (model: RollingOriginBacktestResult['naive']) => ({
    name: model.name,
    forecasts: model.overall.count,
    mae: model.overall.mae,
    rmse: model.overall.rmse,
    mape: model.overall.mape,
    directionalAccuracy: model.overall.directionalAccuracy,
    rmseVersusNaive: model.overall.versusNaive.rmseRatio,
    rmseVersusDrift: model.overall.versusDrift.rmseRatio,
    failures: model.failures.length,
  });
  return jsonSafe({ origins: result.origins.length, horizon: result.horizon, model: scored(result.models[0]), naive: scored(result.naive), drift: scored(result.drift) });
}

/** The outcome as plain JSON (jsonSafe: arrays for typed arrays, null for NaN, which JSON lacks), with the forecast's times as ISO strings. */
function forecastJson(outcome: ForecastOutcome, context: { label: string; transform: SeriesTransform; times?: Float64Array }) {
  const { mean, standardError, lower, upper, volatility, valueAtRisk, horizon, level, members, ...fit } = outcome;
  return jsonSafe({
    series: context.label,
    transform: context.transform,
    ...fit,
    members: members?.map(({ name, weight, mean: memberMean, contribution }) => ({ name, weight, mean: memberMean, contribution })),
    forecast: {
      horizon,
      level,
      times: context.times === undefined ? undefined : Array.from(context.times, (time) => new Date(time).toISOString()),
      mean,
      standardError,
      lower,
      upper,
      volatility,
      valueAtRisk,
    },
  });
}
