import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { Bars } from '../../core/Bars.js';
import { Timeframe } from '../../core/Timeframe.js';
import type { BarsFileResult } from '../BarsFileResult.js';
import { readCsvBars } from './readCsvBars.js';
import { writeCsvBars } from './writeCsvBars.js';

const repoRoot = resolve(import.meta.dirname, '..', '..', '..');
const fixture = join(repoRoot, 'test', 'fixtures', 'sp500_excerpt.csv');
const directory = mkdtempSync(join(tmpdir(), 'tickforge-csv-write-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

function columns(result: BarsFileResult) {
  return result.tables.map(({ symbol, bars }) => ({
    symbol, timeframe: bars.timeframe.code,
    time: Array.from(bars.time), open: Array.from(bars.open), high: Array.from(bars.high),
    low: Array.from(bars.low), close: Array.from(bars.close), volume: Array.from(bars.volume),
  }));
}

describe('writeCsvBars', () => {
  it('writes the header, ISO UTC times and shortest exact numbers, NaN as an empty field', async () => {
    const bars = new Bars('X', Timeframe.of('1h'), {
      time: Float64Array.from([Date.UTC(2024, 0, 2, 9), Date.UTC(2024, 0, 2, 10, 0, 0, 250)]),
      open: Float64Array.from([0.1 + 0.2, NaN]),
      high: Float64Array.from([1e21, 2]),
      low: Float64Array.from([-0, 5e-324]),
      close: Float64Array.from([63.4375, 1 / 3]),
      volume: Float64Array.from([53077800, 0]),
    });
    const file = join(directory, 'x.csv');
    expect(await writeCsvBars(file, bars)).toBe(2);
    expect(readFileSync(file, 'utf8')).toBe(
      'timestamp,open,high,low,close,volume\n' +
        '2024-01-02T09:00:00Z,0.30000000000000004,1e+21,-0,63.4375,53077800\n' +
        '2024-01-02T10:00:00.250Z,,2,5e-324,0.3333333333333333,0\n',
    );
    const back = await readCsvBars(file, { timeframe: '1h' });
    const read = back.tables[0].bars;
    expect(back.tables[0].symbol).toBe('x');
    for (const name of ['time', 'open', 'high', 'low', 'close', 'volume'] as const) {
      expect(Array.from(read[name]).every((value, i) => Object.is(value, bars[name][i])), name).toBe(true);
    }
  });

  it('round-trips a multi-symbol file with missing prices: read, write, read gives identical columns', async () => {
    const original = await readCsvBars(fixture);
    const file = join(directory, 'round.csv');
    expect(await writeCsvBars(file, original.tables.map((t) => t.bars))).toBe(30);
    expect(readFileSync(file, 'utf8').split('\n')[0]).toBe('timestamp,open,high,low,close,volume,symbol');
    expect(columns(await readCsvBars(file))).toEqual(columns(original));
    // The excerpt is in the shared data's own format, so the bytes come back unchanged too,
    // except numbers the source wrote with a trailing ".0".
    const source = readFileSync(fixture, 'utf8').replace(/\.0(?=[,\n])/g, '');
    expect(readFileSync(file, 'utf8')).toBe(source);
  });

  it('writes gzip when the path ends in .gz, and quotes symbols that need it', async () => {
    const original = await readCsvBars(fixture);
    const renamed = original.tables.map((t, i) => new Bars(['A,1', 'B"2', 'C 3'][i], t.bars.timeframe, t.bars.columns()));
    const file = join(directory, 'round.csv.gz');
    expect(await writeCsvBars(file, renamed)).toBe(30);
    const text = gunzipSync(readFileSync(file)).toString('utf8');
    expect(text.split('\n')[1]).toBe('2013-02-08T00:00:00Z,45.07,45.35,45,45.08,1824755,"A,1"');
    expect(text.split('\n')[11]).toBe('2017-07-20T00:00:00Z,69.7489,70,69,69,28390,"B""2"');
    const back = await readCsvBars(file);
    expect(back.tables.map((t) => t.symbol)).toEqual(['A,1', 'B"2', 'C 3']);
    expect(columns(back).map((t) => t.close)).toEqual(columns(original).map((t) => t.close));
  });

  it('leaves no file behind when the directory does not exist', async () => {
    const file = join(directory, 'missing', 'x.csv');
    await expect(writeCsvBars(file, Bars.empty('X', Timeframe.of('1d')))).rejects.toThrow(/ENOENT/);
  });
});
