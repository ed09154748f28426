import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readCsvBars } from '../../src/data/csv/readCsvBars.js';
import { analyzeStructure } from '../../src/analysis/smc/StructureEngine.js';
import { movingAverageCross } from '../../src/strategy/builtin/movingAverageCross.js';
import { runStrategy } from '../../src/strategy/runStrategy.js';
import { repoRoot, runCli } from './runCli.js';

/** `tickforge signals` and `tickforge structure` end to end, on 294 days of AAPL and MSFT. */
const directory = mkdtempSync(join(tmpdir(), 'tickforge-signals-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));
const input = join(repoRoot, 'test', 'fixtures', 'sp500_aapl_msft_2016_2017.csv');
const cli = (...args: string[]) => runCli([...args, '--log-level', 'warn'], { cwd: directory });
const seriesOf = async (symbol: string) => (await readCsvBars(input)).tables.find((table) => table.symbol === symbol)!.bars;

describe('tickforge signals', () => {
  it('prints every signal of every symbol with its reason, as the library computes them', async () => {
    const result = await cli('signals', '--strategy', 'ma-cross', '--params', 'fastPeriod=5,slowPeriod=20,direction=both', '--input', input, '--format', 'json');
    expect(result.code, result.stderr).toBe(0);
    const printed = JSON.parse(result.stdout) as Array<{ symbol: string; time: string; kind: string; side: string; reason: string }>;
    const { Bars } = await import('../../src/core/Bars.js');
    const { Timeframe } = await import('../../src/core/Timeframe.js');
    const expected = [];
    for (const symbol of ['AAPL', 'MSFT']) {
      const columns = await seriesOf(symbol);
      expected.push(...runStrategy(movingAverageCross, new Bars(symbol, Timeframe.of('1d'), columns), { fastPeriod: 5, slowPeriod: 20, direction: 'both' }));
    }
    expect(printed.map((s) => [s.symbol, s.time, s.kind, s.side, s.reason])).toEqual(expected.map((s) => [s.symbol, new Date(s.time).toISOString(), s.kind, s.side, s.reason]));
    expect(printed.length).toBeGreaterThan(10);
  });

  it('writes CSV with a header, absent values as empty fields', async () => {
    const result = await cli('signals', '--strategy', 'buy-and-hold', '--input', input, '--symbol', 'MSFT');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.trim().split('\n')).toEqual([
      'symbol,time,strategy,kind,side,size,stopLoss,takeProfit,trailingStop,tag,reason',
      'MSFT,2016-09-01T00:00:00.000Z,buy-and-hold,entry,long,,,,,benchmark,buy and hold from the first bar',
    ]);
  });

  it('draws one chart per symbol', async () => {
    const result = await cli('signals', '--strategy', 'ma-cross', '--input', input, '--chart', join(directory, 'signals.png'), '--format', 'table');
    expect(result.code, result.stderr).toBe(0);
    for (const symbol of ['AAPL', 'MSFT']) expect(readFileSync(join(directory, `signals-${symbol}.png`)).subarray(1, 4).toString()).toBe('PNG');
  });

  it('lists the strategies, and names the problem with a bad name, parameter or symbol', async () => {
    const list = await cli('signals', '--list');
    expect(list.stdout).toMatch(/ma-cross\s+Moving-average crossover\s+fastPeriod=10 \[2\.\.1000\]/);
    const unknown = await cli('signals', '--strategy', 'moon', '--input', input);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/TF_ERR_STRATEGY_UNKNOWN: No strategy named "moon". Built-in strategies: buy-and-hold, ma-cross/);
    const parameter = await cli('signals', '--strategy', 'ma-cross', '--params', 'fastPeriod=0', '--input', input);
    expect(parameter.code).toBe(2);
    expect(parameter.stderr).toMatch(/ma-cross: fastPeriod must be a whole number from 2 to 1000, got 0/);
    const symbol = await cli('signals', '--strategy', 'ma-cross', '--input', input, '--symbols', 'AAPL,TSLA');
    expect(symbol.code).toBe(2);
    expect(symbol.stderr).toMatch(/has no symbol TSLA; it holds AAPL, MSFT/);
  });
});

describe('tickforge structure', () => {
  it('prints the swings and breaks of the analysis, and draws them in an interactive page', async () => {
    const chart = join(directory, 'structure.html');
    const result = await cli('structure', 'AAPL', '--input', input, '--format', 'json', '--last', '300', '--chart', chart);
    expect(result.code, result.stderr).toBe(0);
    const printed = JSON.parse(result.stdout) as { swings: Array<{ kind: string; price: number }>; breaks: Array<{ kind: string; level: number }>; dealingRange: { zone: string } };
    const { Bars } = await import('../../src/core/Bars.js');
    const { Timeframe } = await import('../../src/core/Timeframe.js');
    const analysis = analyzeStructure(new Bars('AAPL', Timeframe.of('1d'), await seriesOf('AAPL')));
    expect(printed.swings.map((s) => [s.kind, s.price])).toEqual(analysis.swings.points.map((p) => [p.kind, p.price]));
    expect(printed.breaks.map((b) => [b.kind, b.level])).toEqual(analysis.breaks.breaks.map((b) => [b.kind, b.level]));
    expect(printed.breaks.length).toBeGreaterThan(3);
    const page = readFileSync(chart, 'utf8');
    expect(page).toContain('LightweightCharts');
    expect(page).toContain('"text":"SH"');
  });

  it('prints tables by default and refuses a chart path it cannot draw', async () => {
    const table = await cli('structure', 'MSFT', '--input', input, '--swing-left', '3', '--swing-right', '3');
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/^MSFT 1d: 294 bars/);
    expect(table.stdout).toMatch(/breaks of structure \(\d+\)\nkind\s+direction\s+level\s+swing\s+broken/);
    const bad = await cli('structure', 'MSFT', '--input', input, '--chart', join(directory, 'chart.pdf'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/give a path ending in \.html \(interactive\), \.png or \.svg/);
  });
});
