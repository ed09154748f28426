import { describe, expect, it } from 'vitest';
import { drawdownSeries } from '../backtest/metrics/drawdownSeries.js';
import type { EquityCurve } from '../backtest/Trade.js';
import { renderEquitySvg, roundDepth } from './renderEquitySvg.js';

const day = 86_400_000;
const curve: EquityCurve = {
  time: Float64Array.from([0, 1, 2, 3], (i) => Date.UTC(2024, 0, 1) + i * day),
  equity: Float64Array.of(100, 110, 99, 121),
  exposure: Float64Array.of(0, 1, 1, 0),
};

function points(svg: string, series: string): [number, number][] {
  const match = new RegExp(`<path d="([^"]+)"[^>]*data-series="${series}"`).exec(svg);
  if (match === null) throw new Error(`no ${series} path`);
  return match[1].slice(1).split('L').map((pair) => pair.split(',').map(Number) as [number, number]);
}

describe('renderEquitySvg', () => {
  // 400 x 300: plot x from 12 to 328 (316 px over 3 steps); below the 56 px header, 300 - 56 - 28 - 18 = 198 px
  // of panes: the drawdown pane gets round(0.3 x 198) = 59 px from y = 56 + 139 + 18 = 213 to 272.
  const svg = renderEquitySvg(curve, undefined, { width: 400, height: 300, title: 'Demo <run>' });

  it('draws the drawdown pane from 0 at its top to the round depth at its bottom: 0, 0, 10%, 0 for 100, 110, 99, 121', () => {
    expect(svg).toContain('<path d="M12.0,213.0L117.3,213.0L222.7,272.0L328.0,213.0" fill="none" stroke="#ef5350"');
    const expected = drawdownSeries(curve.equity);
    expect(Array.from(expected)).toEqual([0, 0, expect.closeTo(0.1, 12), 0]);
    points(svg, 'drawdown').forEach(([, y], i) => expect(((y - 213) / 59) * 0.1).toBeCloseTo(expected[i], 3));
    // The filled area closes along the zero line.
    expect(svg).toContain('L328.0,213.0L12.0,213.0Z" fill="rgba(239, 83, 80, 0.25)"');
  });

  it('draws the equity in its pane in order, with the title escaped, the headline numbers and axis labels', () => {
    const equity = points(svg, 'equity');
    expect(equity.map(([x]) => x)).toEqual([12, 117.3, 222.7, 328]);
    // Higher equity is higher up: 121 highest, 99 lowest.
    expect(equity[3][1]).toBeLessThan(equity[1][1]);
    expect(equity[2][1]).toBeGreaterThan(equity[0][1]);
    expect(equity.every(([, y]) => y >= 56 && y <= 56 + 139)).toBe(true);
    expect(svg).toContain('Demo &lt;run&gt;');
    expect(svg).toContain('Return 21.00%');
    expect(svg).toContain('Max drawdown 10.00%');
    expect(svg).toContain('>-10%</text>');
    expect(svg).toContain('>2024-01-01</text>');
    expect(svg).toContain('deepest -10.0% on 2024-01-03');
  });

  it('draws a benchmark rebased to the starting equity, named in the legend and the headline', () => {
    const withBenchmark = renderEquitySvg(curve, Float64Array.of(50, 55, 60, 50), { width: 400, height: 300, benchmarkLabel: 'buy & hold' });
    const benchmark = points(withBenchmark, 'benchmark');
    const equity = points(withBenchmark, 'equity');
    // Both start at 100 and the benchmark's 110 (55 rebased) is the strategy's 110.
    expect(benchmark[0][1]).toBeCloseTo(equity[0][1], 1);
    expect(benchmark[1][1]).toBeCloseTo(equity[1][1], 1);
    expect(withBenchmark).toContain('buy &amp; hold (rebased)');
    expect(withBenchmark).toContain('buy &amp; hold 0.00%');
  });

  it('rounds the drawdown depth up to a round number and refuses a curve the metrics refuse', () => {
    expect([roundDepth(0.1), roundDepth(0.2847), roundDepth(0.031), roundDepth(0), roundDepth(0.81)]).toEqual([0.1, 0.3, 0.04, 0.01, 1]);
    expect(() => renderEquitySvg({ ...curve, equity: Float64Array.of(100, NaN, 99, 121) })).toThrow(/curve.equity at bar 1/);
    expect(() => renderEquitySvg(curve, Float64Array.of(1, 2))).toThrow(/benchmark has 2 values/);
  });
});
