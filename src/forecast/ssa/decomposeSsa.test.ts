import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TickforgeError } from '../../core/errors.js';
import { decomposeSsa } from './decomposeSsa.js';
import { forecastSsa } from './forecastSsa.js';
import { defaultSsaWindowLength } from './validateSsaInput.js';

const maxAbsDifference = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  let worst = 0;
  for (let k = 0; k < a.length; k++) worst = Math.max(worst, Math.abs(a[k] - b[k]));
  return worst;
};
const series = (length: number, f: (t: number) => number): Float64Array => Float64Array.from({ length }, (_, t) => f(t));

describe('decomposeSsa: exact structure', () => {
  // 2 sin(2 pi t / 12) has rank 2 and, with L and K multiples of 12, rows and columns orthogonal
  // to the constant's: the two are exactly (weakly and strongly) separable.
  const L = 48;
  const K = 72;
  const level = (t: number) => 5 + 0 * t;
  const wave = (t: number) => 2 * Math.sin((2 * Math.PI * t) / 12);
  const x = series(L + K - 1, (t) => level(t) + wave(t));

  it('separates a constant from a sine of integer period and reconstructs each to 1e-8', () => {
    const decomposition = decomposeSsa(x, { windowLength: L });
    expect(decomposition.eigenvalues[0]).toBeCloseTo(25 * L * K, 6);
    expect(decomposition.eigenvalues[1] / (L * K)).toBeCloseTo(1, 8);
    expect(decomposition.eigenvalues[2] / (L * K)).toBeCloseTo(1, 8);
    expect(decomposition.eigenvalues[3]).toBeLessThan(1e-8);
    const [constant, sine] = decomposition.reconstruct([[0], [1, 2]]);
    expect(maxAbsDifference(constant, series(x.length, level))).toBeLessThan(1e-8);
    expect(maxAbsDifference(sine, series(x.length, wave))).toBeLessThan(1e-8);
  });

  it('reconstructs a linear trend plus a sine (rank 4) and forecasts it exactly, recurrently and by vectors', () => {
    const f = (t: number) => 3 + 0.05 * t + 2 * Math.sin((2 * Math.PI * t) / 12 + 0.3);
    const y = series(120, f);
    for (const options of [{ windowLength: 48 }, { windowLength: 48, components: 4 }, { windowLength: 60, varianceShare: 1 - 1e-12 }]) {
      const decomposition = decomposeSsa(y, options);
      const signal = decomposition.reconstruct([[0, 1, 2, 3]])[0];
      expect(maxAbsDifference(signal, y)).toBeLessThan(1e-8);
      for (const method of ['recurrent', 'vector'] as const) {
        const forecast = forecastSsa(decomposition, { horizon: 36, group: [0, 1, 2, 3], method });
        expect(maxAbsDifference(forecast.mean, series(36, (h) => f(120 + h)))).toBeLessThan(1e-8);
        expect(forecast.verticality).toBeLessThan(1);
      }
    }
  });

  it('separates a linear trend from a long sine approximately (only asymptotic separability holds)', () => {
    const trend = (t: number) => 10 + 0.01 * t;
    const y = series(1199, (t) => trend(t) + wave(t));
    const decomposition = decomposeSsa(y, { windowLength: 120, components: 4 });
    // The sine is the pair of (nearly) equal eigenvalues; the trend's two triples are the others.
    const values = decomposition.eigenvalues;
    const pairs = [[0, 1], [1, 2], [2, 3]];
    const sinePair = pairs.reduce((best, pair) => (Math.abs(Math.log(values[pair[0]] / values[pair[1]])) < Math.abs(Math.log(values[best[0]] / values[best[1]])) ? pair : best));
    const trendGroup = decomposition.reconstruct([[0, 1, 2, 3].filter((k) => !sinePair.includes(k))])[0];
    // The slope-sine cross term leaks; the error shrinks like 1/N but is not zero.
    expect(maxAbsDifference(trendGroup, series(y.length, trend))).toBeLessThan(0.05);
  });

  it('gives the same leading triples from subspace iteration as from the full decomposition', () => {
    const y = series(400, (t) => 50 + 0.1 * t + Math.sin(t / 7) * 3 + Math.cos(t * 1.3) + ((t * 7919) % 13) / 13);
    const full = decomposeSsa(y, { windowLength: 100 });
    const partial = decomposeSsa(y, { windowLength: 100, components: 5 });
    const warm = decomposeSsa(y.subarray(1), { windowLength: 100, components: 5, startingVectors: Float64Array.from(partial.eigenvectors.flatMap((u) => [...u])) });
    const warmFull = decomposeSsa(y.subarray(1), { windowLength: 100 });
    for (let r = 0; r < 5; r++) {
      expect(Math.abs(partial.eigenvalues[r] / full.eigenvalues[r] - 1)).toBeLessThan(1e-12);
      expect(maxAbsDifference(partial.eigenvectors[r], full.eigenvectors[r])).toBeLessThan(1e-9);
      expect(maxAbsDifference(warm.eigenvectors[r], warmFull.eigenvectors[r])).toBeLessThan(1e-9);
    }
  });

  it('picks the fewest components reaching the variance share, up to maximumComponents', () => {
    const y = series(200, (t) => 100 + 10 * Math.sin((2 * Math.PI * t) / 20) + ((t * 7919) % 17) / 17);
    const full = decomposeSsa(y, { windowLength: 60 });
    const cumulative = full.explainedVariance.map((_, k) => full.explainedVariance.slice(0, k + 1).reduce((a, b) => a + b, 0));
    for (const share of [0.5, 0.99, 0.9999]) {
      const expected = cumulative.findIndex((value) => value >= share) + 1;
      expect(decomposeSsa(y, { windowLength: 60, varianceShare: share }).components).toBe(expected);
    }
    const capped = decomposeSsa(y, { windowLength: 60, varianceShare: 1, maximumComponents: 2 });
    expect(capped.components).toBe(2);
    expect(capped.warnings.join()).toContain('maximumComponents');
  });

  it('defaults the window to min(floor(N / 2), 120)', () => {
    expect(defaultSsaWindowLength(144)).toBe(72);
    expect(defaultSsaWindowLength(1260)).toBe(120);
    expect(decomposeSsa(series(30, (t) => t + 1)).windowLength).toBe(15);
  });
});

describe('decomposeSsa: properties', () => {
  // Multiples of 1/1000, so a non-zero series never underflows its squared norm.
  const values = fc.array(fc.integer({ min: -100000, max: 100000 }).map((k) => k / 1000), { minLength: 4, maxLength: 60 });

  it('reconstructs the series from all eigen-triples, and the eigenvalues (descending, >= 0) sum to the trace', () => {
    fc.assert(
      fc.property(values, fc.double({ min: 0, max: 1, noNaN: true }), (raw, position) => {
        const x = Float64Array.from(raw);
        if (x.every((value) => value === 0)) return;
        const L = 2 + Math.floor(position * (x.length - 3));
        const decomposition = decomposeSsa(x, { windowLength: L });
        const scale = Math.max(...raw.map(Math.abs));
        const singles = decomposition.reconstruct(Array.from({ length: L }, (_, k) => [k]));
        const total = new Float64Array(x.length);
        singles.forEach((part) => part.forEach((value, t) => (total[t] += value)));
        expect(maxAbsDifference(total, x)).toBeLessThan(1e-9 * scale);
        const sum = decomposition.eigenvalues.reduce((a, b) => a + b, 0);
        expect(Math.abs(sum - decomposition.totalVariance)).toBeLessThan(1e-9 * decomposition.totalVariance);
        for (let k = 1; k < L; k++) expect(decomposition.eigenvalues[k]).toBeLessThanOrEqual(decomposition.eigenvalues[k - 1]);
        expect(decomposition.eigenvalues[L - 1]).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 150 },
    );
  });

  it('forecasts any trend plus an integer-period sine exactly from its four leading triples', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 10, noNaN: true }).chain((v) => fc.constantFrom(v, -v)),
        fc.double({ min: 0.01, max: 0.5, noNaN: true }).chain((v) => fc.constantFrom(v, -v)),
        fc.double({ min: 1, max: 10, noNaN: true }),
        fc.integer({ min: 3, max: 12 }),
        fc.double({ min: 0, max: 6.3, noNaN: true }),
        fc.integer({ min: 40, max: 150 }),
        (level, slope, amplitude, period, phase, length) => {
          const f = (t: number) => level + slope * t + amplitude * Math.cos((2 * Math.PI * t) / period + phase);
          const y = series(length, f);
          // Level and slope bounded away from zero keep the rank at exactly 4.
          const decomposition = decomposeSsa(y, { windowLength: Math.floor(length / 2), components: 4 });
          const group = [0, 1, 2, 3];
          const scale = Math.abs(level) + Math.abs(slope) * (length + 20) + amplitude;
          for (const method of ['recurrent', 'vector'] as const) {
            const forecast = forecastSsa(decomposition, { horizon: 20, group, method });
            expect(maxAbsDifference(forecast.mean, series(20, (h) => f(length + h)))).toBeLessThan(1e-6 * scale);
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('decomposeSsa: failure modes', () => {
  const code = (action: () => unknown): string => {
    try {
      action();
    } catch (error) {
      if (error instanceof TickforgeError) return error.code;
      throw error;
    }
    return 'no error';
  };

  it('rejects short, non-finite and all-zero series with their codes', () => {
    expect(code(() => decomposeSsa([1, 2]))).toBe('TF_ERR_FORECAST_SERIES_TOO_SHORT');
    expect(code(() => decomposeSsa([1, 2, NaN, 4, 5]))).toBe('TF_ERR_FORECAST_SERIES_NOT_FINITE');
    expect(code(() => decomposeSsa([1, 2, Infinity, 4, 5]))).toBe('TF_ERR_FORECAST_SERIES_NOT_FINITE');
    expect(code(() => decomposeSsa(new Float64Array(20)))).toBe('TF_ERR_FORECAST_SERIES_CONSTANT');
  });

  it('decomposes a constant series exactly, with a warning, and forecasts the constant', () => {
    const decomposition = decomposeSsa(new Float64Array(30).fill(7), { windowLength: 10, components: 1 });
    expect(decomposition.warnings[0]).toContain('constant');
    const forecast = forecastSsa(decomposition, { horizon: 5 });
    expect(maxAbsDifference(forecast.mean, new Float64Array(5).fill(7))).toBeLessThan(1e-12);
  });

  it('rejects bad windows, component counts, groups, horizons and a group without a recurrence', () => {
    const x = series(40, (t) => Math.sin(t) + t);
    expect(code(() => decomposeSsa(x, { windowLength: 40 }))).toBe('TF_ERR_FORECAST_OPTION');
    expect(code(() => decomposeSsa(x, { windowLength: 1 }))).toBe('TF_ERR_FORECAST_OPTION');
    expect(code(() => decomposeSsa(x, { windowLength: 10, components: 11 }))).toBe('TF_ERR_FORECAST_OPTION');
    expect(code(() => decomposeSsa(x, { varianceShare: 1.5 }))).toBe('TF_ERR_FORECAST_OPTION');
    expect(code(() => decomposeSsa(x, { components: 2, varianceShare: 0.9 }))).toBe('TF_ERR_FORECAST_OPTION');
    const decomposition = decomposeSsa(x, { windowLength: 10 });
    expect(code(() => decomposition.reconstruct([[10]]))).toBe('TF_ERR_FORECAST_OPTION');
    expect(code(() => forecastSsa(decomposition, { horizon: 0, group: [0] }))).toBe('TF_ERR_FORECAST_OPTION');
    // All ten eigenvectors span R^10, e_L included: nu^2 = 1 and no recurrence exists.
    expect(code(() => forecastSsa(decomposition, { horizon: 3 }))).toBe('TF_ERR_FORECAST_OPTION');
  });
});
