/**
 * Invariants of the metrics over random curves (fast-check). Returns are drawn in whole basis
 * points so that no case sits on the rounding-noise floor, where "zero volatility" could flip
 * with a last-bit difference.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeMetrics } from './computeMetrics.js';
import { curveFromReturns } from './curveFromReturns.js';
import { drawdownSeries, maxDrawdown } from './drawdownSeries.js';
import type { PerformanceMetrics } from './PerformanceMetrics.js';
import { sharpeRatio } from './sharpeRatio.js';
import { sortinoRatio } from './sortinoRatio.js';
import { underwaterPeriods } from './underwaterPeriods.js';

const basisPointReturns = (maxLength: number) => fc.array(fc.integer({ min: -2500, max: 2500 }), { minLength: 1, maxLength }).map((bps) => bps.map((b) => b / 10_000));

function close(actual: number, expected: number, label: string): void {
  if (Number.isNaN(expected)) expect(actual, label).toBeNaN();
  else expect(Math.abs(actual - expected), `${label}: ${actual} vs ${expected}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
}

describe('metric invariants', () => {
  it('max drawdown lies in [0, 1] for a positive curve and equals the deepest underwater period', () => {
    fc.assert(
      fc.property(basisPointReturns(300), (returns) => {
        const { equity, time } = curveFromReturns(returns, { startingEquity: 1000 });
        const deepest = maxDrawdown(equity);
        expect(deepest).toBeGreaterThanOrEqual(0);
        expect(deepest).toBeLessThanOrEqual(1);
        const periods = underwaterPeriods(equity, time);
        expect(periods.reduce((m, p) => Math.max(m, p.depth), 0)).toBeCloseTo(deepest, 14);
      }),
      { numRuns: 300 },
    );
  });

  it('the drawdown series is exactly 0 at every new high and positive everywhere else', () => {
    fc.assert(
      fc.property(basisPointReturns(300), (returns) => {
        const { equity } = curveFromReturns(returns, { startingEquity: 50 });
        const drawdowns = drawdownSeries(equity);
        let peak = -Infinity;
        for (let i = 0; i < equity.length; i++) {
          if (equity[i] >= peak) {
            peak = equity[i];
            expect(drawdowns[i]).toBe(0);
          } else {
            expect(drawdowns[i]).toBeGreaterThan(0);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('scaling the equity (and the benchmark) by a constant changes no return, ratio or drawdown', () => {
    const scaleFree: (keyof PerformanceMetrics)[] = [
      'totalReturn', 'compoundAnnualGrowthRate', 'annualVolatility', 'sharpeRatio', 'sortinoRatio', 'calmarRatio', 'omegaRatio', 'tailRatio',
      'valueAtRisk95', 'valueAtRisk99', 'expectedShortfall95', 'expectedShortfall99', 'maxDrawdown', 'maxDrawdownDurationBars',
      'maxDrawdownDurationMs', 'longestDrawdownDurationBars', 'longestDrawdownDurationMs', 'averageExposure', 'timeInMarket',
    ];
    fc.assert(
      fc.property(basisPointReturns(200), basisPointReturns(200), fc.double({ min: 1e-3, max: 1e6, noNaN: true }), fc.constantFrom(0, 0.04), (returns, benchmarkReturns, scale, riskFreeRate) => {
        const curve = curveFromReturns(returns, { startingEquity: 100, exposure: 0.5 });
        const benchmark = curveFromReturns(Array.from({ length: returns.length }, (_, i) => benchmarkReturns[i % benchmarkReturns.length]), { startingEquity: 100 }).equity;
        const scaled = { ...curve, equity: curve.equity.map((v) => v * scale) };
        const a = computeMetrics({ curve, trades: [], benchmark, periodsPerYear: 252, riskFreeRate });
        const b = computeMetrics({ curve: scaled, trades: [], benchmark: benchmark.map((v) => v * scale), periodsPerYear: 252, riskFreeRate });
        for (const key of scaleFree) close(b[key] as number, a[key] as number, key);
        for (const key of ['alpha', 'beta', 'correlation', 'informationRatio', 'trackingError', 'totalReturn'] as const) close(b.benchmark![key], a.benchmark![key], `benchmark.${key}`);
      }),
      { numRuns: 200 },
    );
  });

  it('shifting returns and the target by one amount leaves Sharpe and Sortino unchanged (empyrical test_sharpe_translation_same, test_sortino_translation_same)', () => {
    fc.assert(
      fc.property(basisPointReturns(200).filter((r) => r.length >= 2 && new Set(r).size > 1), fc.integer({ min: -50, max: 50 }), (returns, shiftBps) => {
        const shift = shiftBps / 10_000;
        const moved = returns.map((r) => r + shift);
        close(sharpeRatio(moved, 252, 0.001 + shift), sharpeRatio(returns, 252, 0.001), 'sharpe');
        const sortino = sortinoRatio(returns, 252, 0.001);
        const movedSortino = sortinoRatio(moved, 252, 0.001 + shift);
        if (Number.isNaN(sortino)) expect(movedSortino).toBeNaN();
        else expect(Math.abs(movedSortino - sortino)).toBeLessThanOrEqual(1e-8 * Math.max(1, Math.abs(sortino)));
      }),
      { numRuns: 200 },
    );
  });

  it('raising every return never deepens the max drawdown (empyrical test_max_drawdown_translation)', () => {
    fc.assert(
      fc.property(basisPointReturns(200), fc.integer({ min: 1, max: 100 }), (returns, raiseBps) => {
        const raised = returns.map((r) => r + raiseBps / 10_000);
        expect(maxDrawdown(curveFromReturns(raised).equity)).toBeLessThanOrEqual(maxDrawdown(curveFromReturns(returns).equity) + 1e-15);
      }),
      { numRuns: 200 },
    );
  });

  it('no look-ahead in the drawdown series: changing the equity after bar t leaves bars 0..t unchanged', () => {
    fc.assert(
      fc.property(basisPointReturns(150), basisPointReturns(150), fc.nat(), (returns, other, cutSeed) => {
        const cut = cutSeed % returns.length;
        const a = curveFromReturns(returns).equity;
        const b = curveFromReturns(returns.map((r, i) => (i < cut ? r : other[i % other.length]))).equity;
        const da = drawdownSeries(a);
        const db = drawdownSeries(b);
        for (let i = 0; i <= cut; i++) expect(Object.is(da[i], db[i])).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
