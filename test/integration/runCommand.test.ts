import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './runCli.js';

const directory = mkdtempSync(join(tmpdir(), 'tickforge-run-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('tickforge run on a fresh directory', () => {
  it('creates the embedded store, seeds the sample universe and prints coverage, with no servers', async () => {
    const first = await runCli(['run', '--log-level', 'warn'], { cwd: directory });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(existsSync(join(directory, '.tickforge', 'tickforge.duckdb'))).toBe(true);
    expect(first.stdout).toContain('Store was empty: generated the sample universe (8 series');
    expect(first.stdout).toMatch(/8 symbols, 8 series, \d+ bars/);
  });

  it('leaves a populated store as it is on the next run', async () => {
    const second = await runCli(['run', '--format', 'json', '--log-level', 'warn'], { cwd: directory });
    expect(second.code).toBe(0);
    const report = JSON.parse(second.stdout) as { generated?: unknown; coverage: Array<{ count: number }> };
    expect(report.generated).toBeUndefined();
    expect(report.coverage).toHaveLength(8);
    expect(report.coverage.every((entry) => entry.count > 700)).toBe(true);
  });

  it('warms the configured cache list at start', async () => {
    writeFileSync(join(directory, 'tickforge.yaml'), 'cache:\n  warm:\n    symbols: [SYN001, SYN002]\n');
    const warm = await runCli(['run', '--format', 'json', '--log-level', 'warn'], { cwd: directory });
    rmSync(join(directory, 'tickforge.yaml'));
    const report = JSON.parse(warm.stdout) as { warmed: Array<{ symbol: string; bars: number; source: string }> };
    expect(report.warmed.map((entry) => [entry.symbol, entry.source])).toEqual([['SYN001', 'store'], ['SYN002', 'store']]);
    expect(report.warmed[0].bars).toBeGreaterThan(700);
  });

  it('exits 2 with the error code for a bad store URL, and 2 for bad usage', async () => {
    const badStore = await runCli(['run', '--store', 'mysql://x'], { cwd: directory });
    expect(badStore.code).toBe(2);
    expect(badStore.stderr).toContain('TF_ERR_STORE_URL_INVALID');
    const badOption = await runCli(['generate', '--symbols', 'many'], { cwd: directory });
    expect(badOption.code).toBe(2);
    expect(badOption.stderr).toContain('"many" is not a positive whole number');
  });
});
