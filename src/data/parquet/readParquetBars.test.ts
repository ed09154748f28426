import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, describe, expect, it } from 'vitest';
import { isTickforgeError, type ErrorCode } from '../../core/errors.js';
import type { BarsFileResult } from '../BarsFileResult.js';
import { readCsvBars } from '../csv/readCsvBars.js';
import { readParquetBars } from './readParquetBars.js';
import { writeParquetBars } from './writeParquetBars.js';

const repoRoot = resolve(import.meta.dirname, '..', '..', '..');
const fixture = join(repoRoot, 'test', 'fixtures', 'sp500_excerpt.csv');
const directory = mkdtempSync(join(tmpdir(), 'tickforge-parquet-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

function columns(result: BarsFileResult) {
  return result.tables.map(({ symbol, bars, lineNumbers }) => ({
    symbol, timeframe: bars.timeframe.code,
    time: Array.from(bars.time), open: Array.from(bars.open), high: Array.from(bars.high),
    low: Array.from(bars.low), close: Array.from(bars.close), volume: Array.from(bars.volume),
    rows: Array.from(lineNumbers),
  }));
}

/** Runs SQL in a fresh in-memory DuckDB (to write test files and inspect written ones). */
async function duckdb<T>(action: (run: (sql: string) => Promise<Record<string, unknown>[]>) => Promise<T>): Promise<T> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    return await action(async (sql) => (await connection.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[]);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

async function expectError(action: Promise<unknown>, code: ErrorCode, ...fragments: string[]): Promise<void> {
  const error = await action.then(() => undefined, (e: unknown) => e);
  expect(isTickforgeError(error, code), `expected ${code}, got ${String(error)}`).toBe(true);
  for (const fragment of fragments) expect((error as Error).message).toContain(fragment);
}

describe('Parquet bars', () => {
  it('round-trips the S&P 500 excerpt: CSV read, Parquet write, Parquet read gives identical columns', async () => {
    const original = await readCsvBars(fixture);
    const file = join(directory, 'excerpt.parquet');
    expect(await writeParquetBars(file, original.tables.map((t) => t.bars))).toBe(30);
    const back = await readParquetBars(file);
    expect(back.rows).toBe(30);
    const expected = columns(original).map((table, i) => ({ ...table, rows: table.rows.map((_, j) => i * 10 + j + 1) }));
    expect(columns(back)).toEqual(expected);
    expect(back.tables[1].bars.open[4]).toBeNaN();
  });

  it('writes a UTC TIMESTAMPTZ timestamp column, DOUBLE prices and the symbol', async () => {
    const original = await readCsvBars(fixture);
    const file = join(directory, 'schema.parquet');
    await writeParquetBars(file, original.tables.map((t) => t.bars));
    const schema = await duckdb((run) => run(`DESCRIBE SELECT * FROM read_parquet('${file}')`));
    expect(schema.map((c) => `${String(c.column_name)} ${String(c.column_type)}`)).toEqual([
      'timestamp TIMESTAMP WITH TIME ZONE', 'open DOUBLE', 'high DOUBLE', 'low DOUBLE', 'close DOUBLE', 'volume DOUBLE', 'symbol VARCHAR',
    ]);
    const first = await duckdb((run) => run(`SELECT epoch_ms(timestamp) AS ms, close, symbol FROM read_parquet('${file}') LIMIT 1`));
    expect(first).toEqual([{ ms: BigInt(Date.UTC(2013, 1, 8)), close: 45.08, symbol: 'A' }]);
  });

  it('writes one symbol without a symbol column and reads it back under the file name stem', async () => {
    const original = await readCsvBars(fixture);
    const file = join(directory, 'DHR.parquet');
    await writeParquetBars(file, original.tables[2].bars);
    const back = await readParquetBars(file);
    expect(back.tables.map((t) => t.symbol)).toEqual(['DHR']);
    expect(Array.from(back.tables[0].bars.close)).toEqual(Array.from(original.tables[2].bars.close));
  });

  it('reads other tools\' layouts: aliases, DATE, TIMESTAMP, epoch numbers, ISO text, DECIMAL and NULL prices', async () => {
    const files = {
      date: join(directory, 'date.parquet'), timestamp: join(directory, 'ts.parquet'),
      epoch: join(directory, 'epoch.parquet'), text: join(directory, 'text.parquet'),
    };
    await duckdb(async (run) => {
      await run(`COPY (SELECT * FROM (VALUES (DATE '2024-01-02', 1.25::DECIMAL(10,4), 2.0, 1.0, 1.5, 100, 'AAA'), (DATE '2024-01-03', NULL, 2.0, 1.0, 1.5, 200, 'AAA'))
        AS t("Date", "Open", "High", "Low", "Close", "Volume", "Ticker")) TO '${files.date}' (FORMAT parquet)`);
      await run(`COPY (SELECT * FROM (VALUES (TIMESTAMP '2024-01-02 09:30:00', 1.0, 2.0, 1.0, 1.5, 100), (TIMESTAMP '2024-01-02 09:31:00', 1.0, 2.0, 1.0, 1.5, 100))
        AS t(datetime, o, h, l, c, v)) TO '${files.timestamp}' (FORMAT parquet)`);
      await run(`COPY (SELECT * FROM (VALUES (1704186000000::BIGINT, 1.0, 2.0, 1.0, 1.5, 100), (1704189600000::BIGINT, 1.0, 2.0, 1.0, 1.5, 100))
        AS t(open_time, open, high, low, close, volume)) TO '${files.epoch}' (FORMAT parquet)`);
      await run(`COPY (SELECT * FROM (VALUES ('2024-01-02T09:00:00+01:00', 1.0, 2.0, 1.0, 1.5, 100), ('2024-01-02 09:00', 1.0, 2.0, 1.0, 1.5, 100))
        AS t(time, open, high, low, close, volume)) TO '${files.text}' (FORMAT parquet)`);
    });
    const date = await readParquetBars(files.date);
    expect(date.tables[0].symbol).toBe('AAA');
    expect(Array.from(date.tables[0].bars.time)).toEqual([Date.UTC(2024, 0, 2), Date.UTC(2024, 0, 3)]);
    expect(Array.from(date.tables[0].bars.open)).toEqual([1.25, NaN]);
    expect(Array.from(date.tables[0].bars.volume)).toEqual([100, 200]);
    expect(date.tables[0].bars.timeframe.code).toBe('1d');
    const timestamp = await readParquetBars(files.timestamp, { symbol: 'MSFT' });
    expect(timestamp.tables[0].symbol).toBe('MSFT');
    expect(Array.from(timestamp.tables[0].bars.time)).toEqual([Date.UTC(2024, 0, 2, 9, 30), Date.UTC(2024, 0, 2, 9, 31)]);
    expect(timestamp.tables[0].bars.timeframe.code).toBe('1m');
    const epoch = await readParquetBars(files.epoch);
    expect(Array.from(epoch.tables[0].bars.time)).toEqual([Date.UTC(2024, 0, 2, 9), Date.UTC(2024, 0, 2, 10)]);
    const text = await readParquetBars(files.text);
    expect(Array.from(text.tables[0].bars.time)).toEqual([Date.UTC(2024, 0, 2, 8), Date.UTC(2024, 0, 2, 9)]);
  });

  it('reports a missing column, a file that is not Parquet and a missing file', async () => {
    const noLow = join(directory, 'nolow.parquet');
    await duckdb((run) => run(`COPY (SELECT DATE '2024-01-02' AS date, 1.0 AS open, 2.0 AS high, 1.5 AS close, 1 AS volume) TO '${noLow}' (FORMAT parquet)`));
    await expectError(readParquetBars(noLow), 'TF_ERR_DATA_PARQUET', 'nolow.parquet', 'no column for low');
    const notParquet = join(directory, 'fake.parquet');
    writeFileSync(notParquet, 'timestamp,open\n');
    await expectError(readParquetBars(notParquet), 'TF_ERR_DATA_PARQUET', 'fake.parquet', 'cannot be read as Parquet');
    await expectError(readParquetBars(join(directory, 'absent.parquet')), 'TF_ERR_DATA_FILE_NOT_FOUND', 'absent.parquet');
  });
});
