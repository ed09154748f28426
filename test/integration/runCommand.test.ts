import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/app/openStore.js';
import { backtestStrategy } from '../../src/backtest/backtestStrategy.js';
import { builtInStrategies, findStrategy } from '../../src/strategy/strategyRegistry.js';
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
    expect(first.stdout).toMatch(/Built-in strategies on 8 1d series \(\d+ bars\), each one portfolio after costs, by Sharpe:/);
    expect(first.stdout).toContain('Report of the best strategy: .tickforge/report.html');
    expect(readFileSync(join(directory, '.tickforge', 'report.html'), 'utf8')).toContain('LightweightCharts');
  });

  it('backtests every built-in strategy over the stored universe, ranked by Sharpe, as the library does', async () => {
    const run = await runCli(['run', '--format', 'json', '--no-report', '--log-level', 'warn'], { cwd: directory });
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as { ranking: Array<{ strategy: string; metrics: { sharpeRatio: number; totalReturn: number; tradeCount: number } }> };
    expect(report.ranking.map((r) => r.strategy).sort()).toEqual(builtInStrategies.map((s) => s.name).sort());
    const sharpe = report.ranking.map((r) => r.metrics.sharpeRatio);
    expect(sharpe).toEqual([...sharpe].sort((a, b) => b - a));
    const store = await openStore(`duckdb://${join(directory, '.tickforge', 'tickforge.duckdb')}`);
    try {
      const universe = [];
      for (const symbol of (await store.listSymbols()).sort()) universe.push(await store.readBars(symbol, '1d'));
      const expected = backtestStrategy(universe, { strategy: findStrategy('ma-cross'), simulation: { initialCash: 100_000, fees: { rate: 0.001 }, slippage: { bps: 5 } } });
      const printed = report.ranking.find((r) => r.strategy === 'ma-cross')!.metrics;
      expect(printed.totalReturn).toBeCloseTo(expected.metrics.totalReturn, 12);
      expect(printed.tradeCount).toBe(expected.metrics.tradeCount);
    } finally {
      await store.close();
    }
  }, 120_000);

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
