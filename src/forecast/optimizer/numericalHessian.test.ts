import { describe, expect, it } from 'vitest';
import { finiteDifferenceGradient } from './finiteDifferenceGradient.js';
import { numericalHessian } from './numericalHessian.js';

const rosenbrock = (x: Float64Array): number => 100 * (x[1] - x[0] * x[0]) ** 2 + (1 - x[0]) ** 2;
const rosenbrockGradient = (x: Float64Array, out: Float64Array): number => {
  out[0] = -400 * x[0] * (x[1] - x[0] * x[0]) - 2 * (1 - x[0]);
  out[1] = 200 * (x[1] - x[0] * x[0]);
  return rosenbrock(x);
};

describe('numericalHessian', () => {
  it('gives the Rosenbrock Hessian at (1, 1), [[802, -400], [-400, 200]], from a gradient and from values', () => {
    const fromGradient = numericalHessian([1, 1], { gradient: rosenbrockGradient });
    const fromValues = numericalHessian([1, 1], { value: rosenbrock });
    const exact = [802, -400, -400, 200];
    exact.forEach((h, k) => {
      expect(fromGradient[k]).toBeCloseTo(h, 6);
      expect(fromValues[k]).toBeCloseTo(h, 3);
    });
  });

  it('is exact (to rounding) for a quadratic with mixed scales and symmetric', () => {
    // f = 3 a^2 + 2 a b + 1e-4 b^2 + c^2 / 50 at a point of very different magnitudes.
    const f = (x: Float64Array): number => 3 * x[0] ** 2 + 2 * x[0] * x[1] + 1e-4 * x[1] ** 2 + x[2] ** 2 / 50;
    const h = numericalHessian([1e-3, 250, -7], { value: f });
    const exact = [6, 2, 0, 2, 2e-4, 0, 0, 0, 0.04];
    exact.forEach((value, k) => expect(h[k]).toBeCloseTo(value, 4));
    expect(h[1]).toBe(h[3]);
  });

  it('throws when given neither values nor a gradient', () => {
    expect(() => numericalHessian([1], {})).toThrow(expect.objectContaining({ code: 'TF_ERR_FORECAST_OPTION' }));
  });
});

describe('finiteDifferenceGradient', () => {
  it('matches the analytic Rosenbrock gradient to about 1e-8 relative', () => {
    const x = Float64Array.from([-1.2, 1]);
    const analytic = new Float64Array(2);
    rosenbrockGradient(x, analytic);
    const numeric = new Float64Array(2);
    const evaluations = finiteDifferenceGradient(rosenbrock, x, rosenbrock(x), numeric);
    expect(evaluations).toBe(4);
    for (let i = 0; i < 2; i++) expect(Math.abs(numeric[i] - analytic[i])).toBeLessThan(1e-7 * Math.abs(analytic[i]));
  });

  it('turns one-sided at a bound instead of evaluating outside the domain', () => {
    // log(x) is undefined below 0; at x = 0 + tiny a central difference would cross the bound.
    const f = (x: Float64Array): number => {
      if (x[0] < 0) throw new Error('evaluated outside the domain');
      return x[0] * x[0] + 3 * x[0];
    };
    const out = new Float64Array(1);
    finiteDifferenceGradient(f, Float64Array.from([0]), 0, out, { lower: [0] });
    expect(out[0]).toBeCloseTo(3, 8);
    const upper = new Float64Array(1);
    finiteDifferenceGradient((x) => (x[0] > 1 ? NaN : x[0] ** 3), Float64Array.from([1]), 1, upper, { upper: [1] });
    expect(upper[0]).toBeCloseTo(3, 8);
  });
});
