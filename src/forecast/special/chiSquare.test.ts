import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chiSquareReferences } from '../../../test/fixtures/diagnostics/diagnosticsReferences.js';
import { chiSquareCdf, chiSquareSurvival, regularizedLowerGamma, regularizedUpperGamma } from './chiSquare.js';

const relative = (actual: number, expected: number): number => Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-300);

describe('chi-square distribution', () => {
  it.each(chiSquareReferences)('at x = %s with %s degrees matches scipy.stats.chi2.sf and cdf', (x, degrees, survival, cdf) => {
    expect(relative(chiSquareSurvival(x, degrees), survival)).toBeLessThan(1e-12);
    expect(relative(chiSquareCdf(x, degrees), cdf)).toBeLessThan(1e-12);
  });

  it('has the closed forms for 2 degrees of freedom (exponential) and Q(1, x) = e^-x', () => {
    for (const x of [0.001, 0.7, 3, 25, 300]) {
      expect(relative(chiSquareSurvival(x, 2), Math.exp(-x / 2))).toBeLessThan(1e-13);
      expect(relative(regularizedUpperGamma(1, x), Math.exp(-x))).toBeLessThan(1e-13);
    }
  });

  it('is 1 at and below 0, NaN for bad arguments', () => {
    expect(chiSquareSurvival(0, 3)).toBe(1);
    expect(chiSquareSurvival(-2, 3)).toBe(1);
    expect(chiSquareCdf(0, 3)).toBe(0);
    expect(chiSquareSurvival(Infinity, 3)).toBe(0);
    expect(chiSquareSurvival(NaN, 3)).toBeNaN();
    expect(chiSquareSurvival(1, 0)).toBeNaN();
    expect(regularizedUpperGamma(-1, 1)).toBeNaN();
    expect(regularizedLowerGamma(2, -1)).toBeNaN();
  });

  it('P + Q = 1 and Q falls as x grows', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.05, max: 200, noNaN: true }), fc.double({ min: 0, max: 400, noNaN: true }), fc.double({ min: 0, max: 50, noNaN: true }), (a, x, step) => {
        expect(Math.abs(regularizedUpperGamma(a, x) + regularizedLowerGamma(a, x) - 1)).toBeLessThan(1e-12);
        expect(regularizedUpperGamma(a, x + step)).toBeLessThanOrEqual(regularizedUpperGamma(a, x) + 1e-15);
      }),
    );
  });
});
