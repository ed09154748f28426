import { describe, expect, it } from 'vitest';
import { digamma } from './digamma.js';
import { logGamma } from './logGamma.js';
import { normalCdf, normalQuantile } from './normalDistribution.js';
import { regularizedIncompleteBeta } from './regularizedIncompleteBeta.js';
import { studentTCdf, studentTQuantile } from './studentTDistribution.js';

/*
 * Reference values from SciPy 1.10.1 (Debian bookworm's python3-scipy):
 * scipy.special.gammaln / digamma, scipy.stats.norm.ppf / cdf and scipy.stats.t.ppf / cdf,
 * printed with repr(). They are not generated at test time.
 */
const relative = (actual: number, expected: number): number => Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-300);

describe('logGamma and digamma', () => {
  const cases: Array<[number, number, number]> = [
    [0.5, 0.5723649429247, -1.9635100260214235],
    [1, 0, -0.5772156649015329],
    [1.5, -0.12078223763524526, 0.03648997397857652],
    [3.7, 1.428072326665388, 1.1671535393615113],
    [10, 12.801827480081469, 2.251752589066721],
    [150.25, 601.2615040324997, 5.008969095021217],
    [1e-3, 6.907178885383853, -1000.5755719318103],
  ];
  it.each(cases)('at %s matches SciPy', (x, gammaln, psi) => {
    expect(Math.abs(logGamma(x) - gammaln)).toBeLessThan(1e-13 * Math.max(1, Math.abs(gammaln)));
    expect(Math.abs(digamma(x) - psi)).toBeLessThan(1e-13 * Math.max(1, Math.abs(psi)));
  });
  it('is NaN outside x > 0', () => {
    expect(logGamma(0)).toBeNaN();
    expect(digamma(-1)).toBeNaN();
  });
});

describe('normal distribution', () => {
  const quantiles: Array<[number, number]> = [
    [0.975, 1.959963984540054],
    [0.99, 2.3263478740408408],
    [0.999, 3.090232306167813],
    [0.05, -1.6448536269514729],
    [0.01, -2.3263478740408408],
    [1e-10, -6.361340902404056],
    [0.3, -0.5244005127080409],
  ];
  it.each(quantiles)('quantile(%s) matches SciPy to 1e-14 relative', (p, expected) => {
    expect(relative(normalQuantile(p), expected)).toBeLessThan(1e-14);
  });
  const cdfs: Array<[number, number]> = [
    [-8, 6.22096057427174e-16],
    [-3, 0.0013498980316300933],
    [-1, 0.15865525393145707],
    [0.5, 0.6914624612740131],
    [2, 0.9772498680518208],
    [5, 0.9999997133484281],
  ];
  it.each(cdfs)('cdf(%s) matches SciPy to 1e-13 relative', (x, expected) => {
    expect(relative(normalCdf(x), expected)).toBeLessThan(1e-13);
  });
  it('has the exact centre and the infinite ends', () => {
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalCdf(0)).toBe(0.5);
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(normalQuantile(1.5)).toBeNaN();
  });
});

describe('Student t distribution', () => {
  // SciPy 1.10's t.ppf (Cephes stdtri) is good to only ~1e-9 here, so these quantiles are mpmath
  // 1.2.1 at 40 digits (bisection on 1 - I_{v/(v+t^2)}(v/2, 1/2)/2 = p with mp.betainc), rounded to doubles.
  const quantiles: Array<[number, number, number]> = [
    [5, 0.99, 3.364929998907218],
    [10, 0.975, 2.2281388519862744],
    [1, 0.975, 12.706204736174694],
    [30, 0.95, 1.6972608865939574],
    [3, 0.995, 5.840909309733355],
    [2.5, 0.01, -5.353111173030874],
    [4.2, 0.05, -2.1030107450099367],
    [8, 1e-6, -12.109834665556214],
    [200, 0.99, 2.345137082259468],
    [2.05, 0.001, -21.029083038465224],
  ];
  it.each(quantiles)('quantile with %s degrees at %s matches mpmath to 1e-13 relative', (degrees, p, expected) => {
    expect(relative(studentTQuantile(p, degrees), expected)).toBeLessThan(1e-13);
    expect(Math.abs(studentTCdf(studentTQuantile(p, degrees), degrees) - p)).toBeLessThan(1e-15);
  });
  it('has the closed forms for 1 and 2 degrees of freedom', () => {
    for (const p of [0.01, 0.2, 0.9, 0.999]) {
      expect(relative(studentTQuantile(p, 1), Math.tan(Math.PI * (p - 0.5)))).toBeLessThan(1e-12);
      expect(relative(studentTQuantile(p, 2), (2 * p - 1) / Math.sqrt(2 * p * (1 - p)))).toBeLessThan(1e-12);
    }
  });
  const cdfs: Array<[number, number, number]> = [
    [5, 2.0, 0.9490302605850709],
    [3, -1.5, 0.11529193262241141],
    [12.5, 0.3, 0.6154461280157326],
    [2.1, -40, 0.00023081146031478974],
  ];
  it.each(cdfs)('cdf with %s degrees at %s matches SciPy', (degrees, t, expected) => {
    expect(relative(studentTCdf(t, degrees), expected)).toBeLessThan(1e-13);
  });
  it('incomplete beta has its symmetric and boundary values', () => {
    expect(regularizedIncompleteBeta(0.5, 3, 3)).toBeCloseTo(0.5, 14);
    expect(regularizedIncompleteBeta(0, 2, 3)).toBe(0);
    expect(regularizedIncompleteBeta(1, 2, 3)).toBe(1);
    // I_x(1, 1) = x.
    expect(regularizedIncompleteBeta(0.3, 1, 1)).toBeCloseTo(0.3, 14);
  });
});
