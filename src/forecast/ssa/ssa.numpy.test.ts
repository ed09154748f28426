import { describe, expect, it } from 'vitest';
import { ssaReferences, type SsaReferenceCase } from '../../../test/fixtures/ssa/ssaReferences.js';
import { decomposeMssa, forecastMssa } from './decomposeMssa.js';
import { decomposeSsa } from './decomposeSsa.js';
import { forecastSsa } from './forecastSsa.js';

/*
 * Cross-checks against numpy (an SVD of the explicit trajectory matrix, loop-based diagonal
 * averaging, least-squares V-forecasting): test/fixtures/ssa/ssaReferences.ts holds the outputs
 * and the script. Tolerances are relative to the series' scale; tickforge reaches the SVD through
 * X X', which squares the condition number, so small eigenvalues carry absolute (not relative)
 * errors of about eps * lambda_1.
 */
const relativeError = (actual: ArrayLike<number>, expected: ArrayLike<number>): number => {
  let worst = 0;
  let scale = 0;
  for (let k = 0; k < expected.length; k++) scale = Math.max(scale, Math.abs(expected[k]));
  for (let k = 0; k < expected.length; k++) worst = Math.max(worst, Math.abs(actual[k] - expected[k]));
  return worst / scale;
};

const cases: [string, number[], SsaReferenceCase][] = [
  ['AirPassengers, L = 48, trend and annual pair', ssaReferences.airPassengers, ssaReferences.airPassengers48],
  ['AirPassengers, L = 72, six triples', ssaReferences.airPassengers, ssaReferences.airPassengers72],
  ['MSFT closes 2016-2017, L = 60', ssaReferences.msftClose, ssaReferences.msft60],
];

describe.each(cases)('SSA against numpy: %s', (_, series, reference) => {
  const full = decomposeSsa(series, { windowLength: reference.windowLength });
  const leading = decomposeSsa(series, { windowLength: reference.windowLength, components: reference.group.length });

  it('has the same eigenvalues, shares and leading eigenvectors', () => {
    expect(series.length).toBeGreaterThan(100);
    const largest = reference.eigenvalues[0];
    reference.eigenvalues.forEach((value, k) => {
      expect(Math.abs(full.eigenvalues[k] - value)).toBeLessThan(1e-12 * largest * reference.windowLength);
      expect(Math.abs(full.explainedVariance[k] - reference.shares[k])).toBeLessThan(1e-12);
    });
    for (let k = 0; k < 3; k++) {
      expect(relativeError(full.eigenvectors[k], reference.eigenvectors[k])).toBeLessThan(1e-8);
      expect(relativeError(leading.eigenvectors[k], reference.eigenvectors[k])).toBeLessThan(1e-8);
    }
  });

  it('reconstructs the group and forecasts it recurrently and by vectors as numpy does', () => {
    for (const decomposition of [full, leading]) {
      const recurrent = forecastSsa(decomposition, { horizon: reference.horizon, group: reference.group });
      const vector = forecastSsa(decomposition, { horizon: reference.horizon, group: reference.group, method: 'vector' });
      expect(relativeError(recurrent.reconstruction, reference.reconstruction)).toBeLessThan(1e-10);
      expect(relativeError(recurrent.mean, reference.recurrent)).toBeLessThan(1e-9);
      expect(relativeError(vector.mean, reference.vector)).toBeLessThan(1e-9);
      expect(Math.abs(recurrent.verticality - reference.verticality)).toBeLessThan(1e-10);
    }
  });
});

describe('MSSA against numpy: AAPL and MSFT closes stacked, L = 60', () => {
  const reference = ssaReferences.aaplMsftMssa;
  const decomposition = decomposeMssa([ssaReferences.aaplClose, ssaReferences.msftClose], { windowLength: reference.windowLength, components: 10 });

  it('has numpy\'s leading eigenvalues of the stacked, RMS-scaled trajectory matrix', () => {
    reference.eigenvalues.forEach((value, k) => expect(Math.abs(decomposition.eigenvalues[k] - value)).toBeLessThan(1e-11 * reference.eigenvalues[0]));
  });

  it('reconstructs and forecasts each series with the common recurrence as numpy does', () => {
    const forecast = forecastMssa(decomposition, { horizon: reference.horizon, group: reference.group });
    reference.series.forEach((expected, p) => {
      expect(relativeError(forecast.reconstruction[p], expected.reconstruction)).toBeLessThan(1e-10);
      expect(relativeError(forecast.mean[p], expected.recurrent)).toBeLessThan(1e-9);
    });
  });
});
