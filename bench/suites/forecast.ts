import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { readCsvBars } from '../../src/data/csv/readCsvBars.js';
import { validateBars } from '../../src/data/validate/validateBars.js';
import { fitSarimax, fixSarimax } from '../../src/forecast/arima/fitSarimax.js';
import { fitGarch, fixGarch } from '../../src/forecast/garch/fitGarch.js';
import type { UniverseSeries } from '../../src/parallel/forecastUniverse.js';
import { compiled } from '../compiled.js';
import type { BenchMeasurement, BenchTarget, Suite } from '../harness.js';
import { median } from '../median.js';
import { timeRounds } from '../timeRounds.js';

/**
 * Forecasting speed (issue 8), each figure beside its peer in the same run:
 * 1. ARIMA(2,1,2) on 2,000 and 10,000 log prices against statsmodels' SARIMAX (Debian's
 *    /usr/bin/python3) and the `arima` npm package (ctsa through emscripten), with every fit's
 *    log-likelihood evaluated by tickforge's exact likelihood, so "equal or better" is read on one
 *    scale;
 * 2. GARCH(1,1) on the last 2,000 and 10,000 S&P 500 returns against R's fGarch (Rscript),
 *    both with fGarch's start-up (our 'sample-variance');
 * 3. the S&P 500 file's 505 symbols through ARIMA + GARCH + SSA + the ensemble on two worker
 *    threads of the compiled package: a cold fit, then a warm refit after one new bar (targets
 *    30 s and 5 s).
 */
const REPEATS = 5;
const here = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = join(here, '..', '..');
const python = '/usr/bin/python3';

function logColumn(csv: string, column: string, limit: number, symbol?: string): Float64Array {
  const lines = csv.trim().split('\n');
  const header = lines[0].split(',');
  const value = header.indexOf(column);
  const symbolColumn = header.indexOf('symbol');
  const rows = lines.slice(1).map((line) => line.split(',')).filter((row) => symbol === undefined || row[symbolColumn] === symbol);
  return Float64Array.from(rows.slice(0, limit), (row) => Math.log(Number(row[value])));
}

/** statsmodels' median fit time and estimates per case, or the reason it could not run. */
function statsmodels(cases: Array<{ name: string; values: Float64Array }>, directory: string): Record<string, { seconds: number; llf: number; params: number[]; converged: boolean }> | string {
  const input = join(directory, 'arima.json');
  writeFileSync(input, JSON.stringify({ cases: cases.map((c) => ({ name: c.name, values: Array.from(c.values), order: [2, 1, 2] })) }));
  const result = spawnSync(python, [join(repoRoot, 'bench', 'peers', 'statsmodelsArima.py'), input, String(REPEATS)], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (result.status !== 0) return `statsmodels did not run (${result.error?.message ?? result.stderr.trim().split('\n').at(-1)}); install Debian's python3-statsmodels`;
  return JSON.parse(result.stdout) as Record<string, { seconds: number; llf: number; params: number[]; converged: boolean }>;
}

/** The arima npm package's fit time, and its estimates read from its verbose summary (it has no other way to give them). */
function arimaPackage(values: Float64Array): { milliseconds: number; ar: number[]; ma: number[]; reported: number } | string {
  let ARIMA: new (options: Record<string, unknown>) => { train(values: number[]): unknown };
  try {
    ARIMA = createRequire(import.meta.url)('arima') as typeof ARIMA;
  } catch {
    return 'the arima package is not installed (npm install --save-dev arima)';
  }
  const series = Array.from(values);
  try {
    return measureArimaPackage(ARIMA, series);
  } catch (error) {
    return `the arima package failed on ${values.length} points: ${(error as Error).message}`;
  }
}

function measureArimaPackage(ARIMA: new (options: Record<string, unknown>) => { train(values: number[]): unknown }, series: number[]): { milliseconds: number; ar: number[]; ma: number[]; reported: number } {
  const milliseconds = median(Array.from({ length: REPEATS + 1 }, () => {
    const start = performance.now();
    new ARIMA({ p: 2, d: 1, q: 2, verbose: false }).train(series);
    return performance.now() - start;
  }).slice(1));
  const printed: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array) => (printed.push(String(chunk)), true)) as typeof process.stdout.write;
  try {
    new ARIMA({ p: 2, d: 1, q: 2, verbose: true }).train(series);
  } finally {
    process.stdout.write = write;
  }
  const text = printed.join('');
  const coefficient = (name: string) => Number(new RegExp(`^${name}\\s+(\\S+)`, 'm').exec(text)?.[1]);
  // ctsa writes the MA polynomial as 1 - theta B: statsmodels' (and our) MA coefficients are its negatives.
  return { milliseconds, ar: [coefficient('AR1'), coefficient('AR2')], ma: [-coefficient('MA1'), -coefficient('MA2')], reported: Number(/Log Likelihood : (\S+)/.exec(text)?.[1]) };
}

/**
 * Our exact log-likelihood at someone else's ARIMA(2,1,2) coefficients, with sigma2 at its
 * maximum for them (the mean of the squared standardised innovations at sigma2 = 1); NaN where
 * the likelihood is undefined (a non-stationary or non-invertible estimate).
 */
function likelihoodAt(values: Float64Array, ar: number[], ma: number[]): number {
  try {
    const unit = fixSarimax(values, [...ar, ...ma, 1], { order: [2, 1, 2], covariance: 'none' });
    let sum = 0;
    let count = 0;
    for (const value of unit.standardizedResiduals) {
      if (Number.isFinite(value)) {
        sum += value * value;
        count++;
      }
    }
    return fixSarimax(values, [...ar, ...ma, sum / count], { order: [2, 1, 2], covariance: 'none' }).logLikelihood;
  } catch {
    return NaN;
  }
}

function fgarch(cases: Array<{ name: string; values: Float64Array }>, directory: string): Map<string, { seconds: number; llf: number; params: number[] }> | string {
  const input = join(directory, 'garch.csv');
  writeFileSync(input, `case,value\n${cases.flatMap((c) => Array.from(c.values, (value) => `${c.name},${value}`)).join('\n')}\n`);
  const result = spawnSync('Rscript', [join(repoRoot, 'bench', 'peers', 'fgarchFit.R'), input, String(REPEATS)], { encoding: 'utf8' });
  if (result.status !== 0) return `fGarch did not run (${result.error?.message ?? result.stderr.trim().split('\n').at(-1)}); install Debian's r-cran-fgarch`;
  const rows = new Map<string, { seconds: number; llf: number; params: number[] }>();
  for (const line of result.stdout.trim().split('\n')) {
    const [name, seconds, llf, params] = line.split('\t');
    rows.set(name, { seconds: Number(seconds), llf: Number(llf), params: params.split(' ').map(Number) });
  }
  return rows;
}

export const run: Suite = async (context) => {
  const measurements: BenchMeasurement[] = [];
  const targets: BenchTarget[] = [];
  const notes: string[] = [];
  if (context.sharedDataDir === undefined) return { suite: 'forecast', measurements, targets, notes: ['../shared/data is absent: the forecast suite needs its series; nothing was measured.'] };
  const directory = mkdtempSync(join(tmpdir(), 'tickforge-bench-forecast-'));
  try {
    // 1. ARIMA(2,1,2).
    const nvda = logColumn(readFileSync(join(repoRoot, 'test', 'fixtures', 'arima', 'nvda_close_first2000.csv'), 'utf8'), 'close', 2000);
    const ltc = logColumn(gunzipSync(readFileSync(join(context.sharedDataDir, 'binance_1m_7sym_2026-02.csv.gz'))).toString(), 'close', 10_000, 'LTCUSDT');
    const arimaCases = [{ name: 'NVDA daily log closes, 2,000', values: nvda }, { name: 'LTC 1-minute log closes, 10,000', values: ltc }];
    context.log('forecast: statsmodels ARIMA(2,1,2) fits');
    const theirs = statsmodels(arimaCases, directory);
    if (typeof theirs === 'string') notes.push(theirs);
    for (const { name, values } of arimaCases) {
      const label = `ARIMA(2,1,2), ${name}`;
      context.log(`forecast: ${label}`);
      const fit = fitSarimax(values, { order: [2, 1, 2] });
      const ours = await timeRounds(() => fitSarimax(values, { order: [2, 1, 2] }), REPEATS);
      measurements.push({ case: label, implementation: 'tickforge', metric: 'fit time', value: ours, unit: 'ms', better: 'lower' });
      measurements.push({ case: label, implementation: 'tickforge', metric: 'log-likelihood', value: fit.logLikelihood, unit: 'nats', better: 'higher' });
      if (typeof theirs !== 'string') {
        const peer = theirs[name];
        measurements.push({ case: label, implementation: 'statsmodels', metric: 'fit time', value: peer.seconds * 1000, unit: 'ms', better: 'lower' });
        const atTheirs = fixSarimax(values, peer.params, { order: [2, 1, 2], covariance: 'none' }).logLikelihood;
        measurements.push({ case: label, implementation: 'statsmodels', metric: 'log-likelihood', value: atTheirs, unit: 'nats', better: 'higher' });
        const speedup = (peer.seconds * 1000) / ours;
        targets.push({ description: `${label}: speed-up over statsmodels (log-likelihood ${fit.logLikelihood.toFixed(3)} vs ${atTheirs.toFixed(3)})`, measured: speedup, unit: 'x', target: 5, met: speedup >= 5 && fit.logLikelihood >= atTheirs - 1e-6 });
        notes.push(`${label}: statsmodels reports llf ${peer.llf.toFixed(4)} (converged ${peer.converged}); our exact likelihood at its estimate is ${atTheirs.toFixed(4)}, at ours ${fit.logLikelihood.toFixed(4)}.`);
      }
      const npm = arimaPackage(values);
      if (typeof npm === 'string') notes.push(npm);
      else {
        measurements.push({ case: label, implementation: 'arima (npm)', metric: 'fit time', value: npm.milliseconds, unit: 'ms', better: 'lower' });
        const atNpm = likelihoodAt(values, npm.ar, npm.ma);
        measurements.push({ case: label, implementation: 'arima (npm)', metric: 'log-likelihood', value: atNpm, unit: 'nats', better: 'higher' });
        notes.push(`${label}: the arima package estimated AR ${npm.ar.map((v) => v.toPrecision(4)).join(', ')}, MA ${npm.ma.map((v) => v.toPrecision(4)).join(', ')} and printed a log-likelihood of ${npm.reported}; our exact likelihood there is ${Number.isNaN(atNpm) ? 'undefined (not stationary or not invertible)' : atNpm.toFixed(4)}.`);
      }
    }

    // 2. GARCH(1,1).
    const sp500 = Float64Array.from(gunzipSync(readFileSync(join(context.sharedDataDir, 'fgarch_sp500dge_returns.csv.gz'))).toString().trim().split('\n').slice(1), (line) => 100 * Number(line.split(',')[1]));
    // The latest returns: the first 2,000 have an integrated fit (alpha + beta = 1.009 in fGarch,
    // which leaves the persistence unconstrained, and at the limit 1 here, as in arch), where the
    // two likelihoods are maximised over different sets and cannot be compared.
    const garchCases = [{ name: 'S&P 500 daily returns (percent), last 2,000', values: sp500.slice(-2000) }, { name: 'S&P 500 daily returns (percent), last 10,000', values: sp500.slice(-10_000) }];
    context.log('forecast: fGarch GARCH(1,1) fits');
    const rFits = fgarch(garchCases.map((c, k) => ({ name: `case${k}`, values: c.values })), directory);
    if (typeof rFits === 'string') notes.push(rFits);
    for (const [k, { name, values }] of garchCases.entries()) {
      const label = `GARCH(1,1), ${name}`;
      context.log(`forecast: ${label}`);
      const options = { startup: 'sample-variance' as const };
      const fit = fitGarch(values, options);
      const ours = await timeRounds(() => fitGarch(values, options), REPEATS);
      measurements.push({ case: label, implementation: 'tickforge', metric: 'fit time', value: ours, unit: 'ms', better: 'lower' });
      measurements.push({ case: label, implementation: 'tickforge', metric: 'log-likelihood', value: fit.logLikelihood, unit: 'nats', better: 'higher' });
      if (typeof rFits !== 'string') {
        const peer = rFits.get(`case${k}`)!;
        measurements.push({ case: label, implementation: 'fGarch', metric: 'fit time', value: peer.seconds * 1000, unit: 'ms', better: 'lower' });
        const atTheirs = fixGarch(values, peer.params, options).logLikelihood;
        measurements.push({ case: label, implementation: 'fGarch', metric: 'log-likelihood', value: atTheirs, unit: 'nats', better: 'higher' });
        const speedup = (peer.seconds * 1000) / ours;
        targets.push({ description: `${label}: speed-up over fGarch (log-likelihood ${fit.logLikelihood.toFixed(3)} vs ${atTheirs.toFixed(3)})`, measured: speedup, unit: 'x', target: 5, met: speedup >= 5 && fit.logLikelihood >= atTheirs - 1e-6 });
        notes.push(`${label}: fGarch reports llh ${peer.llf.toFixed(4)}; our likelihood (same start-up) at its estimate ${atTheirs.toFixed(4)}, at ours ${fit.logLikelihood.toFixed(4)}.`);
      }
    }

    // 3. The universe, cold and warm.
    const file = await readCsvBars(join(context.sharedDataDir, 'sp500_5yr_daily_2013-2018.csv.gz'));
    const universe = file.tables.map((table) => validateBars(table, { onInvalid: 'drop', onDuplicate: 'last', onUnsorted: 'sort' }).bars);
    const bars = universe.reduce((n, series) => n + series.length, 0);
    const label = `S&P 500 (${universe.length} symbols, ${bars.toLocaleString('en-US')} bars): ARIMA + GARCH + SSA + ensemble, 2 threads`;
    context.log(`forecast: ${label}, cold`);
    const { forecastUniverse } = await compiled<typeof import('../../src/parallel/forecastUniverse.js')>('parallel/forecastUniverse.js');
    const older: UniverseSeries[] = universe.map((series) => ({ symbol: series.symbol, closes: series.close.subarray(0, series.length - 1) }));
    let start = performance.now();
    const cold = await forecastUniverse(older, { threads: 2 });
    const coldSeconds = (performance.now() - start) / 1000;
    context.log(`forecast: ${label}, warm after one new bar`);
    start = performance.now();
    const warm = await forecastUniverse(universe.map((series, k) => ({ symbol: series.symbol, closes: series.close, state: cold.states[k] })), { threads: 2 });
    const warmSeconds = (performance.now() - start) / 1000;
    const failed = warm.forecasts.filter((forecast) => forecast.error !== undefined);
    measurements.push({ case: `${label}, cold fit`, implementation: 'tickforge', metric: 'time', value: coldSeconds, unit: 's', better: 'lower' });
    measurements.push({ case: `${label}, warm refit after one new bar`, implementation: 'tickforge', metric: 'time', value: warmSeconds, unit: 's', better: 'lower' });
    targets.push({ description: 'S&P 500 universe forecast, cold fit on two cores', measured: coldSeconds, unit: 's', target: 30, met: coldSeconds < 30 });
    targets.push({ description: 'S&P 500 universe forecast, warm refit after one new bar', measured: warmSeconds, unit: 's', target: 5, met: warmSeconds < 5 });
    const fits = (result: typeof cold) => result.forecasts.reduce((n, forecast) => n + forecast.fits, 0);
    notes.push(`universe: ${fits(cold)} model fits cold, ${fits(warm)} warm; ${failed.length} symbols could not be forecast${failed.length > 0 ? ` (${failed.slice(0, 3).map((forecast) => `${forecast.symbol}: ${forecast.error}`).join('; ')})` : ''}. The universe runs the compiled package (dist/), as users do.`);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
  return { suite: 'forecast', measurements, targets, notes };
};
