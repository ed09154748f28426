import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCsvBars } from '../../src/data/csv/readCsvBars.js';
import { readParquetBars } from '../../src/data/parquet/readParquetBars.js';
import { repoRoot, runCli } from './runCli.js';

/**
 * The commands a user types, end to end through the real CLI process and a real DuckDB file,
 * on a committed excerpt of the S&P 500 file (3 symbols, with its real empty-price rows).
 */
const directory = mkdtempSync(join(tmpdir(), 'tickforge-cli-'));
const excerpt = join(directory, 'sp500_excerpt.csv');
beforeAll(() => copyFileSync(join(repoRoot, 'test', 'fixtures', 'sp500_excerpt.csv'), excerpt));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const cli = (...args: string[]) => runCli([...args, '--log-level', 'warn'], { cwd: directory });

describe('tickforge ingest', () => {
  it('refuses a file with invalid rows by default, naming file, symbol, line and the repair option, and stores nothing', async () => {
    const result = await cli('ingest', excerpt);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('error TF_ERR_DATA_INVALID_ROW');
    expect(result.stderr).toContain(`${excerpt}, symbol BHF (1d), line 16`);
    expect(result.stderr).toContain('--on-invalid drop');
    expect(result.stderr).toContain('2 series in');
    const coverage = await cli('coverage', '--format', 'json');
    expect(JSON.parse(coverage.stdout)).toEqual([]);
  });

  it('stores the file with --on-invalid drop and counts every dropped row', async () => {
    const result = await cli('ingest', excerpt, '--on-invalid', 'drop', '--format', 'json');
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as { rowsRead: number; series: Array<{ symbol: string; upsert: { inserted: number }; validation: { repairs: { droppedInvalid: number } } }> };
    expect(report.rowsRead).toBe(30);
    const bySymbol = Object.fromEntries(report.series.map((s) => [s.symbol, [s.upsert.inserted, s.validation.repairs.droppedInvalid]]));
    expect(bySymbol).toEqual({ A: [10, 0], BHF: [9, 1], DHR: [9, 1] });
  });

  it('changes nothing when the same file is ingested again', async () => {
    const result = await cli('ingest', excerpt, '--on-invalid', 'drop', '--format', 'json');
    const report = JSON.parse(result.stdout) as { series: Array<{ upsert: { inserted: number; updated: number; unchanged: number } }> };
    expect(report.series.map((s) => s.upsert)).toEqual(report.series.map((s) => ({ ...s.upsert, inserted: 0, updated: 0 })));
    expect(report.series.reduce((n, s) => n + s.upsert.unchanged, 0)).toBe(28);
  });

  it('exits 2 naming a missing path', async () => {
    const result = await cli('ingest', join(directory, 'nope.csv'));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('TF_ERR_DATA_FILE_NOT_FOUND');
    expect(result.stderr).toContain('nope.csv does not exist');
  });
});

describe('tickforge show, coverage, export', () => {
  it('shows a series as a table, CSV and JSON, with inclusive --from/--to', async () => {
    const table = await cli('show', 'A', '--from', '2013-02-11', '--to', '2013-02-13');
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toContain('2013-02-11');
    expect(table.stdout).toContain('A 1d: 3 bars');
    const csv = await cli('show', 'A', '--format', 'csv', '--tail', '2');
    expect(csv.stdout).toBe('timestamp,open,high,low,close,volume\n2013-02-21T00:00:00Z,42.14,42.14,41.47,41.63,3415149\n2013-02-22T00:00:00Z,41.83,42.07,41.58,41.8,3354862\n');
    const json = await cli('show', 'A', '--format', 'json', '--tail', '1');
    expect(JSON.parse(json.stdout)).toEqual([{ time: '2013-02-22T00:00:00.000Z', open: 41.83, high: 42.07, low: 41.58, close: 41.8, volume: 3354862 }]);
  });

  it('resamples on the way out: the two weeks of A as weekly bars, checked by hand', async () => {
    const result = await cli('show', 'A', '--resample', '1w', '--format', 'json');
    // Week of Mon 2013-02-04 holds only Fri 02-08; week of 02-11 holds 11..15; week of 02-18 holds 19..22.
    expect(JSON.parse(result.stdout)).toEqual([
      { time: '2013-02-04T00:00:00.000Z', open: 45.07, high: 45.35, low: 45.0, close: 45.08, volume: 1824755 },
      { time: '2013-02-11T00:00:00.000Z', open: 45.17, high: 45.24, low: 42.21, close: 42.25, volume: 2915405 + 2373731 + 2052338 + 3826245 + 14657315 },
      { time: '2013-02-18T00:00:00.000Z', open: 42.21, high: 43.12, low: 41.47, close: 41.8, volume: 4116141 + 3873183 + 3415149 + 3354862 },
    ]);
  });

  it('names the symbols the store holds when asked for one it lacks', async () => {
    const result = await cli('show', 'MSFT');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('TF_ERR_STORE_NOT_FOUND');
    expect(result.stderr).toContain('It holds 3 symbols, e.g. A, BHF, DHR');
  });

  it('reports coverage with gaps where a dropped row left a hole', async () => {
    const result = await cli('coverage', '--format', 'json');
    const entries = JSON.parse(result.stdout) as Array<{ symbol: string; count: number; gaps: number }>;
    expect(entries.map((e) => [e.symbol, e.count])).toEqual([['A', 10], ['BHF', 9], ['DHR', 9]]);
    expect(entries.find((e) => e.symbol === 'BHF')!.gaps).toBe(1);
  });

  it('exports to one CSV, one Parquet file and a directory of files that read back to the same bars', async () => {
    const csvFile = join(directory, 'out.csv.gz');
    const parquetFile = join(directory, 'out.parquet');
    expect((await cli('export', '--out', csvFile)).code).toBe(0);
    expect((await cli('export', '--out', parquetFile, '--symbols', 'A,DHR')).code).toBe(0);
    const perSeries = await cli('export', '--out', `${join(directory, 'series')}/`, '--file-format', 'csv');
    expect(perSeries.code, perSeries.stderr).toBe(0);
    const csv = await readCsvBars(csvFile);
    const parquet = await readParquetBars(parquetFile);
    expect(csv.tables.map((t) => [t.symbol, t.bars.length])).toEqual([['A', 10], ['BHF', 9], ['DHR', 9]]);
    expect(parquet.tables.map((t) => [t.symbol, t.bars.length])).toEqual([['A', 10], ['DHR', 9]]);
    expect(Array.from(parquet.tables[1].bars.close)).toEqual(Array.from(csv.tables[2].bars.close));
    expect(existsSync(join(directory, 'series', 'BHF_1d.csv'))).toBe(true);
    expect(readFileSync(join(directory, 'series', 'A_1d.csv'), 'utf8').split('\n')[1]).toBe('2013-02-08T00:00:00Z,45.07,45.35,45,45.08,1824755');
  });
});

describe('tickforge config show', () => {
  it('prints the merged configuration with passwords masked', async () => {
    writeFileSync(join(directory, 'tickforge.yaml'), 'log:\n  level: warn\nenvironments:\n  prod:\n    redis:\n      url: redis://:s3cret@cache:6379\n');
    const result = await runCli(['config', 'show', '--format', 'json', '--env', 'prod'], { cwd: directory });
    expect(result.code, result.stderr).toBe(0);
    const shown = JSON.parse(result.stdout) as { config: { redis: { url: string }; log: { level: string } } };
    expect(shown.config.redis.url).toBe('redis://:***@cache:6379');
    expect(shown.config.log.level).toBe('warn');
    expect(result.stdout).not.toContain('s3cret');
    rmSync(join(directory, 'tickforge.yaml'));
  });
});
