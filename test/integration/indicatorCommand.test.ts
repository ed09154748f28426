import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCsvBars } from '../../src/data/csv/readCsvBars.js';
import { rsi } from '../../src/indicators/momentum/rsi.js';
import { repoRoot, runCli } from './runCli.js';

/** `tickforge indicator` and `tickforge compute` end to end, on the committed S&P 500 excerpt. */
const directory = mkdtempSync(join(tmpdir(), 'tickforge-indicator-'));
const excerpt = join(directory, 'sp500_excerpt.csv');
beforeAll(() => copyFileSync(join(repoRoot, 'test', 'fixtures', 'sp500_excerpt.csv'), excerpt));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const cli = (...args: string[]) => runCli([...args, '--log-level', 'warn'], { cwd: directory });

describe('tickforge indicator', () => {
  it('prints the timestamp and every output per bar, empty during warm-up, equal to the kernel', async () => {
    const result = await cli('indicator', 'rsi', '--input', excerpt, '--symbol', 'A', '--params', 'period=3');
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toBe('timestamp,rsi');
    expect(lines).toHaveLength(11);
    expect(lines[1]).toBe('2013-02-08T00:00:00.000Z,');
    const close = (await readCsvBars(excerpt)).tables.find((t) => t.symbol === 'A')!.bars.close;
    const expected = rsi(close, 3);
    lines.slice(1).forEach((line, i) => {
      const value = line.split(',')[1];
      if (Number.isNaN(expected[i])) expect(value).toBe('');
      else expect(Number(value)).toBe(expected[i]);
    });
  });

  it('prints multi-output indicators as named columns, null in JSON during warm-up', async () => {
    const result = await cli('indicator', 'bbands', '--input', excerpt, '--symbol', 'A', '--params', 'period=5', '--format', 'json');
    const rows = JSON.parse(result.stdout) as Array<Record<string, number | string | null>>;
    expect(Object.keys(rows[0])).toEqual(['timestamp', 'upper', 'middle', 'lower', 'percentb', 'bandwidth']);
    expect(rows[3].middle).toBeNull();
    expect(rows[4].middle).toBeCloseTo((45.08 + 44.6 + 44.62 + 44.75 + 44.58) / 5, 12);
  });

  it('skips the missing-price rows of the file (empty fields) instead of failing or poisoning the series', async () => {
    // BHF 2017-07-26 has no open, high or low in the source file; balance of power reads all four.
    const result = await cli('indicator', 'bop', '--input', excerpt, '--symbol', 'BHF');
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.trim().split('\n').slice(1);
    expect(lines.filter((line) => line.endsWith(','))).toEqual(['2017-07-26T00:00:00.000Z,']);
    expect(lines).toHaveLength(10);
  });

  it('names the problem: unknown indicator, bad parameter, ambiguous file', async () => {
    const unknown = await cli('indicator', 'rsx', '--input', excerpt);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('TF_ERR_INDICATOR_UNKNOWN');
    const bad = await cli('indicator', 'rsi', '--input', excerpt, '--symbol', 'A', '--params', 'period=1');
    expect(bad.stderr).toContain('rsi: period must be a whole number from 2');
    const ambiguous = await cli('indicator', 'rsi', '--input', excerpt);
    expect(ambiguous.stderr).toContain('holds 3 symbols; choose one with --symbol (A, BHF, DHR)');
  });

  it('lists the registry', async () => {
    const result = await cli('indicator', '--list', '--format', 'json');
    const entries = JSON.parse(result.stdout) as Array<{ name: string; group: string }>;
    expect(entries.length).toBeGreaterThan(100);
    expect(entries.filter((e) => e.group === 'pattern').length).toBeGreaterThanOrEqual(30);
    expect(entries.map((e) => e.name)).toEqual(expect.arrayContaining(['sma', 'rsi', 'macd', 'bbands', 'ichimoku', 'cdlengulfing', 'tweezertop']));
  });
});

describe('tickforge compute', () => {
  it('computes a plan over every series of a file on worker threads and writes one file per series', async () => {
    const out = join(directory, 'out');
    const result = await cli('compute', '--input', excerpt, '--indicator', 'rsi:period=3', '--indicator', 'sma:period=2', '--threads', '2', '--out', out);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/2 indicators \(2 columns\) over 3 series, 30 bars/);
    expect(readdirSync(out).sort()).toEqual(['A_1d.csv.gz', 'BHF_1d.csv.gz', 'DHR_1d.csv.gz']);
  });
});
