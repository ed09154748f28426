import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isTickforgeError } from '../../core/errors.js';
import { annualVolatility } from './annualVolatility.js';
import { curveFromReturns } from './curveFromReturns.js';
import { perPeriodRate } from './perPeriodRate.js';
import { returnsFromEquity } from './returnsFromEquity.js';
import { rollingMetrics } from './rollingMetrics.js';
import { sharpeRatio } from './sharpeRatio.js';
import { sortinoRatio } from './sortinoRatio.js';

function curveOf(equity: number[]) {
  return { time: Float64Array.from(equity, (_, i) => i * 86_400_000), equity: Float64Array.from(equity), exposure: new Float64Array(equity.length) };
}

describe('rollingMetrics', () => {
  it('a hand-computed window of two returns, NaN during the warm-up and where the deviations are 0', () => {
    // Equity 100, 110, 99, 99, 99, 108.9: returns 0.1, -0.1, 0, 0, 0.1 (bars 1..5). Window 2, one period a year.
    const { sharpeRatio: sharpe, sortinoRatio: sortino, volatility } = rollingMetrics(curveOf([100, 110, 99, 99, 99, 108.9]), 2, 1);
    for (const series of [sharpe, sortino, volatility]) expect([series[0], series[1]]).toEqual([NaN, NaN]);
    // Bar 2: [0.1, -0.1]: mean 0, deviation sqrt(0.02 / 1); downside sqrt(0.01 / 2).
    expect(volatility[2]).toBeCloseTo(Math.sqrt(0.02), 12);
    expect(sharpe[2]).toBeCloseTo(0, 12);
    expect(sortino[2]).toBeCloseTo(0, 12);
    // Bar 3: [-0.1, 0]: mean -0.05, deviation sqrt(0.005); downside sqrt(0.01 / 2): both ratios -0.05 / 0.0707 = -0.7071.
    expect(volatility[3]).toBeCloseTo(Math.sqrt(0.005), 12);
    expect(sharpe[3]).toBeCloseTo(-Math.SQRT1_2, 12);
    expect(sortino[3]).toBeCloseTo(-Math.SQRT1_2, 12);
    // Bar 4: [0, 0]: no deviation at all.
    expect(volatility[4]).toBe(0);
    expect(sharpe[4]).toBeNaN();
    expect(sortino[4]).toBeNaN();
    // Bar 5: [0, 0.1]: mean 0.05, deviation sqrt(0.005): Sharpe 0.7071; no return below 0, Sortino NaN.
    expect(sharpe[5]).toBeCloseTo(Math.SQRT1_2, 12);
    expect(sortino[5]).toBeNaN();
  });

  it('two nearly equal returns after a wide window give the full-sample NaN, not the running sums\' rounding noise', () => {
    // Found by the property below: the window [-7.99 %, -7.99 %] measured from the centre of the
    // window [+3.32 %, -7.99 %] left a variance of ~1e-18 and a Sharpe ratio of -1.4e9.
    const curve = curveFromReturns([-1, 7, 332, -799, -799, 0, 0, 0].map((b) => b / 10_000), { startingEquity: 1000 });
    const rolling = rollingMetrics(curve, 2, 252);
    const returns = returnsFromEquity(curve.equity);
    for (let bar = 2; bar < curve.equity.length; bar++) {
      const slice = returns.subarray(bar - 2, bar);
      const expected = sharpeRatio(slice, 252);
      if (Number.isNaN(expected)) expect(rolling.sharpeRatio[bar], `bar ${bar}`).toBeNaN();
      else expect(rolling.sharpeRatio[bar]).toBeCloseTo(expected, 9);
    }
  });

  it('equals the full-sample functions on every window, across the scheduled recomputations of the running sums', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -800, max: 800 }), { minLength: 3, maxLength: 200 }),
        fc.integer({ min: 2, max: 40 }),
        fc.constantFrom(0, 0.03),
        (basisPoints, window, riskFreeRate) => {
          const curve = curveFromReturns(basisPoints.map((b) => b / 10_000), { startingEquity: 1000 });
          const rolling = rollingMetrics(curve, window, 252, riskFreeRate);
          const returns = returnsFromEquity(curve.equity);
          const target = perPeriodRate(riskFreeRate, 252);
          for (let bar = 0; bar < curve.equity.length; bar++) {
            if (bar < window) {
              expect(rolling.sharpeRatio[bar]).toBeNaN();
              continue;
            }
            const slice = returns.subarray(bar - window, bar);
            const close = (actual: number, expected: number) => {
              if (Number.isNaN(expected)) expect(actual).toBeNaN();
              else expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
            };
            close(rolling.sharpeRatio[bar], sharpeRatio(slice, 252, target));
            close(rolling.sortinoRatio[bar], sortinoRatio(slice, 252, target));
            close(rolling.volatility[bar], annualVolatility(slice, 252));
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('no value looks ahead: changing every bar after t leaves bars 0..t unchanged', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -500, max: 500 }), { minLength: 30, maxLength: 120 }),
        fc.array(fc.integer({ min: -500, max: 500 }), { minLength: 120, maxLength: 120 }),
        fc.integer({ min: 0, max: 28 }),
        fc.integer({ min: 2, max: 12 }),
        (basisPoints, other, cut, window) => {
          const original = basisPoints.map((b) => b / 10_000);
          const spliced = original.map((r, i) => (i < cut ? r : other[i] / 10_000));
          // Returns 0..cut-1 are shared, so equity points 0..cut are too.
          const a = rollingMetrics(curveFromReturns(original), window, 252);
          const b = rollingMetrics(curveFromReturns(spliced), window, 252);
          for (const key of ['sharpeRatio', 'sortinoRatio', 'volatility'] as const) {
            for (let i = 0; i <= cut; i++) expect(Object.is(a[key][i], b[key][i]), `${key} at bar ${i}, changed after ${cut}`).toBe(true);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('rejects a window below 2 and a bad curve', () => {
    for (const window of [1, 2.5, NaN]) {
      expect(() => rollingMetrics(curveOf([1, 2, 3]), window, 252)).toThrow(/window/);
    }
    try {
      rollingMetrics(curveOf([1, NaN, 3]), 2, 252);
      throw new Error('expected an error');
    } catch (error) {
      expect(isTickforgeError(error, 'TF_ERR_BACKTEST_METRICS_INPUT')).toBe(true);
    }
  });
});
