import { copyFileSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isTickforgeError, type ErrorCode } from '../core/errors.js';
import { readCsvBars } from './csv/readCsvBars.js';
import { writeParquetBars } from './parquet/writeParquetBars.js';
import { barsFileFormat, listBarsFiles, readBarsFile, readBarsFiles, totalBytes } from './readBarsFile.js';

const repoRoot = resolve(import.meta.dirname, '..', '..');
const fixture = join(repoRoot, 'test', 'fixtures', 'sp500_excerpt.csv');
const directory = mkdtempSync(join(tmpdir(), 'tickforge-files-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const single = 'time,open,high,low,close,volume\n2024-01-02,1,2,1,1.5,7\n2024-01-03,1,2,1,1.5,8\n';

beforeAll(async () => {
  mkdirSync(join(directory, 'data', 'nested'), { recursive: true });
  writeFileSync(join(directory, 'data', 'b.csv'), single);
  writeFileSync(join(directory, 'data', 'a.tsv'), single.replaceAll(',', '\t'));
  writeFileSync(join(directory, 'data', 'nested', 'c.csv.gz'), gzipSync(single));
  writeFileSync(join(directory, 'data', 'README.md'), '# not data\n');
  writeFileSync(join(directory, 'data', '.hidden.csv'), 'junk');
  await writeParquetBars(join(directory, 'data', 'd.parquet'), (await readCsvBars(fixture)).tables.map((t) => t.bars));
  copyFileSync(fixture, join(directory, 'excerpt.csv'));
  writeFileSync(join(directory, 'notes.json'), '{}');
  mkdirSync(join(directory, 'empty'));
});

async function expectError(action: Promise<unknown>, code: ErrorCode, ...fragments: string[]): Promise<void> {
  const error = await action.then(() => undefined, (e: unknown) => e);
  expect(isTickforgeError(error, code), `expected ${code}, got ${String(error)}`).toBe(true);
  for (const fragment of fragments) expect((error as Error).message).toContain(fragment);
}

describe('readBarsFiles', () => {
  it('knows the formats by extension, case-insensitively', () => {
    expect(['x.csv', 'x.CSV.GZ', 'x.tsv', 'x.txt', 'x.parquet', 'x.json', 'x.gz'].map(barsFileFormat)).toEqual(['csv', 'csv', 'csv', 'csv', 'parquet', undefined, undefined]);
  });

  it('lists directories recursively in sorted order, skipping hidden and foreign files, after files named first', async () => {
    const data = join(directory, 'data');
    const files = await listBarsFiles([join(directory, 'excerpt.csv'), data, join(data, 'b.csv')]);
    expect(files).toEqual([join(directory, 'excerpt.csv'), join(data, 'a.tsv'), join(data, 'b.csv'), join(data, 'd.parquet'), join(data, 'nested', 'c.csv.gz')]);
    expect(await totalBytes(files)).toBe(files.reduce((sum, file) => sum + statSync(file).size, 0));
  });

  it('reads every file with the reader its extension calls for, reporting progress over all of them', async () => {
    const data = join(directory, 'data');
    const progress: Array<[number, number]> = [];
    const results = [];
    for await (const result of readBarsFiles([data], { onProgress: (read, total) => progress.push([read, total]) })) results.push(result);
    expect(results.map((r) => [r.file, r.rows, r.tables.map((t) => t.symbol).join(' ')])).toEqual([
      [join(data, 'a.tsv'), 2, 'a'], [join(data, 'b.csv'), 2, 'b'], [join(data, 'd.parquet'), 30, 'A BHF DHR'], [join(data, 'nested', 'c.csv.gz'), 2, 'c'],
    ]);
    const total = await totalBytes(results.map((r) => r.file));
    expect(progress.at(-1)).toEqual([total, total]);
    expect(progress.every(([read], i) => i === 0 || read >= progress[i - 1][0])).toBe(true);
  });

  it('reads one file by extension', async () => {
    expect((await readBarsFile(join(directory, 'data', 'd.parquet'))).rows).toBe(30);
    expect((await readBarsFile(join(directory, 'excerpt.csv'))).rows).toBe(30);
  });

  it('reports a missing path, an unsupported file and a directory without bar files', async () => {
    await expectError(listBarsFiles([join(directory, 'nope.csv')]), 'TF_ERR_DATA_FILE_NOT_FOUND', 'nope.csv', 'does not exist');
    await expectError(listBarsFiles([join(directory, 'notes.json')]), 'TF_ERR_DATA_FILE_UNSUPPORTED', 'notes.json', '.csv.gz', '.parquet');
    await expectError(readBarsFile(join(directory, 'notes.json')), 'TF_ERR_DATA_FILE_UNSUPPORTED', 'notes.json');
    await expectError(listBarsFiles([join(directory, 'empty')]), 'TF_ERR_DATA_FILE_NOT_FOUND', 'empty', 'holds no bar files');
  });
});
