import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseGrid } from '../../src/backtest/sweep/parameterSpace.js';
import { walkForward } from '../../src/backtest/sweep/walkForward.js';
import { readCsvBars } from '../../src/data/csv/readCsvBars.js';
import { validateBars } from '../../src/data/validate/validateBars.js';
import { sweep } from '../../src/parallel/runParallelSweep.js';
import { movingAverageCross } from '../../src/strategy/builtin/movingAverageCross.js';
import { repoRoot, runCli } from './runCli.js';

/** `tickforge sweep` end to end, on 294 days of AAPL and MSFT. */
const directory = mkdtempSync(join(tmpdir(), 'tickforge-sweep-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));
const input = join(repoRoot, 'test', 'fixtures', 'sp500_aapl_msft_2016_2017.csv');
const cli = (...args: string[]) => runCli([...args, '--log-level', 'warn'], { cwd: directory });
const grid = 'fastPeriod=5:15:5,slowPeriod=20:40:10';
// The command's defaults: fees 0.1%, 5 bps of slippage, 100,000 of cash.
const simulation = { initialCash: 100_000, fees: { rate: 0.001 }, slippage: { bps: 5 } };
const universe = async () => (await readCsvBars(input)).tables.map((table) => validateBars(table, { onInvalid: 'drop', onDuplicate: 'error', onUnsorted: 'error' }).bars);
/** What JSON makes of a value (NaN becomes null). */
const asJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

interface PrintedPoint {
  rank: number;
  parameters: Record<string, number>;
  score: number | null;
  metrics: Record<string, number | null>;
  series: Array<{ symbol: string; metrics: Record<string, number | null> }>;
}

describe('tickforge sweep', () => {
  it('ranks the grid as the library does, on this thread and on two workers', async () => {
    const [here, threaded] = await Promise.all([
      cli('sweep', '--strategy', 'ma-cross', '--grid', grid, '--input', input, '--json', '--workers', '0', '--top', '100'),
      cli('sweep', '--strategy', 'ma-cross', '--grid', grid, '--input', input, '--json', '--workers', '2', '--top', '100'),
    ]);
    expect(here.code, here.stderr).toBe(0);
    expect(threaded.code, threaded.stderr).toBe(0);
    expect(threaded.stdout).toBe(here.stdout);
    const printed = JSON.parse(here.stdout) as { symbols: string[]; metric: string; evaluated: number; ranked: PrintedPoint[] };
    const expected = await sweep(movingAverageCross, await universe(), { ranges: parseGrid(movingAverageCross, grid), simulation, threads: 0 });
    expect(printed.symbols).toEqual(['AAPL', 'MSFT']);
    expect(printed.metric).toBe('sharpeRatio');
    expect(printed.evaluated).toBe(9);
    expect(printed.ranked.map((point) => point.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(printed.ranked.map((point) => [point.parameters, point.score])).toEqual(asJson(expected.ranked.map((point) => [point.parameters, point.score])));
    expect(printed.ranked.map((point) => point.series)).toEqual(asJson(expected.ranked.map((point) => point.series)));
  }, 60_000);

  it('prints the ranking table, best first, with what was left out', async () => {
    const result = await cli('sweep', '--strategy', 'ma-cross', '--grid', grid, '--input', input, '--symbol', 'AAPL', '--top', '3');
    expect(result.code, result.stderr).toBe(0);
    const [aapl] = (await universe()).filter((bars) => bars.symbol === 'AAPL');
    const expected = await sweep(movingAverageCross, [aapl], { ranges: parseGrid(movingAverageCross, grid), simulation, threads: 0 });
    const best = expected.ranked[0].parameters;
    expect(result.stdout).toMatch(/^ma-cross over AAPL \(294 bars, 2016-09-01 to 2017-10-31\): 9 points \(grid\)/);
    expect(result.stdout).toContain('Ranked by sharpeRatio (highest first)');
    expect(result.stdout).toMatch(new RegExp(`\\n *1  ma-cross fastPeriod=${best.fastPeriod} slowPeriod=${best.slowPeriod} `));
    expect(result.stdout).toContain('... 6 more not shown');
    expect(result.stderr).toBe('');
  });

  it('runs a walk-forward analysis with Monte Carlo, as the library does', async () => {
    const result = await cli('sweep', '--strategy', 'ma-cross', '--grid', grid, '--input', input, '--walk-forward', '120:60', '--monte-carlo', '200', '--metric', 'totalReturn', '--json');
    expect(result.code, result.stderr).toBe(0);
    const printed = JSON.parse(result.stdout) as { windows: Array<{ parameters: Record<string, number>; inSample: { score: number }; outOfSample: { score: number } }>; efficiency: number; monteCarlo: unknown };
    const expected = await walkForward(movingAverageCross, await universe(), {
      ranges: parseGrid(movingAverageCross, grid), inSample: 120, outOfSample: 60, metric: 'totalReturn', simulation, monteCarlo: { runs: 200, seed: 1 },
    });
    expect(printed.windows).toHaveLength(3);
    expect(printed.windows.map((w) => [w.parameters, w.inSample.score, w.outOfSample.score])).toEqual(asJson(expected.windows.map((w) => [w.parameters, w.inSample.score, w.outOfSample.score])));
    expect(printed.efficiency).toEqual(asJson(expected.efficiency));
    expect(printed.monteCarlo).toEqual(asJson(expected.monteCarlo));
    const text = await cli('sweep', '--strategy', 'ma-cross', '--grid', grid, '--input', input, '--walk-forward', '120:60:anchored', '--monte-carlo', '200');
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/Walk-forward of ma-cross over AAPL, MSFT .*: anchored, 120 bars in-sample, 60 out-of-sample, 3 windows, by sharpeRatio/);
    expect(text.stdout).toMatch(/walk-forward efficiency/);
    expect(text.stdout).toMatch(/Monte Carlo of the out-of-sample \d+ trades \(200 resamples\)/);
  });

  it('samples at random or evolves when asked', async () => {
    const random = await cli('sweep', '--strategy', 'ma-cross', '--grid', 'fastPeriod=2:30:1,slowPeriod=31:60:1', '--input', input, '--random', '7', '--seed', '3', '--json');
    expect(random.code, random.stderr).toBe(0);
    expect((JSON.parse(random.stdout) as { evaluated: number }).evaluated).toBe(7);
    const evolve = await cli('sweep', '--strategy', 'ma-cross', '--grid', 'fastPeriod=2:30:1,slowPeriod=31:60:1', '--input', input, '--evolve', '--population', '6', '--generations', '2', '--json');
    expect(evolve.code, evolve.stderr).toBe(0);
    const evaluated = (JSON.parse(evolve.stdout) as { evaluated: number }).evaluated;
    expect(evaluated).toBeGreaterThanOrEqual(6);
    expect(evaluated).toBeLessThanOrEqual(18);
  });

  it('names the parameter of a bad grid, and the problem with other bad options', async () => {
    const run = (...args: string[]) => cli('sweep', '--strategy', 'ma-cross', '--input', input, ...args);
    const [low, unknown, backwards, metric, both, windows, tooLong] = await Promise.all([
      run('--grid', 'fastPeriod=1:5'),
      run('--grid', 'fast=5:50:5'),
      run('--grid', 'slowPeriod=50:20:5'),
      run('--grid', grid, '--metric', 'luck'),
      run('--grid', grid, '--random', '3', '--evolve'),
      run('--grid', grid, '--walk-forward', '100'),
      run('--grid', grid, '--walk-forward', '400:50'),
    ]);
    expect(low.code).toBe(2);
    expect(low.stderr).toMatch(/TF_ERR_STRATEGY_PARAMETER: ma-cross sweep: fastPeriod must be a whole number from 2 to 1000, got 1/);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown parameter "fast"; its parameters are: fastPeriod, slowPeriod, type, direction/);
    expect(backwards.stderr).toMatch(/slowPeriod=50:20:5 is not start:end:step/);
    expect(metric.code).toBe(2);
    expect(metric.stderr).toMatch(/Sweep metric "luck" is not a numeric performance metric; use one of .*sharpeRatio/);
    expect(both.stderr).toMatch(/Give --random <count> or --evolve, not both/);
    expect(windows.code).toBe(2);
    expect(windows.stderr).toMatch(/"100" is not in:out\[:anchored\]/);
    expect(tooLong.stderr).toMatch(/Walk-forward needs more than inSample \(400\) bars; the series has 294/);
  });
});
