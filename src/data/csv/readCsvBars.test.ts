import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { isTickforgeError, type ErrorCode } from '../../core/errors.js';
import type { BarsFileResult } from '../BarsFileResult.js';
import { CsvBarsParser } from './CsvBarsParser.js';
import { parseCsvBars, readCsvBars } from './readCsvBars.js';

const repoRoot = resolve(import.meta.dirname, '..', '..', '..');
const fixture = join(repoRoot, 'test', 'fixtures', 'sp500_excerpt.csv');
const directory = mkdtempSync(join(tmpdir(), 'tickforge-csv-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const DAY = 86_400_000;
const HEADER = 'timestamp,open,high,low,close,volume,symbol';

function caught(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  return undefined;
}

async function caughtAsync(action: () => Promise<unknown>): Promise<unknown> {
  try {
    await action();
  } catch (error) {
    return error;
  }
  return undefined;
}

function expectError(error: unknown, code: ErrorCode, ...fragments: string[]): void {
  expect(isTickforgeError(error, code), `expected ${code}, got ${String(error)}`).toBe(true);
  for (const fragment of fragments) expect((error as Error).message).toContain(fragment);
}

function parseError(content: string, code: ErrorCode, ...fragments: string[]): void {
  expectError(caught(() => parseCsvBars(content, { file: 'bars.csv', timeframe: '1d' })), code, 'bars.csv', ...fragments);
}

/** Each table as plain arrays, to compare whole results. */
function plain(result: BarsFileResult) {
  return result.tables.map((table) => ({
    symbol: table.symbol,
    timeframe: table.bars.timeframe.code,
    time: Array.from(table.bars.time),
    open: Array.from(table.bars.open),
    high: Array.from(table.bars.high),
    low: Array.from(table.bars.low),
    close: Array.from(table.bars.close),
    volume: Array.from(table.bars.volume),
    lines: Array.from(table.lineNumbers),
  }));
}

/** An independent reading of a simple CSV: split on commas, Number() and Date.parse. */
function naiveRead(text: string) {
  const bySymbol = new Map<string, { rows: number[][]; lines: number[] }>();
  text.split('\n').forEach((line, index) => {
    if (index === 0 || line.trim() === '') return;
    const [time, open, high, low, close, volume, symbol] = line.split(',');
    const number = (field: string) => (field === '' ? NaN : Number(field));
    const entry = bySymbol.get(symbol) ?? { rows: [], lines: [] };
    entry.rows.push([Date.parse(time), number(open), number(high), number(low), number(close), number(volume)]);
    entry.lines.push(index + 1);
    bySymbol.set(symbol, entry);
  });
  return [...bySymbol].map(([symbol, { rows, lines }]) => ({
    symbol,
    timeframe: '1d',
    time: rows.map((r) => r[0]), open: rows.map((r) => r[1]), high: rows.map((r) => r[2]),
    low: rows.map((r) => r[3]), close: rows.map((r) => r[4]), volume: rows.map((r) => r[5]),
    lines,
  }));
}

const fixtureText = readFileSync(fixture, 'utf8');

describe('readCsvBars on the S&P 500 excerpt', () => {
  it('reads one table per symbol in first-seen order, equal to an independent split-and-Number reading', async () => {
    const result = await readCsvBars(fixture);
    expect(result.rows).toBe(30);
    expect(result.tables.map((t) => t.symbol)).toEqual(['A', 'BHF', 'DHR']);
    expect(plain(result)).toEqual(naiveRead(fixtureText));
  });

  it('keeps empty prices as NaN on their physical line, for the validator to report', async () => {
    const result = await readCsvBars(fixture);
    const bhf = result.tables[1];
    // Line 16 of the file: 2017-07-26T00:00:00Z,,,,69.0842,3,BHF (header + 10 A rows + 4 BHF rows before it).
    expect(bhf.lineNumbers[4]).toBe(16);
    expect(bhf.bars.time[4]).toBe(Date.UTC(2017, 6, 26));
    expect([bhf.bars.open[4], bhf.bars.high[4], bhf.bars.low[4]]).toEqual([NaN, NaN, NaN]);
    expect(bhf.bars.close[4]).toBe(69.0842);
    expect(bhf.bars.volume[4]).toBe(3);
    expect(result.tables[2].bars.open[3]).toBeNaN();
    expect(result.tables[2].bars.high[3]).toBe(88.76);
  });

  it('reads the same columns and lines from a BOM + CRLF copy, a gzipped copy and a gzipped copy without .gz in its name', async () => {
    const expected = plain(await readCsvBars(fixture));
    const crlf = join(directory, 'bom_crlf.csv');
    writeFileSync(crlf, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(fixtureText.replaceAll('\n', '\r\n'))]));
    const gz = join(directory, 'excerpt.csv.gz');
    writeFileSync(gz, gzipSync(readFileSync(crlf)));
    const disguised = join(directory, 'excerpt_gzipped.csv');
    writeFileSync(disguised, gzipSync(fixtureText));
    for (const file of [crlf, gz, disguised]) expect(plain(await readCsvBars(file))).toEqual(expected);
  });

  it('gives the same result whatever the chunk boundaries, including inside quotes and CRLF pairs', () => {
    const text = fixtureText.replaceAll('\n', '\r\n').replace(',A\r\n', ',"A"\r\n').replace('45.35', '"45.35"').replaceAll(',BHF', ',"B""HF,x"');
    const bytes = Buffer.from('\ufeff' + text);
    const whole = plain(parseCsvBars(bytes, { file: 'x.csv' }));
    expect(whole.map((t) => t.symbol)).toEqual(['A', 'B"HF,x', 'DHR']);
    for (const size of [1, 2, 3, 7, 64, 500]) {
      const parser = new CsvBarsParser({ file: 'x.csv' });
      for (let i = 0; i < bytes.length; i += size) parser.push(bytes.subarray(i, i + size));
      expect(plain(parser.finish()), `chunks of ${size}`).toEqual(whole);
    }
  });

  it('reports progress up to the file size', async () => {
    const calls: Array<[number, number]> = [];
    await readCsvBars(fixture, { onProgress: (read, total) => calls.push([read, total]) });
    const size = readFileSync(fixture).length;
    expect(calls.at(-1)).toEqual([size, size]);
  });
});

describe('parseCsvBars layouts', () => {
  it('maps header aliases in any case and order and ignores extra columns', () => {
    const result = parseCsvBars('Note,VOLUME,Ticker,c,L,h,O,DateTime\nx,100,AAA,4,1,5,2,2024-01-02\ny,200,AAA,5,2,6,3,2024-01-03\n', { file: 'f.csv' });
    const [table] = result.tables;
    expect(table.symbol).toBe('AAA');
    expect(Array.from(table.bars.open)).toEqual([2, 3]);
    expect(Array.from(table.bars.high)).toEqual([5, 6]);
    expect(Array.from(table.bars.low)).toEqual([1, 2]);
    expect(Array.from(table.bars.close)).toEqual([4, 5]);
    expect(Array.from(table.bars.volume)).toEqual([100, 200]);
    expect(Array.from(table.bars.time)).toEqual([Date.UTC(2024, 0, 2), Date.UTC(2024, 0, 3)]);
  });

  it('takes Close over Adj Close, and Adj Close when there is no Close', () => {
    const yahoo = 'Date,Open,High,Low,Close,Adj Close,Volume\n2024-01-02,1,2,0.5,1.5,1.2,10\n2024-01-03,1,2,0.5,1.6,1.3,10\n';
    expect(Array.from(parseCsvBars(yahoo, { file: 'SPY.csv' }).tables[0].bars.close)).toEqual([1.5, 1.6]);
    const adjusted = 'Date,Open,High,Low,Adj Close,Volume\n2024-01-02,1,2,0.5,1.2,10\n2024-01-03,1,2,0.5,1.3,10\n';
    expect(Array.from(parseCsvBars(adjusted, { file: 'SPY.csv' }).tables[0].bars.close)).toEqual([1.2, 1.3]);
  });

  it('reads Binance-style open_time in epoch milliseconds and epoch seconds, deciding the unit by magnitude', () => {
    const ms = 'open_time,open,high,low,close,volume,close_time\n1609459200000,1,2,0.5,1.5,10,1609462799999\n1609462800000,1,2,0.5,1.5,10,1609466399999\n';
    const fromMs = parseCsvBars(ms, { file: 'BTCUSDT-1h.csv' });
    expect(Array.from(fromMs.tables[0].bars.time)).toEqual([Date.UTC(2021, 0, 1, 0), Date.UTC(2021, 0, 1, 1)]);
    expect(fromMs.tables[0].bars.timeframe.code).toBe('1h');
    expect(fromMs.tables[0].symbol).toBe('BTCUSDT-1h');
    const seconds = 'unix,open,high,low,close,volume\n1609459200,1,2,0.5,1.5,10\n1609462800,1,2,0.5,1.5,10\n';
    expect(Array.from(parseCsvBars(seconds, { symbol: 'BTC' }).tables[0].bars.time)).toEqual([Date.UTC(2021, 0, 1, 0), Date.UTC(2021, 0, 1, 1)]);
  });

  it('reads ISO times with offsets, fractions, a space for the T, or none (UTC)', () => {
    const text = [
      'time,open,high,low,close,volume',
      '2024-03-01T10:00:00+02:00,1,1,1,1,1',
      '2024-03-01 09:00:00.500Z,1,1,1,1,1',
      '2024-03-01T10:00:00,1,1,1,1,1',
    ].join('\n');
    const times = Array.from(parseCsvBars(text, { symbol: 'X', timeframe: '1h' }).tables[0].bars.time);
    expect(times).toEqual([Date.UTC(2024, 2, 1, 8), Date.UTC(2024, 2, 1, 9, 0, 0, 500), Date.UTC(2024, 2, 1, 10)]);
  });

  it('combines a date column and a separate time column', () => {
    const text = 'Date,Time,Open,High,Low,Close,Volume\n2024-03-01,09:30,1,1,1,1,1\n2024-03-01,09:35,1,1,1,1,1\n';
    const bars = parseCsvBars(text, { symbol: 'X' }).tables[0].bars;
    expect(Array.from(bars.time)).toEqual([Date.UTC(2024, 2, 1, 9, 30), Date.UTC(2024, 2, 1, 9, 35)]);
    expect(bars.timeframe.code).toBe('5m');
  });

  it('detects a semicolon or tab delimiter from the header', () => {
    const expected = [Date.UTC(2024, 0, 2), Date.UTC(2024, 0, 3)];
    for (const delimiter of [';', '\t']) {
      const text = ['date,time', '2024-01-02,1.5,2,1,1.5,7', '2024-01-03,1.5,2,1,1.5,8'].join('\n').replaceAll(',', delimiter).replace(`date${delimiter}time`, ['date', 'open', 'high', 'low', 'close', 'volume'].join(delimiter));
      const bars = parseCsvBars(text, { symbol: 'X' }).tables[0].bars;
      expect(Array.from(bars.time)).toEqual(expected);
      expect(Array.from(bars.volume)).toEqual([7, 8]);
    }
  });

  it('reads quoted fields with doubled quotes and delimiters inside', () => {
    const text = `${HEADER}\n"2024-01-02","1.5","2",1,"1.5e0",7,"BRK,B"\n2024-01-03,1.5,2,1,1.5,8,"A ""quoted"" name"\n`;
    const result = parseCsvBars(text, { timeframe: '1d' });
    expect(result.tables.map((t) => t.symbol)).toEqual(['BRK,B', 'A "quoted" name']);
    expect([result.tables[0].bars.time[0], result.tables[0].bars.open[0], result.tables[0].bars.close[0]]).toEqual([Date.UTC(2024, 0, 2), 1.5, 1.5]);
    // The comma inside quotes stays in the field (and is then no number), it does not split it.
    parseError(text.replace('"1.5e0"', '"1,5e0"'), 'TF_ERR_DATA_CSV_FIELD', 'line 2', 'column "close"', '"1,5e0"');
  });

  it('reads exponent and other exotic numbers through the Number() fallback', () => {
    const text = 'time,open,high,low,close,volume\n2024-01-02,1e2,+2.5E1,.5,100.,1.5e+6\n';
    const bars = parseCsvBars(text, { symbol: 'X', timeframe: '1d' }).tables[0].bars;
    expect([bars.open[0], bars.high[0], bars.low[0], bars.close[0], bars.volume[0]]).toEqual([100, 25, 0.5, 100, 1.5e6]);
  });

  it('reads empty fields and NaN / NA / null as NaN', () => {
    const text = 'time,open,high,low,close,volume\n2024-01-02,,NA,null,NaN, \n';
    const bars = parseCsvBars(text, { symbol: 'X', timeframe: '1d' }).tables[0].bars;
    expect([bars.open[0], bars.high[0], bars.low[0], bars.close[0], bars.volume[0]]).toEqual([NaN, NaN, NaN, NaN, NaN]);
  });

  it('skips blank lines, keeping physical line numbers', () => {
    const text = `\n${HEADER}\n\n2024-01-02,1,2,1,1.5,7,X\r\n\r\n   \n2024-01-03,1,2,1,1.5,8,X\n\n`;
    const result = parseCsvBars(text, {});
    expect(result.rows).toBe(2);
    expect(Array.from(result.tables[0].lineNumbers)).toEqual([4, 7]);
  });

  it('accepts a trailing delimiter (an empty extra field) on data rows', () => {
    const bars = parseCsvBars(`${HEADER}\n2024-01-02,1,2,1,1.5,7,X,\n2024-01-03,1,2,1,1.5,8,X,\n`, {}).tables[0].bars;
    expect(Array.from(bars.volume)).toEqual([7, 8]);
  });

  it('splits multi-symbol files in first-seen order, sorted or interleaved, keeping file order within a symbol', () => {
    const rows = [
      '2024-01-02,1,1,1,1,1,B', '2024-01-02,2,2,2,2,2,A', '2024-01-03,3,3,3,3,3,B',
      '2024-01-03,4,4,4,4,4,A', '2024-01-04,5,5,5,5,5,C', '2024-01-04,6,6,6,6,6,B',
    ];
    const result = parseCsvBars([HEADER, ...rows].join('\n'), {});
    expect(result.tables.map((t) => t.symbol)).toEqual(['B', 'A', 'C']);
    expect(Array.from(result.tables[0].bars.close)).toEqual([1, 3, 6]);
    expect(Array.from(result.tables[0].lineNumbers)).toEqual([2, 4, 7]);
    expect(Array.from(result.tables[1].bars.close)).toEqual([2, 4]);
    expect(Array.from(result.tables[1].lineNumbers)).toEqual([3, 5]);
    expect(result.tables[0].bars.timeframe.code).toBe('1d');
  });

  it('keeps unsorted and duplicated rows as they are (the validator reports them)', () => {
    const rows = ['2024-01-03,3,3,3,3,3,A', '2024-01-02,2,2,2,2,2,A', '2024-01-02,9,9,9,9,9,A', '2024-01-04,4,4,4,4,4,A'];
    const bars = parseCsvBars([HEADER, ...rows].join('\n'), { timeframe: '1d' }).tables[0].bars;
    expect(Array.from(bars.close)).toEqual([3, 2, 9, 4]);
  });
});

describe('symbol and timeframe', () => {
  const noSymbol = 'time,open,high,low,close,volume\n2024-01-02,1,1,1,1,1\n2024-01-03,1,1,1,1,1\n';

  it('takes the symbol from the column, else the option, else the file name stem', async () => {
    const withColumn = `${HEADER}\n2024-01-02,1,1,1,1,1,COL\n2024-01-03,1,1,1,1,1,COL\n`;
    expect(parseCsvBars(withColumn, { symbol: 'OPT', file: 'NAME.csv' }).tables[0].symbol).toBe('COL');
    expect(parseCsvBars(noSymbol, { symbol: 'OPT', file: 'NAME.csv' }).tables[0].symbol).toBe('OPT');
    const file = join(directory, 'AAPL.csv.gz');
    writeFileSync(file, gzipSync(noSymbol));
    expect((await readCsvBars(file)).tables[0].symbol).toBe('AAPL');
    expectError(caught(() => parseCsvBars(noSymbol, {})), 'TF_ERR_DATA_SYMBOL_MISSING', '--symbol');
  });

  it('uses the given timeframe over the inferred one', () => {
    expect(parseCsvBars(noSymbol, { symbol: 'X', timeframe: '1w' }).tables[0].bars.timeframe.code).toBe('1w');
  });

  it('fails when the timeframe can be neither inferred nor found in the options', () => {
    const single = 'time,open,high,low,close,volume\n2024-01-02,1,1,1,1,1\n';
    expectError(caught(() => parseCsvBars(single, { file: 'one.csv' })), 'TF_ERR_DATA_TIMEFRAME_UNKNOWN', 'one.csv', '--timeframe');
    const monthly = ['time,open,high,low,close,volume', '2024-01-01,1,1,1,1,1', '2024-02-01,1,1,1,1,1', '2024-03-01,1,1,1,1,1', '2024-04-01,1,1,1,1,1'].join('\n');
    expectError(caught(() => parseCsvBars(monthly, { file: 'm.csv' })), 'TF_ERR_DATA_TIMEFRAME_UNKNOWN', 'm.csv', '31d', '--timeframe');
  });
});

describe('parseCsvBars errors name the file, the line, the column and the text', () => {
  it('rejects non-numeric text in a price', () => {
    parseError(`${HEADER}\n2024-01-02,1,2,1,1.5,7,X\n2024-01-03,1,two,1,1.5,7,X\n`, 'TF_ERR_DATA_CSV_FIELD', 'line 3', 'column "high"', '"two"');
  });

  it('explains decimal commas', () => {
    parseError('time;open;high;low;close;volume;symbol\n2024-01-02;1,5;2;1;1;7;X\n', 'TF_ERR_DATA_CSV_FIELD', 'line 2', '"1,5"', 'decimal point');
  });

  it('rejects an unparseable or empty date', () => {
    parseError(`${HEADER}\n2024-01-02,1,2,1,1.5,7,X\n2024-02-30,1,2,1,1.5,7,X\n`, 'TF_ERR_DATA_CSV_FIELD', 'line 3', 'column "timestamp"', '"2024-02-30"', 'ISO');
    parseError(`${HEADER}\n02/01/2024,1,2,1,1.5,7,X\n`, 'TF_ERR_DATA_CSV_FIELD', 'line 2', '"02/01/2024"');
    parseError(`${HEADER}\n,1,2,1,1.5,7,X\n`, 'TF_ERR_DATA_CSV_FIELD', 'line 2', 'is empty');
  });

  it('rejects an unterminated quote, naming the line where it opens', () => {
    parseError(`${HEADER}\n2024-01-02,1,2,1,1.5,7,X\n2024-01-03,"1,2,1,1.5,7,X\n2024-01-04,1,2,1,1.5,7,X\n`, 'TF_ERR_DATA_CSV_QUOTE', 'line 3', 'column "open"', 'never closed');
  });

  it('rejects text after a closing quote', () => {
    parseError(`${HEADER}\n2024-01-02,"1"x,2,1,1.5,7,X\n`, 'TF_ERR_DATA_CSV_QUOTE', 'line 2', 'column "open"');
  });

  it('rejects a row with too few or too many fields', () => {
    parseError(`${HEADER}\n2024-01-02,1,2,1,1.5,7,X\n2024-01-03,1,2,1.5,7,X\n`, 'TF_ERR_DATA_CSV_FIELD', 'line 3', 'has 6 fields', 'has 7');
    parseError(`${HEADER}\n2024-01-02,1,2,1,1,500,7,X\n`, 'TF_ERR_DATA_CSV_FIELD', 'line 2', 'has 8 fields', 'Quote fields');
  });

  it('rejects an empty symbol', () => {
    parseError(`${HEADER}\n2024-01-02,1,2,1,1.5,7,\n`, 'TF_ERR_DATA_CSV_FIELD', 'line 2', 'symbol');
  });

  it('rejects a header without a required column, listing what it found and what it accepts', () => {
    parseError('timestamp,open,high,close,volume\n2024-01-02,1,2,1.5,7\n', 'TF_ERR_DATA_CSV_HEADER', 'line 1', 'low', '"timestamp"', 'low = low/');
    parseError('2024-01-02,1,2,1,1.5,7\n2024-01-03,1,2,1,1.5,7\n', 'TF_ERR_DATA_CSV_HEADER', 'looks like data');
  });

  it('requires volume unless allowMissingVolume, which sets it to 0', () => {
    const text = 'time,open,high,low,close\n2024-01-02,1,2,1,1.5\n2024-01-03,1,2,1,1.5\n';
    parseError(text, 'TF_ERR_DATA_CSV_HEADER', 'volume', '--allow-missing-volume');
    const bars = parseCsvBars(text, { symbol: 'FX', allowMissingVolume: true }).tables[0].bars;
    expect(Array.from(bars.volume)).toEqual([0, 0]);
  });

  it('accepts a volume column named with its unit', () => {
    const text = 'date,open,high,low,close,Volume BTC,Volume USDT\n2024-01-02,1,2,1,1.5,3,4.5\n2024-01-03,1,2,1,1.5,5,7.5\n';
    expect(Array.from(parseCsvBars(text, { symbol: 'BTC' }).tables[0].bars.volume)).toEqual([3, 5]);
  });

  it('rejects an empty file, a blank file and a header-only file', () => {
    parseError('', 'TF_ERR_DATA_CSV_EMPTY', 'empty');
    parseError('\n\r\n  \n', 'TF_ERR_DATA_CSV_EMPTY', 'empty');
    parseError('\ufeff', 'TF_ERR_DATA_CSV_EMPTY', 'empty');
    parseError(`${HEADER}\n\n`, 'TF_ERR_DATA_CSV_EMPTY', 'line 1', 'no data rows');
  });

  it('rejects UTF-16 text', () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${HEADER}\n`, 'utf16le')]);
    expectError(caught(() => parseCsvBars(utf16, { file: 'w.csv' })), 'TF_ERR_DATA_FILE_UNSUPPORTED', 'w.csv', 'UTF-8');
  });

  it('reports a missing file and a corrupt gzip file', async () => {
    expectError(await caughtAsync(() => readCsvBars(join(directory, 'absent.csv'))), 'TF_ERR_DATA_FILE_NOT_FOUND', 'absent.csv');
    const truncated = join(directory, 'truncated.csv.gz');
    const gz = gzipSync(fixtureText);
    writeFileSync(truncated, gz.subarray(0, gz.length - 200));
    expectError(await caughtAsync(() => readCsvBars(truncated)), 'TF_ERR_DATA_FILE_CORRUPT', 'truncated.csv.gz', 'gzip');
  });

  it('reports a bad row in a gzipped file by its line', async () => {
    const file = join(directory, 'bad.csv.gz');
    writeFileSync(file, gzipSync(`${fixtureText}2024-01-02,1,2,x,1.5,7,DHR\n`));
    expectError(await caughtAsync(() => readCsvBars(file)), 'TF_ERR_DATA_CSV_FIELD', 'bad.csv.gz', 'line 32', 'column "low"', '"x"');
  });
});

describe('chunked reading of larger files', () => {
  it('reads a multi-megabyte gzip file with rows cut across chunks, equal to the independent reading', async () => {
    const lines = [HEADER];
    let day = Date.UTC(2000, 0, 3);
    for (let i = 0; i < 60_000; i++) {
      const symbol = `S${Math.floor(i / 20_000)}`;
      if (i % 20_000 === 0) day = Date.UTC(2000, 0, 3);
      const price = (1000 + ((i * 7919) % 1000) / 8).toString();
      lines.push(`${new Date(day).toISOString().replace('.000Z', 'Z')},${price},${price},${price},${price},${i % 997},${symbol}`);
      day += DAY;
    }
    const text = `${lines.join('\n')}\n`;
    const file = join(directory, 'large.csv.gz');
    writeFileSync(file, gzipSync(text));
    const result = await readCsvBars(file);
    expect(result.rows).toBe(60_000);
    expect(plain(result)).toEqual(naiveRead(text));
  });
});
