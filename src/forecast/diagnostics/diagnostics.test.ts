import { describe, expect, it } from 'vitest';
import { diagnosticSeries, kpssReferences, ljungBoxReferences } from '../../../test/fixtures/diagnostics/diagnosticsReferences.js';
import { autocorrelation } from './autocorrelation.js';
import { chooseDifferencingOrder } from './differencingOrder.js';
import { kpss, type KpssLags } from './kpss.js';
import { ljungBox } from './ljungBox.js';

const relative = (actual: number, expected: number): number => Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-300);

const differenced = (values: number[]): number[] => values.slice(1).map((value, t) => value - values[t]);

describe('Ljung-Box test', () => {
  it.each(ljungBoxReferences.map((reference) => [reference.series, JSON.stringify(reference.lags), reference.modelDegreesOfFreedom, reference] as const))(
    'on %s with lags %s and %s model degrees matches statsmodels acorr_ljungbox',
    (_name, _lags, _degrees, reference) => {
      const result = ljungBox(diagnosticSeries[reference.series], { lags: reference.lags, modelDegreesOfFreedom: reference.modelDegreesOfFreedom });
      expect(result.lags.map((entry) => entry.lag)).toEqual(reference.lag);
      result.lags.forEach((entry, k) => {
        expect(relative(entry.statistic, reference.statistic[k])).toBeLessThan(1e-12);
        expect(relative(entry.boxPierceStatistic, reference.boxPierceStatistic[k])).toBeLessThan(1e-12);
        if (Number.isNaN(reference.pValue[k])) {
          expect(entry.pValue).toBeNaN();
          expect(entry.boxPiercePValue).toBeNaN();
        } else {
          expect(relative(entry.pValue, reference.pValue[k])).toBeLessThan(1e-10);
          expect(relative(entry.boxPiercePValue, reference.boxPiercePValue[k])).toBeLessThan(1e-10);
        }
      });
    },
  );

  it('skips leading NaNs and says how many', () => {
    const values = diagnosticSeries.ar1;
    const plain = ljungBox(values, { lags: [3, 7] });
    const padded = ljungBox([NaN, NaN, NaN, ...values], { lags: [3, 7] });
    expect(padded.skipped).toBe(3);
    expect(padded.observations).toBe(values.length);
    expect(padded.lags).toEqual(plain.lags);
  });

  it('refuses a NaN after the start, bad lags, bad degrees and a constant series', () => {
    expect(() => ljungBox([1, 2, NaN, 4, 5, 3], { lags: 2 })).toThrow(/value 2 is NaN/);
    expect(() => ljungBox(diagnosticSeries.ar1, { lags: 0 })).toThrow(/lags must be/);
    expect(() => ljungBox(diagnosticSeries.ar1, { lags: [2, 250] })).toThrow(/from 1 to 249/);
    expect(() => ljungBox(diagnosticSeries.ar1, { lags: 2.5 })).toThrow(/lags must be/);
    expect(() => ljungBox(diagnosticSeries.ar1, { lags: 5, modelDegreesOfFreedom: -1 })).toThrow(/modelDegreesOfFreedom/);
    expect(() => ljungBox([2, 2, 2, 2, 2], { lags: 2 })).toThrow(/constant/);
    expect(() => ljungBox([NaN, 1], { lags: 1 })).toThrow(/at least 2 residuals/);
  });
});

describe('autocorrelation', () => {
  it('is 1 at lag 0 and matches a direct sum at lag 1', () => {
    const r = autocorrelation([1, 3, 2, 5, 4], 2);
    // mean 3; centred -2 0 -1 2 1; variance sum 10; lag-1 products 0 + 0 - 2 + 2 = 0; lag 2: 2 + 0 - 1 = 1.
    expect(Array.from(r)).toEqual([1, 0, 0.1]);
    expect(() => autocorrelation([1, 2, 3], 3)).toThrow(/maxLag must be a whole number from 0 to 2/);
  });
});

describe('KPSS test', () => {
  it.each(kpssReferences.map((reference) => [reference.series, reference.differenced, reference.regression, String(reference.lags), reference] as const))(
    'on %s (differenced: %s), %s, lags %s matches statsmodels kpss',
    (_name, _differenced, _regression, _lags, reference) => {
      const base = diagnosticSeries[reference.series];
      const values = reference.differenced ? differenced(base) : base;
      const lags: KpssLags = reference.lags === 'short' ? 'short' : (reference.lags as KpssLags);
      const result = kpss(values, { regression: reference.regression as 'level' | 'trend', lags });
      expect(result.lags).toBe(reference.usedLags);
      expect(relative(result.statistic, reference.statistic)).toBeLessThan(1e-11);
      expect(Math.abs(result.pValue - reference.pValue)).toBeLessThan(1e-12);
    },
  );

  it('reports on which side of the table a clamped p-value lies', () => {
    const walk = kpss(diagnosticSeries.randomWalk, { lags: 'short' });
    expect(walk.pValue).toBe(0.01);
    expect(walk.pValueBound).toBe('smaller');
    const noise = kpss(diagnosticSeries.whiteNoise, { lags: 'short' });
    expect(noise.pValueBound).toBe(noise.statistic < 0.347 ? 'greater' : null);
  });

  it('refuses a constant series, non-finite values and bad options', () => {
    expect(() => kpss([3, 3, 3, 3, 3])).toThrow(/no variation/);
    expect(() => kpss([1, 2, Infinity, 4])).toThrow(/value 2 is Infinity/);
    expect(() => kpss(diagnosticSeries.ar1, { lags: -1 })).toThrow(/KPSS lags must be/);
    expect(() => kpss(diagnosticSeries.ar1, { regression: 'drift' as 'level' })).toThrow(/regression must be/);
  });
});

describe('chooseDifferencingOrder (pmdarima ndiffs with KPSS)', () => {
  const statistic = (values: number[]): number => kpss(values, { lags: 'short' }).statistic;

  it('differences a random walk once and leaves stationary series alone', () => {
    const walk = chooseDifferencingOrder(diagnosticSeries.randomWalk);
    expect(walk.order).toBe(1);
    expect(walk.stoppedBy).toBeNull();
    expect(walk.tests.map((test) => test.differences)).toEqual([0, 1]);
    // The statistics are those the statsmodels fixture checks (short-rule lags).
    expect(walk.tests[0].statistic).toBe(statistic(diagnosticSeries.randomWalk));
    expect(walk.tests[0].pValue).toBeLessThan(0.05);
    expect(walk.tests[1].pValue).toBeGreaterThanOrEqual(0.05);
    expect(chooseDifferencingOrder(diagnosticSeries.whiteNoise).order).toBe(0);
    expect(chooseDifferencingOrder(diagnosticSeries.ar1).order).toBe(0);
  });

  it('stops at maxOrder, at a constant series, and on a constant difference', () => {
    const twice = diagnosticSeries.randomWalk.map((_, t, values) => values.slice(0, t + 1).reduce((a, b) => a + b, 0));
    expect(chooseDifferencingOrder(twice).order).toBe(2);
    expect(chooseDifferencingOrder(twice, { maxOrder: 1 })).toMatchObject({ order: 1, stoppedBy: 'max-order' });
    expect(chooseDifferencingOrder([4, 4, 4, 4, 4])).toEqual({ order: 0, tests: [], stoppedBy: 'constant' });
    const line = Array.from({ length: 50 }, (_, t) => 3 + 0.5 * t);
    expect(chooseDifferencingOrder(line)).toMatchObject({ order: 1, stoppedBy: 'constant' });
    expect(() => chooseDifferencingOrder(line, { alpha: 1.5 })).toThrow(/alpha must lie in \(0, 1\)/);
  });
});
