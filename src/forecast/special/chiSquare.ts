import { logGamma } from './logGamma.js';

/**
 * Q(a, x) = Gamma(a, x) / Gamma(a), the regularized upper incomplete gamma function, for a > 0
 * and x >= 0 (NaN otherwise). Numerical Recipes 3rd ed., section 6.2: the power series for
 * P = 1 - Q below x = a + 1, the continued fraction (modified Lentz) for Q above, so each side
 * is computed where it converges fast and Q keeps its relative accuracy far into the upper tail
 * (tiny p-values). About 1e-14 relative for moderate a; the prefactor's exponent loses a few
 * more digits for a in the thousands.
 */
export function regularizedUpperGamma(a: number, x: number): number {
  if (!(a > 0) || !(x >= 0)) return NaN;
  if (x === 0) return 1;
  if (x === Infinity) return 0;
  if (x < a + 1) return 1 - lowerSeries(a, x);
  return upperContinuedFraction(a, x);
}

/** P(a, x) = 1 - Q(a, x), the regularized lower incomplete gamma function, relatively accurate near 0. */
export function regularizedLowerGamma(a: number, x: number): number {
  if (!(a > 0) || !(x >= 0)) return NaN;
  if (x === 0) return 0;
  if (x === Infinity) return 1;
  if (x < a + 1) return lowerSeries(a, x);
  return 1 - upperContinuedFraction(a, x);
}

/** P(chi-square with `degrees` degrees of freedom > x): the p-value of a chi-square statistic. */
export function chiSquareSurvival(x: number, degrees: number): number {
  if (Number.isNaN(x) || !(degrees > 0)) return NaN;
  if (x <= 0) return 1;
  return regularizedUpperGamma(degrees / 2, x / 2);
}

/** P(chi-square with `degrees` degrees of freedom <= x). */
export function chiSquareCdf(x: number, degrees: number): number {
  if (Number.isNaN(x) || !(degrees > 0)) return NaN;
  if (x <= 0) return 0;
  return regularizedLowerGamma(degrees / 2, x / 2);
}

/** e^-x x^a / Gamma(a), the factor both expansions share, through logarithms so it neither overflows nor underflows early. */
function prefactor(a: number, x: number): number {
  return Math.exp(-x + a * Math.log(x) - logGamma(a));
}

/** P(a, x) = e^-x x^a / Gamma(a + 1) * sum_n x^n / ((a + 1) ... (a + n)), for x < a + 1. */
function lowerSeries(a: number, x: number): number {
  let denominator = a;
  let term = 1 / a;
  let sum = term;
  for (let n = 0; n < 10_000; n++) {
    denominator += 1;
    term *= x / denominator;
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * 1e-17) break;
  }
  return sum * prefactor(a, x);
}

/** Q(a, x) by its continued fraction 1 / (x + 1 - a - 1 (1 - a) / (x + 3 - a - ...)), for x >= a + 1. */
function upperContinuedFraction(a: number, x: number): number {
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10_000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return prefactor(a, x) * h;
}
