import { describe, expect, it } from 'vitest';
import { ssaReferences } from '../../../test/fixtures/ssa/ssaReferences.js';
import { decomposeSsa } from './decomposeSsa.js';
import { forecastSsa } from './forecastSsa.js';
import { samossaModel } from './samossaModel.js';
import { ssaModel } from './ssaModel.js';

const air = Float64Array.from(ssaReferences.airPassengers);
const msft = Float64Array.from(ssaReferences.msftClose);

describe('ssaModel', () => {
  it('forecasts as decomposeSsa + forecastSsa with the 0.99 share rule, standard errors NaN', () => {
    const model = ssaModel();
    expect(model.name).toBe('ssa');
    expect(model.minimumObservations()).toBe(10);
    const result = model.forecast(air, 12);
    // On AirPassengers (L = 72) the rule keeps the trend and the annual sine pair.
    const decomposition = decomposeSsa(air, { varianceShare: 0.99 });
    expect(decomposition.components).toBe(3);
    const direct = forecastSsa(decomposition, { horizon: 12 });
    result.mean.forEach((value, h) => expect(value).toBeCloseTo(direct.mean[h], 9));
    expect(result.standardError.every(Number.isNaN)).toBe(true);
    expect(result.warnings).toEqual([]);
  });

  it('gives the same forecast warm (started from the last eigenvectors) as cold', () => {
    const warmModel = ssaModel({ method: 'vector' });
    warmModel.forecast(msft.subarray(0, msft.length - 1), 5);
    const warm = warmModel.forecast(msft, 5);
    const cold = ssaModel({ method: 'vector' }).forecast(msft, 5);
    warm.mean.forEach((value, h) => expect(Math.abs(value - cold.mean[h])).toBeLessThan(1e-8));
  });

  it('rejects a too-short history and NaN, and warns on a constant one', () => {
    expect(() => ssaModel().forecast(Float64Array.of(1, 2, 3), 2)).toThrow(/at least 10/);
    expect(() => ssaModel().forecast(Float64Array.from({ length: 20 }, (_, t) => (t === 5 ? NaN : t)), 2)).toThrow(/index 5/);
    const flat = ssaModel().forecast(new Float64Array(30).fill(3), 4);
    flat.mean.forEach((value) => expect(value).toBeCloseTo(3, 10));
    expect(flat.warnings.join()).toContain('constant');
  });
});

describe('samossaModel', () => {
  it('adds the residual AR forecast and gives finite, growing-or-flat standard errors', () => {
    const model = samossaModel();
    expect(model.name).toBe('samossa');
    const result = model.forecast(msft, 10);
    expect(result.mean.every(Number.isFinite)).toBe(true);
    expect(result.standardError.every((value) => value > 0 && Number.isFinite(value))).toBe(true);
    for (let h = 1; h < 10; h++) expect(result.standardError[h]).toBeGreaterThanOrEqual(result.standardError[h - 1] - 1e-12);
    const signal = ssaModel().forecast(msft, 10);
    // Same signal forecast: the two differ by the AR forecast of the residual only.
    expect(Math.abs(result.mean[9] - signal.mean[9])).toBeLessThan(5 * result.standardError[9]);
  });

  it('on an exact signal reports an empty AR part', () => {
    const y = Float64Array.from({ length: 60 }, (_, t) => 2 + 0.1 * t + Math.sin((2 * Math.PI * t) / 6));
    const result = samossaModel({ components: 4, windowLength: 24 }).forecast(y, 6);
    result.mean.forEach((value, h) => expect(value).toBeCloseTo(2 + 0.1 * (60 + h) + Math.sin((2 * Math.PI * (60 + h)) / 6), 7));
    expect(result.warnings.join()).toContain('residual is zero');
  });
});
