import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readNumericColumn } from './readNumericColumn.js';

let directory: string;
async function file(name: string, text: string | Uint8Array): Promise<string> {
  const path = join(directory, name);
  await writeFile(path, text);
  return path;
}

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'tickforge-numeric-'));
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe('readNumericColumn', () => {
  it('reads the only numeric column of a gzipped monthly series with its times', async () => {
    const path = await file('passengers.csv.gz', gzipSync('timestamp,passengers\n1949-01-01T00:00:00Z,112\n1949-02-01T00:00:00Z,118\n'));
    const column = await readNumericColumn(path);
    expect(column.column).toBe('passengers');
    expect(Array.from(column.values)).toEqual([112, 118]);
    expect(Array.from(column.times!)).toEqual([Date.UTC(1949, 0, 1), Date.UTC(1949, 1, 1)]);
    expect(Array.from(column.lines)).toEqual([2, 3]);
  });

  it('takes a return series indexed by observation number, skipping the counter', async () => {
    const column = await readNumericColumn(await file('returns.csv', 'obs,DEM2GBP\n1,0.125\n2,-0.03\n'));
    expect(column.column).toBe('DEM2GBP');
    expect(column.times).toBeUndefined();
    expect(Array.from(column.values)).toEqual([0.125, -0.03]);
  });

  it('prefers close, filters a multi-symbol file to --symbol, and asks for one when several are there', async () => {
    const path = await file('bars.csv', 'date;symbol;open;close\n2024-01-02;AAA;1;2\n2024-01-02;BBB;5;6\n2024-01-03;AAA;2;3\n');
    expect(Array.from((await readNumericColumn(path, { symbol: 'AAA' })).values)).toEqual([2, 3]);
    expect(Array.from((await readNumericColumn(path, { symbol: 'BBB', column: 'OPEN' })).values)).toEqual([5]);
    await expect(readNumericColumn(path)).rejects.toThrow(/holds 2 symbols; choose one with --symbol \(AAA, BBB\)/);
    await expect(readNumericColumn(path, { symbol: 'ZZZ' })).rejects.toThrow(/no rows for symbol ZZZ \(it holds AAA, BBB\)/);
  });

  it('reads quoted fields that hold the delimiter', async () => {
    const column = await readNumericColumn(await file('quoted.csv', 'date,"company",value\n2024-01-01,"Acme, Inc ""A""",5.5\n2024-01-02,"B, Co",6\n'), { column: 'value' });
    expect(Array.from(column.values)).toEqual([5.5, 6]);
  });

  it('names the line and column of a bad value, or drops and counts such rows when asked', async () => {
    const path = await file('bad.csv', 'time,value\n2024-01-01,1\n2024-01-02,abc\n2024-01-03,\n2024-01-04,4\n');
    await expect(readNumericColumn(path)).rejects.toThrow(/bad.csv: line 3: column "value" is "abc", not a number. Fix the row, or pass --on-missing drop/);
    const dropped = await readNumericColumn(path, { onMissing: 'drop' });
    expect(Array.from(dropped.values)).toEqual([1, 4]);
    expect(dropped.dropped).toBe(2);
    const empty = await file('empty-field.csv', 'time,value\n2024-01-01,\n');
    await expect(readNumericColumn(empty)).rejects.toThrow(/line 2: column "value" is empty or missing/);
  });

  it('refuses a bad time, a missing column, an ambiguous choice, an empty or corrupt file', async () => {
    await expect(readNumericColumn(await file('time.csv', 'date,value\n2024-13-45,1\n'))).rejects.toThrow(/line 2: column "date" is "2024-13-45", not a date or time/);
    await expect(readNumericColumn(await file('cols.csv', 'a,b\n1,2\n'), { column: 'close' })).rejects.toThrow(/has no column "close"; its columns are a, b/);
    await expect(readNumericColumn(await file('two.csv', 'a,b\n1,2\n'))).rejects.toThrow(/choose the column to forecast with --column; numeric columns are a, b/);
    await expect(readNumericColumn(await file('blank.csv', '\n\n'))).rejects.toThrow(/blank.csv is empty/);
    await expect(readNumericColumn(await file('header.csv', 'value\n'))).rejects.toThrow(/has no rows with a value in column "value"/);
    const gzip = gzipSync('value\n1\n2\n');
    await expect(readNumericColumn(await file('cut.csv.gz', gzip.subarray(0, gzip.length - 6)))).rejects.toThrow(/cut.csv.gz: the gzip stream is broken/);
    await expect(readNumericColumn(join(directory, 'absent.csv'))).rejects.toThrow(/absent.csv does not exist/);
  });
});
