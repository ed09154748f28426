import { describe, expect, it } from 'vitest';
import { isTickforgeError } from '../../core/errors.js';
import { minimize } from './minimize.js';

/** Chained Rosenbrock: sum 100 (x_{i+1} - x_i^2)^2 + (1 - x_i)^2; minimum 0 at all ones. */
function rosenbrock(x: Float64Array): number {
  let sum = 0;
  for (let i = 0; i + 1 < x.length; i++) sum += 100 * (x[i + 1] - x[i] * x[i]) ** 2 + (1 - x[i]) ** 2;
  return sum;
}

function rosenbrockGradient(x: Float64Array, out: Float64Array): number {
  out.fill(0);
  for (let i = 0; i + 1 < x.length; i++) {
    const inner = x[i + 1] - x[i] * x[i];
    out[i] += -400 * x[i] * inner - 2 * (1 - x[i]);
    out[i + 1] += 200 * inner;
  }
  return rosenbrock(x);
}

describe('minimize (projected L-BFGS with strong-Wolfe line search)', () => {
  it('solves the 2-D Rosenbrock from the classic start (-1.2, 1) with an analytic gradient', () => {
    const result = minimize(rosenbrock, [-1.2, 1], { gradient: rosenbrockGradient, gradientTolerance: 1e-9, functionTolerance: 0 });
    expect(result.converged).toBe(true);
    expect(result.reason).toBe('gradient');
    expect(result.x[0]).toBeCloseTo(1, 7);
    expect(result.x[1]).toBeCloseTo(1, 7);
    expect(result.value).toBeLessThan(1e-14);
    expect(result.iterations).toBeLessThan(60);
  });

  it('solves the 2-D Rosenbrock with central finite differences only', () => {
    const result = minimize(rosenbrock, [-1.2, 1], { gradientTolerance: 1e-6 });
    expect(result.converged).toBe(true);
    expect(result.x[0]).toBeCloseTo(1, 5);
    expect(result.x[1]).toBeCloseTo(1, 5);
  });

  it('solves the 10-D chained Rosenbrock from the origin, with and without the analytic gradient', () => {
    const start = new Float64Array(10);
    for (const gradient of [rosenbrockGradient, undefined]) {
      const result = minimize(rosenbrock, start, { gradient, gradientTolerance: 1e-7 });
      expect(result.converged).toBe(true);
      for (const xi of result.x) expect(xi).toBeCloseTo(1, 5);
    }
  });

  it('stops on the active bounds of a separable quadratic whose centre lies outside the box', () => {
    const centre = [2, -3, 0.5, 0.2];
    const f = (x: Float64Array): number => x.reduce((sum, xi, i) => sum + (i + 1) * (xi - centre[i]) ** 2, 0);
    const result = minimize(f, [0.5, 0.5, 0.5, 0.5], { lower: [0, 0, 0, 0], upper: [1, 1, 1, 1] });
    expect(result.converged).toBe(true);
    expect(Array.from(result.x)).toEqual([1, 0, expect.closeTo(0.5, 9), expect.closeTo(0.2, 9)]);
  });

  it('finds the hand-solved KKT point of a coupled quadratic with one and with two active bounds', () => {
    // f = 0.5 x'Ax - b'x with A = [[2,1],[1,2]], b = (-1, 3): unconstrained minimum (-5/3, 7/3).
    const f = (x: Float64Array): number => x[0] * x[0] + x[0] * x[1] + x[1] * x[1] + x[0] - 3 * x[1];
    const g = (x: Float64Array, out: Float64Array): number => {
      out[0] = 2 * x[0] + x[1] + 1;
      out[1] = x[0] + 2 * x[1] - 3;
      return f(x);
    };
    // x1 >= 0 active: x2 minimises x2^2 - 3 x2, so 1.5; the gradient on x1 is +2.5 (pointing out).
    const one = minimize(f, [3, -2], { gradient: g, lower: [0, -10], upper: [10, 10] });
    expect(one.converged).toBe(true);
    expect(one.x[0]).toBe(0);
    expect(one.x[1]).toBeCloseTo(1.5, 10);
    // Adding x2 <= 1 makes both bounds active: the KKT point is (0, 1).
    const two = minimize(f, [3, -2], { gradient: g, lower: [0, -10], upper: [10, 1] });
    expect(Array.from(two.x)).toEqual([0, 1]);
    expect(two.projectedGradientNorm).toBe(0);
  });

  it('follows a linear constraint to its KKT point, alone and together with bounds', () => {
    // min (x-1)^2 + (y-1)^2 subject to x + y <= 1: the projection of (1, 1), (0.5, 0.5).
    const f = (x: Float64Array): number => (x[0] - 1) ** 2 + (x[1] - 1) ** 2;
    const plane = minimize(f, [-2, 0.5], { constraints: [{ coefficients: [1, 1], limit: 1 }] });
    expect(plane.converged).toBe(true);
    expect(plane.x[0]).toBeCloseTo(0.5, 8);
    expect(plane.x[1]).toBeCloseTo(0.5, 8);
    // min (x-2)^2 + (y+1)^2 + (z-1.5)^2 with x + y + z <= 1 and x, y, z >= 0: y = 0 on its bound,
    // x - 2 = z - 1.5 on the plane, so (0.75, 0, 0.25) (hand-solved KKT point).
    const g = (x: Float64Array): number => (x[0] - 2) ** 2 + (x[1] + 1) ** 2 + (x[2] - 1.5) ** 2;
    const both = minimize(g, [0.1, 0.1, 0.1], { lower: [0, 0, 0], constraints: [{ coefficients: [1, 1, 1], limit: 1 }], gradientTolerance: 1e-9 });
    expect(both.converged).toBe(true);
    expect(both.x[0]).toBeCloseTo(0.75, 7);
    expect(both.x[1]).toBe(0);
    expect(both.x[2]).toBeCloseTo(0.25, 7);
    expect(both.x[0] + both.x[1] + both.x[2]).toBeLessThanOrEqual(1 + 1e-12);
    expect(() => minimize(f, [2, 2], { constraints: [{ coefficients: [1, 1], limit: 1 }] })).toThrow(/breaks constraint 0/);
  });

  it('solves a rotated quadratic with condition number 1e6', () => {
    // SciPy's L-BFGS-B needs 561 iterations on this problem (same start, pgtol 1e-8): ill-conditioning costs iterations, not accuracy.
    const n = 10;
    const eigen = Array.from({ length: n }, (_, i) => 10 ** ((6 * i) / (n - 1)));
    // Householder reflection Q = I - 2vv'/v'v rotates the axes so the problem is not separable.
    const v = Array.from({ length: n }, (_, i) => Math.sin(i + 1));
    const vv = v.reduce((s, vi) => s + vi * vi, 0);
    const rotate = (x: Float64Array): Float64Array => {
      const dot = x.reduce((s, xi, i) => s + xi * v[i], 0);
      return x.map((xi, i) => xi - (2 * dot * v[i]) / vv);
    };
    const target = Float64Array.from({ length: n }, (_, i) => (i % 3) - 1);
    const gradient = (x: Float64Array, out: Float64Array): number => {
      const z = rotate(x.map((xi, i) => xi - target[i]));
      const scaled = z.map((zi, i) => eigen[i] * zi);
      out.set(rotate(scaled));
      return 0.5 * z.reduce((s, zi, i) => s + eigen[i] * zi * zi, 0);
    };
    const result = minimize((x) => gradient(x, new Float64Array(n)), new Float64Array(n).fill(3), { gradient, gradientTolerance: 1e-8, functionTolerance: 0, maxIterations: 3000 });
    expect(result.converged).toBe(true);
    for (let i = 0; i < n; i++) expect(result.x[i]).toBeCloseTo(target[i], 6);
  });

  it('backs off from a NaN region that a trial step lands in', () => {
    // 0.05 |x|^2, NaN where any x_i < -0.5: the first step moves a unit distance along -g,
    // from (0.2, 0.1) to about (-0.69, -0.35), inside the NaN region.
    let nanEvaluations = 0;
    const f = (x: Float64Array): number => {
      if (x.some((xi) => xi < -0.5)) {
        nanEvaluations++;
        return NaN;
      }
      return 0.05 * (x[0] * x[0] + x[1] * x[1]);
    };
    const result = minimize(f, [0.2, 0.1], { gradientTolerance: 1e-10 });
    expect(nanEvaluations).toBeGreaterThan(0);
    expect(result.converged).toBe(true);
    for (const xi of result.x) expect(Math.abs(xi)).toBeLessThan(1e-8);
  });

  it('converges on a function whose secant model overshoots, with NaN beyond |x_i| > 3', () => {
    // sum sqrt(1 + x_i^2): Newton from 2 would jump to -8.
    const f = (x: Float64Array): number => (x.some((xi) => Math.abs(xi) > 3) ? NaN : x.reduce((s, xi) => s + Math.sqrt(1 + xi * xi), 0));
    const result = minimize(f, [2.9, -2.9, 2.5], { gradientTolerance: 1e-8 });
    expect(result.converged).toBe(true);
    for (const xi of result.x) expect(Math.abs(xi)).toBeLessThan(1e-7);
  });

  it('says why it stopped when it did not converge, and never returns a silent fit', () => {
    const capped = minimize(rosenbrock, [-1.2, 1], { gradient: rosenbrockGradient, maxIterations: 3 });
    expect(capped.converged).toBe(false);
    expect(capped.reason).toBe('max-iterations');
    expect(capped.message).toMatch(/3 iterations/);
    const nanStart = minimize(() => NaN, [0, 0]);
    expect(nanStart.converged).toBe(false);
    expect(nanStart.reason).toBe('non-finite-start');
    // |x| has no gradient at its minimum: finite differences there give 0, elsewhere the kink stops the search.
    const kink = minimize((x) => Math.abs(x[0] - 0.3) + 1e-3 * x[1] * x[1], [1, 1], { gradientTolerance: 1e-12, functionTolerance: 0 });
    expect(['line-search', 'gradient']).toContain(kink.reason);
    expect(kink.x[0]).toBeCloseTo(0.3, 5);
  });

  it('calls a minimum converged when the remaining decrease is below the rounding of f', () => {
    // f = 1e8 + cosh(x - 1) + (y + 2)^4 is resolved only to ~1.5e-8, so a gradient tolerance of
    // 1e-14 cannot be met; the search must stop at the noise floor and say it converged.
    const f = (x: Float64Array): number => 1e8 + Math.cosh(x[0] - 1) + (x[1] + 2) ** 4;
    const g = (x: Float64Array, out: Float64Array): number => {
      out[0] = Math.sinh(x[0] - 1);
      out[1] = 4 * (x[1] + 2) ** 3;
      return f(x);
    };
    const result = minimize(f, [3, 1], { gradient: g, gradientTolerance: 1e-14, functionTolerance: 0 });
    expect(result.converged).toBe(true);
    expect(result.reason).toBe('function-change');
    expect(Math.abs(result.x[0] - 1)).toBeLessThan(1e-3);
    expect(Math.abs(result.x[1] + 2)).toBeLessThan(0.05);
  });

  it('rejects bounds that cross and a non-finite start', () => {
    expect(() => minimize((x) => x[0] ** 2, [0], { lower: [1], upper: [0] })).toThrow(expect.objectContaining({ code: 'TF_ERR_FORECAST_OPTION' }));
    try {
      minimize((x) => x[0] ** 2, [NaN]);
    } catch (error) {
      expect(isTickforgeError(error, 'TF_ERR_FORECAST_OPTION')).toBe(true);
    }
    expect(() => minimize((x) => x[0] ** 2, [NaN])).toThrow(/not finite/);
  });
});
