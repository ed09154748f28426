import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sarimaxReferences } from '../fixtures/arima/sarimaxReferences.js';
import { archReferences } from '../fixtures/garch/archReferences.js';
import { requireSharedData, sharedDataDir } from '../sharedData.js';
import { repoRoot, runCli } from './runCli.js';

/** `tickforge forecast` end to end, checked against statsmodels' and arch's own numbers (fixtures made by those libraries). */
const directory = mkdtempSync(join(tmpdir(), 'tickforge-forecast-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));
const passengers = join(repoRoot, 'test', 'fixtures', 'arima', 'airpassengers_monthly.csv');
const cli = (...args: string[]) => runCli([...args, '--log-level', 'warn'], { cwd: directory });
const demGbpGarch = 'dem2gbp GARCH(1,1) constant normal';
const relative = (actual: number, expected: number) => Math.abs(actual - expected) / Math.max(1e-12, Math.abs(expected));

interface PrintedForecast {
  model: string;
  parameters: Array<{ name: string; estimate: number; standardError: number }>;
  logLikelihood: number;
  aic: number;
  bic: number;
  hqic: number;
  ljungBox?: Array<{ lag: number; statistic: number; pValue: number }>;
  members?: Array<{ name: string; weight: number }>;
  forecast: { times?: string[]; mean: number[]; standardError: number[]; lower: number[]; upper: number[]; volatility?: number[] };
  warnings: string[];
}

describe('tickforge forecast', () => {
  it('fits the airline model to log AirPassengers as statsmodels does, with dated forecasts, and draws it', async () => {
    const chart = join(directory, 'airline.png');
    const result = await cli('forecast', '--model', 'sarimax', '--order', '0,1,1', '--seasonal', '0,1,1,12', '--input', passengers, '--transform', 'log', '--horizon', '12', '--json', '--chart', chart);
    expect(result.code, result.stderr).toBe(0);
    const printed = JSON.parse(result.stdout) as PrintedForecast;
    const reference = sarimaxReferences.airline;
    expect(printed.parameters.map((parameter) => parameter.name)).toEqual(reference.names);
    printed.parameters.forEach((parameter, i) => {
      expect(relative(parameter.estimate, reference.params[i])).toBeLessThan(1e-3);
      // The CLI reports standard errors from the Hessian (statsmodels' cov_type 'approx').
      expect(relative(parameter.standardError, reference.approxStandardErrors[i])).toBeLessThan(2e-3);
    });
    expect(Math.abs(printed.logLikelihood - reference.llf)).toBeLessThan(1e-4);
    for (const key of ['aic', 'bic', 'hqic'] as const) expect(Math.abs(printed[key] - reference[key])).toBeLessThan(1e-3);
    printed.forecast.mean.forEach((mean, h) => {
      expect(Math.abs(mean - reference.forecastMean[h])).toBeLessThan(1e-4);
      expect(Math.abs(printed.forecast.lower[h] - reference.forecastLower[h])).toBeLessThan(1e-4);
      expect(Math.abs(printed.forecast.upper[h] - reference.forecastUpper[h])).toBeLessThan(1e-4);
    });
    expect(printed.forecast.times?.slice(0, 2)).toEqual(['1961-01-01T00:00:00.000Z', '1961-02-01T00:00:00.000Z']);
    expect(printed.ljungBox?.map((row) => row.lag)).toEqual([5, 10]);
    expect(readFileSync(chart).subarray(1, 4).toString()).toBe('PNG');
  });

  it('prints a GARCH fit of a return series indexed by observation number as arch does', async () => {
    if (!requireSharedData('tickforge forecast --model garch on the DEM/GBP returns')) return;
    const reference = archReferences[demGbpGarch];
    const result = await cli('forecast', '--model', 'garch', '--input', join(sharedDataDir, reference.file), '--horizon', '5', '--json');
    expect(result.code, result.stderr).toBe(0);
    const printed = JSON.parse(result.stdout) as PrintedForecast;
    expect(printed.parameters.map((parameter) => parameter.name)).toEqual(reference.names);
    printed.parameters.forEach((parameter, i) => expect(relative(parameter.estimate, reference.params[i])).toBeLessThan(1e-3));
    expect(Math.abs(printed.logLikelihood - reference.loglikelihood)).toBeLessThan(1e-4);
    expect(printed.forecast.times).toBeUndefined();
    expect(printed.forecast.volatility).toHaveLength(5);
  });

  it('prints the table, SSA and the ensemble with each member weight, and an HTML chart', async () => {
    const table = await cli('forecast', '--model', 'arima', '--order', '2,1,2', '--input', passengers, '--transform', 'log', '--horizon', '3');
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/ARIMA\(2,1,2\) on .*airpassengers_monthly.csv column passengers \(log\), 143 observations/);
    expect(table.stdout).toMatch(/log-likelihood .* AIC .* BIC .* HQIC/);
    expect(table.stdout).toMatch(/1961-01-01/);
    const ssa = await cli('forecast', '--model', 'ssa', '--input', passengers, '--transform', 'log', '--horizon', '3', '--json');
    expect(ssa.code, ssa.stderr).toBe(0);
    expect((JSON.parse(ssa.stdout) as PrintedForecast).model).toMatch(/^SSA \(window 72, \d+ components?\) \+ AR\(\d+\) residual$/);
    const html = join(directory, 'ensemble.html');
    const ensemble = await cli('forecast', '--model', 'ensemble', '--input', passengers, '--transform', 'log', '--horizon', '3', '--json', '--chart', html);
    expect(ensemble.code, ensemble.stderr).toBe(0);
    const printed = JSON.parse(ensemble.stdout) as PrintedForecast;
    expect(printed.members?.map((member) => member.name)).toEqual(['arima(1,1,1)', 'samossa', 'drift', 'naive']);
    expect(printed.members!.reduce((sum, member) => sum + member.weight, 0)).toBeCloseTo(1, 12);
    expect(readFileSync(html, 'utf8')).toContain('data-series="forecast"');
  });

  it('backtests the model over rolling origins beside the random walk and drift, as the library does', async () => {
    const result = await cli('forecast', '--model', 'sarimax', '--order', '0,1,1', '--seasonal', '0,1,1,12', '--input', passengers, '--transform', 'log', '--horizon', '2', '--evaluate', '6', '--json');
    expect(result.code, result.stderr).toBe(0);
    const accuracy = (JSON.parse(result.stdout) as { accuracy: { origins: number; model: { name: string; forecasts: number; rmse: number; rmseVersusNaive: number }; naive: { rmse: number } } }).accuracy;
    const { rollingOriginBacktest } = await import('../../src/forecast/ensemble/rollingOriginBacktest.js');
    const { arimaModel } = await import('../../src/forecast/arima/arimaModel.js');
    const { readNumericColumn } = await import('../../src/data/csv/readNumericColumn.js');
    const logs = (await readNumericColumn(passengers)).values.map(Math.log);
    const expected = rollingOriginBacktest(logs, [arimaModel({ order: [0, 1, 1], seasonalOrder: [0, 1, 1, 12], trend: 'n' })], { initial: logs.length - 6 - 2 + 1, horizon: 2 });
    expect(accuracy.origins).toBe(6);
    expect(accuracy.model.forecasts).toBe(12);
    expect(accuracy.model.rmse).toBeCloseTo(expected.models[0].overall.rmse, 10);
    expect(accuracy.naive.rmse).toBeCloseTo(expected.naive.overall.rmse, 12);
    expect(accuracy.model.rmseVersusNaive).toBeLessThan(1);
    const automatic = await cli('forecast', '--model', 'arima', '--auto', '--input', passengers, '--evaluate', '5');
    expect(automatic.code).toBe(2);
    expect(automatic.stderr).toMatch(/run --auto first, then evaluate the order it chose with --order/);
  });

  it('names the problem: a missing value, a constant series, too short a series, a bad option', async () => {
    const gap = join(directory, 'gap.csv');
    writeFileSync(gap, 'time,close\n2024-01-01,1\n2024-01-02,\n2024-01-03,3\n');
    const missing = await cli('forecast', '--model', 'arima', '--input', gap);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/gap.csv: line 3: column "close" is empty or missing.*--on-missing drop/);
    const flat = join(directory, 'flat.csv');
    writeFileSync(flat, `value\n${Array.from({ length: 50 }, () => 5).join('\n')}\n`);
    const constant = await cli('forecast', '--model', 'garch', '--input', flat);
    expect(constant.code).toBe(2);
    expect(constant.stderr).toMatch(/TF_ERR_FORECAST_SERIES_CONSTANT/);
    const tiny = join(directory, 'tiny.csv');
    writeFileSync(tiny, 'value\n1\n2\n3\n');
    const short = await cli('forecast', '--model', 'arima', '--order', '2,1,2', '--input', tiny);
    expect(short.code).toBe(2);
    expect(short.stderr).toMatch(/TF_ERR_FORECAST_SERIES_TOO_SHORT/);
    const order = await cli('forecast', '--model', 'arima', '--order', '2,1', '--input', passengers);
    expect(order.code).toBe(2);
    expect(order.stderr).toMatch(/"2,1" is not 3 whole numbers/);
    const negative = await cli('forecast', '--model', 'garch', '--input', passengers, '--transform', 'logret', '--dist', 'skewed');
    expect(negative.code).toBe(2);
    expect(negative.stderr).toMatch(/"skewed" is not one of: normal, t/);
  });
});
