import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { constrainStationary, isStationary, partialAutocorrelations, unconstrainStationary } from './stationaryTransform.js';

/**
 * Roots of z^n - phi_1 z^(n-1) - ... - phi_n (the inverse roots of 1 - sum phi_i L^i) by the
 * Durand-Kerner iteration: an independent check that the AR polynomial is stationary (every
 * |root| < 1 here means every root of 1 - sum phi_i L^i lies outside the unit circle).
 */
function inverseRootModuli(phi: ArrayLike<number>): number[] {
  const n = phi.length;
  const evaluate = (re: number, im: number): [number, number] => {
    // Horner with coefficients 1, -phi_1, ..., -phi_n.
    let pr = 1;
    let pi = 0;
    for (let k = 0; k < n; k++) {
      [pr, pi] = [pr * re - pi * im - phi[k], pr * im + pi * re];
    }
    return [pr, pi];
  };
  const rootsRe = Array.from({ length: n }, (_, k) => 0.9 * Math.cos((2 * Math.PI * k) / n + 0.4));
  const rootsIm = Array.from({ length: n }, (_, k) => 0.9 * Math.sin((2 * Math.PI * k) / n + 0.4));
  for (let iteration = 0; iteration < 2000; iteration++) {
    for (let k = 0; k < n; k++) {
      let [nr, ni] = evaluate(rootsRe[k], rootsIm[k]);
      for (let j = 0; j < n; j++) {
        if (j === k) continue;
        const dr = rootsRe[k] - rootsRe[j];
        const di = rootsIm[k] - rootsIm[j];
        const d2 = dr * dr + di * di;
        [nr, ni] = [(nr * dr + ni * di) / d2, (ni * dr - nr * di) / d2];
      }
      rootsRe[k] -= nr;
      rootsIm[k] -= ni;
    }
  }
  return rootsRe.map((re, k) => Math.hypot(re, rootsIm[k]));
}

describe('Monahan stationarity transform', () => {
  it("equals statsmodels' constrain/unconstrain_stationary_univariate", () => {
    // statsmodels 0.13.5: constrain_stationary_univariate(np.array([0.5, -0.3])) etc.
    const cases: [number[], number[]][] = [
      [[0.5, -0.3], [-0.3187077144365221, 0.2873478855663454]],
      [[2.0, -1.5, 0.7, 3.0], [-0.21710341920386966, 1.4535335480815286, -0.26330862218470313, -0.9486832980505138]],
    ];
    for (const [input, expected] of cases) {
      const actual = constrainStationary(input);
      expected.forEach((value, i) => expect(actual[i]).toBeCloseTo(value, 14));
    }
    const back = unconstrainStationary([0.5, 0.2]);
    expect(back[0]).toBeCloseTo(-0.8006407690254357, 14);
    expect(back[1]).toBeCloseTo(-0.20412414523193154, 14);
  });

  it('maps any real vector to a stationary polynomial (root moduli > 1) and back', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: 1, maxLength: 6 }), (x) => {
        const phi = constrainStationary(x);
        // |x| <= 5 keeps every partial autocorrelation within 0.981 of zero, so the roots stay
        // a finite distance from the unit circle and the root finder's error cannot matter.
        for (const modulus of inverseRootModuli(phi)) expect(modulus).toBeLessThan(1 - 1e-6);
        expect(isStationary(phi)).toBe(true);
        const back = unconstrainStationary(phi);
        x.forEach((value, i) => expect(Math.abs(back[i] - value)).toBeLessThan(1e-7 * Math.max(1, Math.abs(value))));
      }),
      { numRuns: 200, seed: 20240607 },
    );
  });

  it('flags non-stationary polynomials', () => {
    expect(isStationary([1.01])).toBe(false);
    expect(isStationary([0.5, 0.6])).toBe(false);
    expect(isStationary([0.5, 0.3])).toBe(true);
    expect(unconstrainStationary([1.2]).every(Number.isNaN)).toBe(true);
    expect(Math.abs(partialAutocorrelations([0.5])[0])).toBeCloseTo(0.5, 15);
  });
});
