import type { ModelBacktest, RollingOriginBacktestResult } from '../forecast/ensemble/rollingOriginBacktest.js';
import { formatTable } from './formatTable.js';

const round = (value: number) => (Number.isFinite(value) ? Number(value.toPrecision(6)) : value);

/** The rolling-origin backtest as a table: the model beside the random walk and the random walk with drift, over every step of the horizon. */
export function formatAccuracy(result: RollingOriginBacktestResult): string {
  const row = (model: ModelBacktest) => {
    const overall = model.overall;
    return [model.name, overall.count, round(overall.mae), round(overall.rmse), round(overall.mape), round(overall.directionalAccuracy), round(overall.versusNaive.rmseRatio), round(overall.versusDrift.rmseRatio)];
  };
  const model = result.models[0];
  const verdict = model.overall.versusNaive.rmseRatio < 1 ? 'beats' : 'does not beat';
  const lines = [
    `Rolling-origin backtest: ${result.origins.length} origins, refitted at each, ${result.horizon} steps ahead (${result.window} window from ${result.initial} observations)`,
    formatTable(['model', 'forecasts', 'MAE', 'RMSE', 'MAPE %', 'direction', 'RMSE / naive', 'RMSE / drift'], [row(model), row(result.naive), row(result.drift)]),
    `${model.name} ${verdict} the random walk on RMSE (ratio ${round(model.overall.versusNaive.rmseRatio)}; below 1 is better).`,
  ];
  if (model.failures.length > 0) lines.push(`${model.name} failed at ${model.failures.length} origins (first: ${model.failures[0].message})`);
  return `${lines.join('\n')}\n`;
}
