import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { backtestStrategy } from '../../src/backtest/backtestStrategy.js';
import { Bars } from '../../src/core/Bars.js';
import { Timeframe } from '../../src/core/Timeframe.js';
import { readCsvBars } from '../../src/data/csv/readCsvBars.js';
import { movingAverageCross } from '../../src/strategy/builtin/movingAverageCross.js';
import { repoRoot, runCli } from './runCli.js';

/** `tickforge backtest` end to end on 294 days of AAPL and MSFT. */
const directory = mkdtempSync(join(tmpdir(), 'tickforge-backtest-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));
const input = join(repoRoot, 'test', 'fixtures', 'sp500_aapl_msft_2016_2017.csv');
const cli = (...args: string[]) => runCli([...args, '--log-level', 'warn'], { cwd: directory });

describe('tickforge backtest', () => {
  it('prints the metrics the library computes for the same portfolio and costs, and writes the HTML and PNG reports', async () => {
    const html = join(directory, 'report.html');
    const png = join(directory, 'equity.png');
    const result = await cli('backtest', '--strategy', 'ma-cross', '--params', 'fastPeriod=5,slowPeriod=20', '--input', input, '--fees', '0.002', '--slippage-bps', '10', '--json', '--html', html, '--png', png);
    expect(result.code, result.stderr).toBe(0);
    const printed = JSON.parse(result.stdout) as { metrics: Record<string, number | null>; trades: unknown[] };
    const universe = (await readCsvBars(input)).tables.map((table) => new Bars(table.symbol, Timeframe.of('1d'), table.bars));
    const expected = backtestStrategy(universe, { strategy: movingAverageCross, parameters: { fastPeriod: 5, slowPeriod: 20 }, simulation: { initialCash: 100_000, fees: { rate: 0.002 }, slippage: { bps: 10 } } });
    expect(printed.metrics.totalReturn).toBeCloseTo(expected.metrics.totalReturn, 12);
    expect(printed.metrics.sharpeRatio).toBeCloseTo(expected.metrics.sharpeRatio, 12);
    expect(printed.metrics.totalFees).toBeCloseTo(expected.metrics.totalFees, 9);
    expect(printed.trades).toHaveLength(expected.result.trades.length);
    expect(readFileSync(html, 'utf8')).toContain('LightweightCharts');
    expect(readFileSync(png).subarray(1, 4).toString()).toBe('PNG');
  });

  it('prints the summary table with the benchmark by default, over a date range', async () => {
    const result = await cli('backtest', '--strategy', 'buy-and-hold', '--input', input, '--symbol', 'AAPL', '--from', '2017-01-01', '--to', '2017-06-30');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^buy-and-hold on AAPL\n2017-01-03 to 2017-06-30/);
    expect(result.stdout).toMatch(/Return of buy and hold\s+[\d.]+%/);
    expect(result.stdout).toMatch(/Beta\s+1\.00/);
  });

  it('names the problem: unknown strategy, bad parameter, empty range, wrong report extension', async () => {
    expect((await cli('backtest', '--strategy', 'nope', '--input', input)).stderr).toMatch(/No strategy named "nope"/);
    expect((await cli('backtest', '--strategy', 'ma-cross', '--params', 'slowPeriod=1', '--input', input)).stderr).toMatch(/slowPeriod must be a whole number from 3 to 5000, got 1/);
    expect((await cli('backtest', '--strategy', 'ma-cross', '--input', input, '--from', '2030-01-01')).stderr).toMatch(/No bars lie between --from and --to/);
    const png = await cli('backtest', '--strategy', 'ma-cross', '--input', input, '--png', 'x.html');
    expect(png.code).toBe(2);
    expect(png.stderr).toMatch(/--png needs a path ending in .png, got "x.html"/);
  });
});
