import { describe, expect, it } from 'vitest';
import { TickforgeError } from '../../core/errors.js';
import { decomposeMssa, forecastMssa } from './decomposeMssa.js';
import { fitAutoregression, forecastAutoregression, isStationary } from './fitAutoregression.js';
import { forecastSamossa } from './forecastSamossa.js';
import { seededUniform } from './leadingEigenpairs.js';

const maxAbsDifference = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  let worst = 0;
  for (let k = 0; k < a.length; k++) worst = Math.max(worst, Math.abs(a[k] - b[k]));
  return worst;
};
const series = (length: number, f: (t: number) => number): Float64Array => Float64Array.from({ length }, (_, t) => f(t));

/** Standard normal draws by Box-Muller from the seeded xorshift generator. */
function gaussian(seed: number): () => number {
  const uniform = seededUniform(seed);
  return () => {
    const u = uniform() + 0.5 || 1e-12;
    const v = uniform() + 0.5;
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
}

function ar1(length: number, phi: number, sigma: number, seed: number): Float64Array {
  const draw = gaussian(seed);
  const out = new Float64Array(length);
  let previous = 0;
  for (let t = -200; t < length; t++) {
    previous = phi * previous + sigma * draw();
    if (t >= 0) out[t] = previous;
  }
  return out;
}

// Three series sharing one subspace: a level, a slope and a period-12 sine in different mixes.
const signals = [
  (t: number) => 10 + 0.2 * t + 3 * Math.sin((2 * Math.PI * t) / 12),
  (t: number) => -4 + 0.05 * t + 1.5 * Math.cos((2 * Math.PI * t) / 12 + 1),
  (t: number) => 100 - 0.3 * t + 8 * Math.sin((2 * Math.PI * t) / 12 + 2),
];

describe('decomposeMssa and forecastMssa', () => {
  it('recovers several series of a shared rank-4 structure and forecasts each exactly', () => {
    const data = signals.map((f) => series(150, f));
    for (const scaleSeries of [true, false]) {
      const decomposition = decomposeMssa(data, { windowLength: 48, scaleSeries });
      expect(decomposition.eigenvalues[4]).toBeLessThan(1e-9 * decomposition.eigenvalues[0]);
      for (const method of ['recurrent', 'vector'] as const) {
        const forecast = forecastMssa(decomposition, { horizon: 24, group: [0, 1, 2, 3], method });
        signals.forEach((f, p) => {
          expect(maxAbsDifference(forecast.reconstruction[p], data[p])).toBeLessThan(1e-8 * 150);
          expect(maxAbsDifference(forecast.mean[p], series(24, (h) => f(150 + h)))).toBeLessThan(1e-7 * 150);
        });
      }
      const total = decomposition.reconstruct([[0, 1, 2, 3], Array.from({ length: 44 }, (_, k) => k + 4)]);
      data.forEach((values, p) => expect(maxAbsDifference(total[0][p].map((v, t) => v + total[1][p][t]), values)).toBeLessThan(1e-9 * 150));
    }
  });

  it('with one series is plain SSA', () => {
    const y = series(100, signals[0]);
    const decomposition = decomposeMssa([y], { windowLength: 30, components: 4 });
    expect(maxAbsDifference(forecastMssa(decomposition, { horizon: 5 }).mean[0], series(5, (h) => signals[0](100 + h)))).toBeLessThan(1e-8);
  });

  it('rejects series of different lengths, no series and all-zero input', () => {
    expect(() => decomposeMssa([series(50, Math.sin), series(49, Math.sin)])).toThrow(/one length/);
    expect(() => decomposeMssa([])).toThrow(TickforgeError);
    expect(() => decomposeMssa([new Float64Array(30), new Float64Array(30)])).toThrow(/identically zero/);
    const withZero = decomposeMssa([series(30, (t) => t + 1), new Float64Array(30)], { components: 2 });
    expect(withZero.warnings.join()).toContain('series 1 is identically zero');
  });
});

describe('fitAutoregression', () => {
  it('recovers an AR(1) coefficient on a long seeded simulation and picks order 1', () => {
    const y = ar1(20000, 0.6, 1, 12345);
    const fit = fitAutoregression(y, 6);
    expect(fit.order).toBe(1);
    // The standard error of phi-hat is sqrt((1 - 0.36) / 20000) = 0.0057.
    expect(Math.abs(fit.coefficients[0] - 0.6)).toBeLessThan(0.02);
    expect(Math.abs(fit.innovationVariance - 1)).toBeLessThan(0.05);
  });

  it('forecasts an AR(1) as phi^h y_n with variance sigma^2 (1 + phi^2 + ... + phi^(2(h-1)))', () => {
    const fit = { order: 1, coefficients: Float64Array.of(0.5), innovationVariance: 2, aic: 0, observations: 100, warnings: [] };
    const { mean, variance } = forecastAutoregression(fit, Float64Array.of(1, 2, 4), 3);
    expect([...mean]).toEqual([2, 1, 0.5]);
    expect(variance[0]).toBeCloseTo(2, 14);
    expect(variance[1]).toBeCloseTo(2 * 1.25, 14);
    expect(variance[2]).toBeCloseTo(2 * 1.3125, 14);
  });

  it('tells stationary from explosive coefficient sets', () => {
    expect(isStationary([0.5])).toBe(true);
    expect(isStationary([1.2, -0.5])).toBe(true);
    expect(isStationary([1.0])).toBe(false);
    expect(isStationary([0.5, 0.6])).toBe(false);
  });

  it('keeps white noise near order 0, reports an exact fit and rejects too-short input', () => {
    const draw = gaussian(7);
    const fit = fitAutoregression(series(5000, () => draw()), 5);
    // This draw has lag-1 autocorrelation -0.023, which AIC (rightly) keeps as AR(1).
    expect(fit.order).toBeLessThanOrEqual(1);
    fit.coefficients.forEach((phi) => expect(Math.abs(phi)).toBeLessThan(0.05));
    expect(fitAutoregression(new Float64Array(50), 3).warnings.join()).toContain('zero');
    expect(() => fitAutoregression(new Float64Array(5), 3)).toThrow(/at least 8/);
  });
});

describe('forecastSamossa', () => {
  it('splits signal and AR(1) noise: recovers phi and adds its forecast to the MSSA forecast', () => {
    const n = 3000;
    const noise = [ar1(n, 0.7, 0.5, 99), ar1(n, 0.3, 0.5, 2024), ar1(n, 0.7, 0.5, 7)];
    const data = signals.map((f, p) => series(n, (t) => f(t) + noise[p][t]));
    const result = forecastSamossa(data, { horizon: 10, windowLength: 120, components: 4, maximumArOrder: 5 });
    expect(result.components).toBe(4);
    const expectedPhi = [0.7, 0.3, 0.7];
    result.residualModels.forEach((model, p) => {
      // AIC may add a small second lag to absorb the distortion described below; compare the
      // implied lag-1 autocorrelation, phi_1 / (1 - phi_2), with the truth.
      expect(model.order).toBeGreaterThanOrEqual(1);
      expect(model.order).toBeLessThanOrEqual(2);
      const rho1 = model.order === 1 ? model.coefficients[0] : model.coefficients[0] / (1 - model.coefficients[1]);
      // The reconstruction absorbs the noise's slow part (its projection on the signal subspace),
      // so phi-hat sits below the truth: 0.633 for 0.7 here at L = 120, 0.656 at L = 240, while
      // least squares on the noise alone gives 0.677.
      expect(Math.abs(rho1 - expectedPhi[p])).toBeLessThan(0.1);
    });
    data.forEach((values, p) => {
      const residual = values.map((value, t) => value - result.reconstruction[p][t]);
      const phi = result.residualModels[p].coefficients;
      const oneStep = phi.reduce((sum, coefficient, j) => sum + coefficient * residual[n - 1 - j], 0);
      expect(result.mean[p][0]).toBeCloseTo(result.deterministic[p][0] + oneStep, 10);
      expect(result.standardError[p][0]).toBeCloseTo(Math.sqrt(result.residualModels[p].innovationVariance), 12);
      expect(result.standardError[p][9]).toBeGreaterThan(result.standardError[p][0]);
      // The signal forecast stays well within the noise's standard deviation (0.5 / sqrt(1 - 0.49) = 0.7).
      expect(maxAbsDifference(result.deterministic[p], series(10, (h) => signals[p](n + h)))).toBeLessThan(0.5);
    });
  });

  it('defaults to the 0.99 variance share with at most 10 components', () => {
    const data = signals.map((f, p) => series(300, (t) => f(t) + ar1(300, 0.5, 0.1, p + 1)[t]));
    const result = forecastSamossa(data, { horizon: 3 });
    expect(result.components).toBeGreaterThanOrEqual(1);
    expect(result.components).toBeLessThanOrEqual(10);
    result.mean.forEach((values) => expect(values.every(Number.isFinite)).toBe(true));
  });
});
