import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isTickforgeError } from '../../core/errors.js';
import { testIndicatorContract } from '../../../test/indicatorContract.js';
import { randomWalkBars } from '../../../test/randomWalk.js';
import { VOLATILITY, volatility, volatilityEstimators, volatilityLookback, type VolatilityEstimator } from './volatility.js';

for (const estimator of volatilityEstimators) {
  for (const [period, annualization] of [[20, 252], [2, 1]]) {
    testIndicatorContract({
      name: `VOLATILITY(${period}, ${estimator}, ${annualization})`,
      inputs: ['open', 'high', 'low', 'close'],
      outputs: ['value'],
      lookback: volatilityLookback(period, estimator, annualization),
      batch: ([open, high, low, close]) => [volatility(open, high, low, close, period, estimator, annualization)],
      create: () => new VOLATILITY(period, estimator, annualization),
      update: (s, [o, h, l, c]) => s.update(o, h, l, c),
      replace: (s, [o, h, l, c]) => s.replace(o, h, l, c),
      read: (s) => [s.value],
      isReady: (s) => s.isReady,
      reset: (s) => s.reset(),
      tolerance: 0,
    });
  }
}

// Five bars for the hand-computed cases.
const open = Float64Array.from([100, 102, 101, 104, 103]);
const high = Float64Array.from([103, 104, 103, 106, 105]);
const low = Float64Array.from([99, 100, 100, 102, 101]);
const close = Float64Array.from([102, 101, 102, 105, 104]);
const ln = Math.log;
const sum = (f: (i: number) => number, from = 0) => {
  let total = 0;
  for (let i = from; i < 5; i++) total += f(i);
  return total;
};
/** Two-pass sample variance, independent of the running sums under test. */
const sampleVariance = (values: number[]) => {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return values.reduce((a, v) => a + (v - mean) ** 2, 0) / (values.length - 1);
};
const rogersSatchellTerm = (i: number) => ln(high[i] / close[i]) * ln(high[i] / open[i]) + ln(low[i] / close[i]) * ln(low[i] / open[i]);

describe('VOLATILITY', () => {
  // Each case: the published formula evaluated directly, and the per-bar volatility printed by
  // an independent Python script (statistics.variance, math.log) for the same bars.
  const cases: Array<[VolatilityEstimator, number, number, number]> = [
    // Parkinson 1980: Σ ln(H/L)² / (4 ln 2 · n), n = 5.
    ['parkinson', 5, sum((i) => ln(high[i] / low[i]) ** 2) / (4 * Math.LN2 * 5), 0.022421224253848616],
    // Garman-Klass 1980: Σ [½ ln(H/L)² − (2 ln 2 − 1) ln(C/O)²] / n.
    ['garmanklass', 5, sum((i) => 0.5 * ln(high[i] / low[i]) ** 2 - (2 * Math.LN2 - 1) * ln(close[i] / open[i]) ** 2) / 5, 0.0252452628331396],
    // Rogers-Satchell 1991: Σ [ln(H/C) ln(H/O) + ln(L/C) ln(L/O)] / n.
    ['rogerssatchell', 5, sum(rogersSatchellTerm) / 5, 0.02546995675223607],
    // Close to close, n = 4 returns of the 5 closes: sample variance of ln(C_t / C_{t-1}).
    ['closetoclose', 4, sampleVariance([1, 2, 3, 4].map((i) => ln(close[i] / close[i - 1]))), 0.018544735663993516],
    // Yang-Zhang 2000, n = 4: σ²_o + k σ²_c + (1 − k) σ²_rs, k = 0.34 / (1.34 + 5/3).
    [
      'yangzhang',
      4,
      sampleVariance([1, 2, 3, 4].map((i) => ln(open[i] / close[i - 1]))) +
        (0.34 / (1.34 + 5 / 3)) * sampleVariance([1, 2, 3, 4].map((i) => ln(close[i] / open[i]))) +
        (1 - 0.34 / (1.34 + 5 / 3)) * (sum(rogersSatchellTerm, 1) / 4),
      0.029129042794494728,
    ],
  ];
  it.each(cases)('%s over five bars equals the published formula (hand-computed)', (estimator, period, variance, printed) => {
    const perBar = volatility(open, high, low, close, period, estimator, 1);
    expect(Array.from(perBar.subarray(0, 4)).every(Number.isNaN)).toBe(true);
    expect(perBar[4]).toBeCloseTo(Math.sqrt(variance), 14);
    expect(perBar[4]).toBeCloseTo(printed, 14);
    // Annualised: sqrt(252) times the per-bar value.
    expect(volatility(open, high, low, close, period, estimator)[4]).toBeCloseTo(Math.sqrt(252) * printed, 12);
  });

  it('does not change when every price is scaled (property)', () => {
    const bars = randomWalkBars(60, 9);
    fc.assert(
      fc.property(fc.constantFrom(...volatilityEstimators), fc.double({ min: 0.001, max: 1000, noNaN: true }), (estimator, scale) => {
        const a = volatility(bars.open, bars.high, bars.low, bars.close, 10, estimator);
        const s = (x: Float64Array) => x.map((v) => v * scale);
        const b = volatility(s(bars.open), s(bars.high), s(bars.low), s(bars.close), 10, estimator);
        for (let i = 10; i < 60; i++) expect(Math.abs(a[i] - b[i])).toBeLessThan(1e-9 * a[i]);
      }),
      { numRuns: 50 },
    );
  });

  it('is 0 for close-to-close at a constant growth rate, and for range estimators on flat bars', () => {
    const growing = Float64Array.from({ length: 8 }, (_, i) => 100 * 1.01 ** i);
    expect(volatility(growing, growing, growing, growing, 5, 'closetoclose')[7]).toBeLessThan(1e-6);
    const flat = new Float64Array(8).fill(50);
    for (const estimator of volatilityEstimators) expect(volatility(flat, flat, flat, flat, 5, estimator)[7], estimator).toBe(0);
  });

  it('skips a bar with any input missing, whatever the estimator', () => {
    const o = open.slice();
    o[2] = NaN;
    for (const estimator of volatilityEstimators) expect(volatility(o, high, low, close, 2, estimator)[2], estimator).toBeNaN();
  });

  it('rejects bad parameters, naming them', () => {
    for (const [call, text] of [
      [() => volatility(open, high, low, close, 1), 'VOLATILITY: period must be a whole number from 2 to 100000, got 1'],
      [() => volatility(open, high, low, close, 5, 'garch' as VolatilityEstimator), 'VOLATILITY: estimator must be one of closetoclose, parkinson, garmanklass, rogerssatchell, yangzhang, got "garch"'],
      [() => volatility(open, high, low, close, 5, 'parkinson', 0), 'VOLATILITY: annualization must be a finite number from 1 to 100000000, got 0'],
    ] as const) {
      try {
        call();
        expect.unreachable();
      } catch (error) {
        expect(isTickforgeError(error, 'TF_ERR_INDICATOR_PARAMETER')).toBe(true);
        expect((error as Error).message).toContain(text);
      }
    }
    expect(() => volatility(open, high, low, close.subarray(1))).toThrow(/close 4/);
  });
});
