import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { syntheticBacktest } from '../../test/syntheticBacktest.js';
import { backtestReport } from '../report/backtestReport.js';
import { writeBacktestHtml, writeEquityPng } from './writeBacktestReport.js';
import { readChartLibrary } from './writeChart.js';

const directory = mkdtempSync(join(tmpdir(), 'tickforge-backtest-report-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));
const sample = syntheticBacktest(300, 3);

describe('writeBacktestReport', () => {
  it('writes the equity/drawdown figure as a PNG of the requested size', async () => {
    const path = join(directory, 'equity.png');
    await writeEquityPng(sample.curve, sample.benchmark, path, { width: 640, height: 320, title: 'sample' });
    const png = readFileSync(path);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    // IHDR holds the width and height as big-endian 32-bit integers.
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([640, 320]);
    await writeEquityPng(sample.curve, undefined, path);
    const standard = readFileSync(path);
    expect([standard.readUInt32BE(16), standard.readUInt32BE(20)]).toEqual([1200, 600]);
  });

  it('writes the HTML report with lightweight-charts inlined, so it opens offline', async () => {
    const path = join(directory, 'report.html');
    const report = backtestReport({ title: 'sample', curve: sample.curve, trades: sample.trades, bars: sample.bars, benchmark: sample.benchmark, periodsPerYear: 365 });
    await writeBacktestHtml(report, path, { maxTrades: 5 });
    const page = readFileSync(path, 'utf8');
    const library = await readChartLibrary();
    expect(page).toContain(library.slice(0, 400).replace(/<\/script/gi, '<\\/script'));
    expect(page).not.toMatch(/<script src=/);
    expect(page).toContain(`The first 5 of ${sample.trades.length} trades`);
  });
});
