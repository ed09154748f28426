import { describe, expect, it } from 'vitest';
import { syntheticBacktest } from '../../test/syntheticBacktest.js';
import { backtestJson, jsonSafe } from './backtestJson.js';
import { backtestReport } from './backtestReport.js';

/** Every value JSON can carry as it is: no NaN, no infinity, no undefined, no typed array. */
function assertPlainJson(value: unknown, path = '$'): void {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`${path} is ${value}`);
  } else if (value === undefined) {
    throw new Error(`${path} is undefined`);
  } else if (ArrayBuffer.isView(value)) {
    throw new Error(`${path} is a typed array`);
  } else if (Array.isArray(value)) {
    value.forEach((item, k) => assertPlainJson(item, `${path}[${k}]`));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) assertPlainJson(item, `${path}.${key}`);
  }
}

describe('backtestJson', () => {
  const sample = syntheticBacktest(300, 5);
  const report = backtestReport({ title: 'sample', curve: sample.curve, trades: sample.trades, bars: sample.bars, benchmark: sample.benchmark, benchmarkLabel: 'buy and hold', periodsPerYear: 365 });

  it('holds the metrics, attribution, monthly and yearly returns and every trade, with nothing JSON would lose', () => {
    const json = backtestJson(report, { includeCurve: true });
    assertPlainJson(json);
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
    expect(json.metrics.sharpeRatio).toBe(report.metrics.sharpeRatio);
    expect(json.metrics.benchmark?.beta).toBe(report.metrics.benchmark!.beta);
    expect(json.attribution.symbol.map((row) => row.key).sort()).toEqual(['AAA', 'BBB', 'CCC']);
    expect(json.attribution.tag.map((row) => row.key)).toContain('(untagged)');
    expect(json.monthlyReturns).toEqual(report.monthlyReturns);
    expect(json.yearlyReturns.map((row) => row.year)).toEqual([2000]);
    expect(json.tradeCount).toBe(sample.trades.length);
    expect(json.trades).toEqual(sample.trades);
    expect(json.curve?.equity).toEqual(Array.from(sample.curve.equity));
    expect(json.curve?.drawdown).toEqual(Array.from(report.drawdown));
    expect(json.start).toBe('2000-01-03T00:00:00.000Z');
    expect(json.benchmarkLabel).toBe('buy and hold');
  });

  it('writes the NaN of a degenerate run (flat, no trades) as null, and keeps the first trades when asked', () => {
    const flat = { time: Float64Array.of(0, 86_400_000, 2 * 86_400_000), equity: Float64Array.of(100, 100, 100), exposure: new Float64Array(3) };
    const json = backtestJson(backtestReport({ title: 'flat', curve: flat, trades: [], periodsPerYear: 252 }));
    assertPlainJson(json);
    expect(json.metrics.sharpeRatio).toBeNull();
    expect(json.metrics.winRate).toBeNull();
    expect(json.metrics.notes.length).toBeGreaterThan(0);
    expect('curve' in json).toBe(false);
    expect('benchmarkLabel' in json).toBe(false);
    const first = backtestJson(report, { maxTrades: 3 });
    expect(first.trades.map((trade) => trade.id)).toEqual([1, 2, 3]);
    expect(first.tradeCount).toBe(sample.trades.length);
  });

  it('jsonSafe turns non-finite numbers into null, typed arrays into arrays and drops undefined fields', () => {
    expect(jsonSafe({ a: NaN, b: Float64Array.of(1, Infinity), c: undefined, d: [undefined, -Infinity, 'x'] })).toEqual({ a: null, b: [1, null], d: [null, null, 'x'] });
  });
});
