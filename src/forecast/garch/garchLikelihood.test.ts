import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Random } from '../../core/Random.js';
import { finiteDifferenceGradient } from '../optimizer/finiteDifferenceGradient.js';
import { archBackcast } from './archBackcast.js';
import { meanAbsoluteNormal } from './egarchNegativeLogLikelihood.js';
import { garch11NegativeLogLikelihood, isGarch11 } from './garch11NegativeLogLikelihood.js';
import { garchNegativeLogLikelihood } from './garchNegativeLogLikelihood.js';
import { filterGarchVariance } from './filterGarchVariance.js';
import { resolveGarchLayout, type GarchOptions } from './GarchSpecification.js';
import { LikelihoodWorkspace } from './LikelihoodWorkspace.js';
import { modelNegativeLogLikelihood } from './modelNegativeLogLikelihood.js';
import { varianceBounds } from './varianceBounds.js';

const logTwoPi = Math.log(2 * Math.PI);

function randomReturns(n: number, seed: number): Float64Array {
  const random = Random.fromSeed(seed, 'garch-likelihood-test');
  return Float64Array.from({ length: n }, () => random.nextStudentT(5) * 0.8);
}

describe('GARCH recursions on hand-computed cases (fixed start-up B = 1, zero mean)', () => {
  const y = [1, -2, 0.5];
  const model = (options: GarchOptions, parameters: number[]) => filterGarchVariance({ layout: resolveGarchLayout({ mean: 'zero', ...options }), parameters: Float64Array.from(parameters), startupVariance: 1 }, y);

  it('GARCH(1,1): s2 = omega + alpha e^2 + beta s2, pre-sample e^2 = s2 = B', () => {
    const result = model({}, [0.1, 0.2, 0.7]);
    // s2_0 = 0.1 + 0.2 + 0.7 = 1; s2_1 = 0.1 + 0.2 * 1 + 0.7 * 1 = 1; s2_2 = 0.1 + 0.2 * 4 + 0.7 * 1 = 1.6.
    expect(Array.from(result.conditionalVariance)).toEqual([1, 1, expect.closeTo(1.6, 14)]);
    expect(result.logLikelihood).toBeCloseTo(-0.5 * (3 * logTwoPi + Math.log(1.6) + 1 + 4 + 0.25 / 1.6), 12);
  });

  it('GJR-GARCH(1,1,1): the asymmetric term counts negative residuals, pre-sample B / 2', () => {
    const result = model({ volatility: 'gjr' }, [0.1, 0.2, 0.1, 0.7]);
    // s2_0 = 0.1 + 0.2 + 0.1 * 0.5 + 0.7 = 1.05; e_0 = 1 > 0: s2_1 = 0.1 + 0.2 + 0.7 * 1.05 = 1.035;
    // e_1 = -2 < 0: s2_2 = 0.1 + 0.2 * 4 + 0.1 * 4 + 0.7 * 1.035 = 2.0245.
    const expected = [1.05, 1.035, 2.0245];
    expected.forEach((value, t) => expect(result.conditionalVariance[t]).toBeCloseTo(value, 14));
  });

  it('EGARCH(1,1,1): ln s2 = omega + alpha (|z| - sqrt(2/pi)) + gamma z + beta ln s2, pre-sample shocks 0', () => {
    const [omega, alpha, gamma, beta] = [-0.1, 0.2, -0.1, 0.9];
    const result = model({ volatility: 'egarch' }, [omega, alpha, gamma, beta]);
    const l0 = omega + beta * Math.log(1);
    const z0 = 1 / Math.exp(l0 / 2);
    const l1 = omega + alpha * (Math.abs(z0) - Math.sqrt(2 / Math.PI)) + gamma * z0 + beta * l0;
    const z1 = -2 / Math.exp(l1 / 2);
    const l2 = omega + alpha * (Math.abs(z1) - Math.sqrt(2 / Math.PI)) + gamma * z1 + beta * l1;
    [l0, l1, l2].forEach((l, t) => expect(result.conditionalVariance[t]).toBeCloseTo(Math.exp(l), 14));
    expect(meanAbsoluteNormal).toBeCloseTo(Math.sqrt(2 / Math.PI), 15);
  });

  it('Student-t: the standardised density with nu degrees of freedom', () => {
    const nu = 5;
    const result = model({ distribution: 't' }, [0.1, 0.2, 0.7, nu]);
    // lgamma(3) - lgamma(2.5) = ln 2 - ln(0.75 sqrt(pi)).
    const constant = Math.log(2) - Math.log(0.75 * Math.sqrt(Math.PI)) - 0.5 * Math.log(Math.PI * (nu - 2));
    const expected = [1, 1, 1.6].reduce((sum, s2, t) => sum + constant - 0.5 * Math.log(s2) - ((nu + 1) / 2) * Math.log(1 + (y[t] * y[t]) / (s2 * (nu - 2))), 0);
    expect(result.logLikelihood).toBeCloseTo(expected, 12);
  });

  it('AR(1) mean: residuals start after the held-back lag', () => {
    const result = filterGarchVariance({ layout: resolveGarchLayout({ mean: 'ar', arLags: 1 }), parameters: Float64Array.from([0.1, 0.5, 0.1, 0.2, 0.7]), startupVariance: 1 }, y);
    expect(result.residuals[0]).toBeNaN();
    expect(result.residuals[1]).toBeCloseTo(-2 - 0.1 - 0.5 * 1, 14);
    expect(result.residuals[2]).toBeCloseTo(0.5 - 0.1 - 0.5 * -2, 14);
    expect(result.conditionalVariance[1]).toBeCloseTo(1, 14);
  });
});

describe("arch's start-up", () => {
  it('backcast: weights 0.94^i over the first min(75, T) squared residuals, normalised', () => {
    expect(archBackcast([1, 2])).toBeCloseTo((1 + 0.94 * 4) / 1.94, 15);
    const long = Array.from({ length: 100 }, (_, i) => (i < 75 ? 1 : 1000));
    expect(archBackcast(long)).toBeCloseTo(1, 14);
  });

  it('variance bounds: EWMA(0.94) from the backcast, scaled by 1e-6 and 1e6, floored', () => {
    const e = [1, -2, 0.5];
    const { lower, upper } = varianceBounds(e);
    const b = archBackcast(e);
    const ewma = [b, 0.06 * 1 + 0.94 * b];
    ewma.push(0.06 * 4 + 0.94 * ewma[1]);
    const mean = (1 - 2 + 0.5) / 3;
    const variance = e.reduce((s, v) => s + (v - mean) ** 2, 0) / 3;
    ewma.forEach((v, t) => {
      expect(lower[t]).toBeCloseTo(Math.max(v / 1e6, variance / 1e8), 18);
      expect(upper[t]).toBeCloseTo(Math.min(Math.max(v * 1e6, 1 + 4), 1e7 * 5), 6);
    });
  });
});

describe('analytic gradients and scores', () => {
  const y = randomReturns(400, 3);
  const cases: Array<[GarchOptions, number[]]> = [
    [{}, [0.01, 0.02, 0.12, 0.8]],
    [{ startup: 'sample-variance', distribution: 't' }, [0.01, 0.02, 0.12, 0.8, 6]],
    [{ volatility: 'gjr', mean: 'ar', arLags: 2, startup: 'sample-variance' }, [0.01, 0.05, -0.03, 0.02, 0.1, 0.05, 0.8]],
    [{ volatility: 'gjr', p: 2, o: 1, q: 2, mean: 'zero', distribution: 't' }, [0.02, 0.05, 0.03, 0.1, 0.4, 0.35, 8]],
    [{ volatility: 'egarch' }, [0.01, -0.1, 0.3, -0.05, 0.9]],
    [{ volatility: 'egarch', mean: 'ar', arLags: 1, distribution: 't', startup: 'sample-variance', p: 2, q: 2 }, [0.01, 0.05, -0.1, 0.2, 0.1, -0.05, 0.5, 0.4, 7]],
  ];
  it.each(cases)('%j: gradient = central differences, scores sum to the gradient', (options, theta) => {
    const layout = resolveGarchLayout(options);
    const workspace = new LikelihoodWorkspace(layout, y, varianceBounds(y.subarray(layout.holdBack)), 0.7);
    const x = Float64Array.from(theta);
    const gradient = new Float64Array(layout.count);
    const value = modelNegativeLogLikelihood(workspace, x, gradient);
    const numeric = new Float64Array(layout.count);
    finiteDifferenceGradient((point) => modelNegativeLogLikelihood(workspace, point), x, value, numeric);
    const scores = new Float64Array(workspace.observations * layout.count);
    expect(modelNegativeLogLikelihood(workspace, x, undefined, scores)).toBe(value);
    for (let k = 0; k < layout.count; k++) {
      expect(Math.abs(gradient[k] - numeric[k]), layout.names[k]).toBeLessThan(1e-6 * Math.max(1, Math.abs(gradient[k])));
      let sum = 0;
      for (let t = 0; t < workspace.observations; t++) sum += scores[t * layout.count + k];
      expect(sum).toBeCloseTo(gradient[k], 9);
    }
  });
});

describe('the GARCH(1,1) / GJR(1,1,1) fast path', () => {
  const y = randomReturns(500, 8);
  const cases: Array<[GarchOptions, number[]]> = [
    [{}, [0.01, 0.02, 0.12, 0.8]],
    [{ mean: 'zero', distribution: 't' }, [0.02, 0.12, 0.8, 5]],
    [{ volatility: 'gjr', startup: 'sample-variance' }, [0.01, 0.02, 0.05, 0.1, 0.8]],
    [{ volatility: 'gjr', distribution: 't', startup: 'sample-variance' }, [-0.02, 0.03, 0.02, 0.15, 0.7, 9]],
  ];
  it.each(cases)('%j equals the general recursion: value, gradient, scores and variances', (options, theta) => {
    const layout = resolveGarchLayout(options);
    // Tight bounds so the clamps are exercised too.
    const bounds = varianceBounds(y);
    bounds.upper.fill(2);
    const fast = new LikelihoodWorkspace(layout, y, bounds, 0.5);
    const general = new LikelihoodWorkspace(layout, y, bounds, 0.5);
    expect(isGarch11(fast)).toBe(true);
    const gradients = [new Float64Array(layout.count), new Float64Array(layout.count)];
    const scores = [new Float64Array(500 * layout.count), new Float64Array(500 * layout.count)];
    const a = garch11NegativeLogLikelihood(fast, theta, gradients[0], scores[0]);
    const b = garchNegativeLogLikelihood(general, theta, gradients[1], scores[1]);
    expect(a).toBeCloseTo(b, 10);
    for (let k = 0; k < layout.count; k++) expect(gradients[0][k]).toBeCloseTo(gradients[1][k], 9);
    for (let i = 0; i < scores[0].length; i++) expect(scores[0][i]).toBeCloseTo(scores[1][i], 11);
    for (let t = 0; t < 500; t++) expect(fast.variance[t]).toBe(general.variance[t]);
  });
});

describe('filterGarchVariance', () => {
  it('has no look-ahead: variances up to t + 1 depend only on returns up to t', () => {
    const parameters = { gjr: [0.02, 0.05, 0.08, 0.1, 0.8], egarch: [0.02, 0.01, 0.15, -0.08, 0.95] } as const;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e6 }), fc.integer({ min: 0, max: 118 }), fc.constantFrom('gjr', 'egarch'), (seed, cut, volatility) => {
        const original = randomReturns(120, seed);
        const spliced = original.slice();
        const other = randomReturns(120, seed + 1);
        for (let t = cut + 1; t < 120; t++) spliced[t] = other[t];
        const model = { layout: resolveGarchLayout({ volatility }), parameters: Float64Array.from(parameters[volatility]), startupVariance: 0.9 };
        const a = filterGarchVariance(model, original);
        const b = filterGarchVariance(model, spliced);
        for (let t = 0; t <= cut; t++) expect(b.residuals[t]).toBe(a.residuals[t]);
        for (let t = 0; t <= Math.min(cut + 1, 119); t++) expect(b.conditionalVariance[t]).toBe(a.conditionalVariance[t]);
      }),
      { numRuns: 60 },
    );
  });

  it('refuses non-finite values and series shorter than the AR lags', () => {
    const model = { layout: resolveGarchLayout({ mean: 'ar', arLags: 2 }), parameters: Float64Array.from([0, 0.1, 0.1, 0.1, 0.1, 0.8]), startupVariance: 1 };
    expect(() => filterGarchVariance(model, [1, NaN, 2])).toThrow(expect.objectContaining({ code: 'TF_ERR_FORECAST_SERIES_NOT_FINITE' }));
    expect(() => filterGarchVariance(model, [1, 2])).toThrow(expect.objectContaining({ code: 'TF_ERR_FORECAST_SERIES_TOO_SHORT' }));
  });
});
