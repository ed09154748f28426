import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scipyNnlsReferences } from '../../../test/fixtures/ensemble/scipyNnls.js';
import { leastSquares } from '../linearAlgebra/leastSquares.js';
import { nonNegativeLeastSquares } from './nonNegativeLeastSquares.js';

describe('nonNegativeLeastSquares', () => {
  it('solves a hand-worked case: the unconstrained solution (2, -1) is infeasible, the answer is (1.5, 0)', () => {
    // min (x1 - 2)^2 + (x2 + 1)^2 + (x1 + x2 - 1)^2, x >= 0: with x2 = 0, x1 = (2 + 1) / 2; residual (0.5, -1, -0.5).
    const result = nonNegativeLeastSquares([1, 0, 0, 1, 1, 1], 3, 2, [2, -1, 1]);
    expect(result.x[0]).toBeCloseTo(1.5, 14);
    expect(result.x[1]).toBe(0);
    expect(result.residualNorm).toBeCloseTo(Math.sqrt(1.5), 14);
    expect(result.converged).toBe(true);
  });

  it('returns 0 when every column points away from the response', () => {
    const result = nonNegativeLeastSquares([1, 2], 2, 1, [-1, -2]);
    expect(Array.from(result.x)).toEqual([0]);
    expect(result.residualNorm).toBeCloseTo(Math.sqrt(5), 14);
    expect(result.iterations).toBe(0);
  });

  it('equals ordinary least squares when that solution is positive', () => {
    const matrix = [1, 1, 1, 2, 1, 3, 1, 4];
    const response = [2.1, 2.9, 4.2, 4.8];
    const ols = leastSquares(matrix, response, 4, 2)!;
    const result = nonNegativeLeastSquares(matrix, 4, 2, response);
    expect(result.x[0]).toBeCloseTo(ols[0], 12);
    expect(result.x[1]).toBeCloseTo(ols[1], 12);
  });

  for (const reference of scipyNnlsReferences) {
    it(`agrees with scipy.optimize.nnls: ${reference.name}`, () => {
      const result = nonNegativeLeastSquares(reference.matrix, reference.rows, reference.columns, reference.response);
      expect(result.converged).toBe(true);
      expect(result.residualNorm).toBeCloseTo(reference.residualNorm, 10);
      const scale = Math.max(1, ...reference.x);
      if (reference.name.includes('near-duplicate')) {
        // Columns 0 and 1 are the same up to 1e-9: only x0 + x1 is determined.
        expect(result.x[0] + result.x[1]).toBeCloseTo(reference.x[0] + reference.x[1], 6);
        for (let j = 2; j < reference.columns; j++) expect(result.x[j]).toBeCloseTo(reference.x[j], 6);
      } else {
        for (let j = 0; j < reference.columns; j++) {
          expect(Math.abs(result.x[j] - reference.x[j]), `x[${j}]`).toBeLessThan(1e-10 * scale);
          if (reference.x[j] === 0) expect(result.x[j]).toBe(0);
        }
      }
    });
  }

  it('property: its residual is no larger than that of any feasible active-set candidate', () => {
    // Brute force over every subset of columns: least squares on the subset, kept when all
    // coefficients are >= 0. The NNLS optimum must be at least as good as each.
    const problem = fc.integer({ min: 1, max: 4 }).chain((columns) =>
      fc.integer({ min: 1, max: 7 }).chain((rows) =>
        fc.record({
          rows: fc.constant(rows),
          columns: fc.constant(columns),
          matrix: fc.array(fc.integer({ min: -20, max: 20 }), { minLength: rows * columns, maxLength: rows * columns }),
          response: fc.array(fc.integer({ min: -20, max: 20 }), { minLength: rows, maxLength: rows }),
        }),
      ),
    );
    fc.assert(
      fc.property(problem, ({ rows, columns, matrix, response }) => {
        const result = nonNegativeLeastSquares(matrix, rows, columns, response);
        expect(result.x.every((value) => value >= 0)).toBe(true);
        const norm = (x: ArrayLike<number>): number => {
          let sum = 0;
          for (let i = 0; i < rows; i++) {
            let fitted = 0;
            for (let j = 0; j < columns; j++) fitted += matrix[i * columns + j] * x[j];
            sum += (response[i] - fitted) ** 2;
          }
          return Math.sqrt(sum);
        };
        expect(result.residualNorm).toBeCloseTo(norm(result.x), 9);
        const scale = 1 + Math.sqrt(response.reduce((a, b) => a + b * b, 0));
        for (let subset = 1; subset < 1 << columns; subset++) {
          const chosen = Array.from({ length: columns }, (_, j) => j).filter((j) => subset & (1 << j));
          const design = Array.from({ length: rows * chosen.length }, (_, k) => matrix[Math.floor(k / chosen.length) * columns + chosen[k % chosen.length]]);
          const solution = leastSquares(design, response, rows, chosen.length);
          if (!solution || !solution.every((value) => Number.isFinite(value) && value >= 0)) continue;
          const x = new Float64Array(columns);
          chosen.forEach((j, c) => (x[j] = solution[c]));
          expect(result.residualNorm).toBeLessThanOrEqual(norm(x) + 1e-7 * scale);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('refuses mismatched shapes and non-finite entries', () => {
    expect(() => nonNegativeLeastSquares([1, 2, 3], 2, 2, [1, 2])).toThrow(expect.objectContaining({ code: 'TF_ERR_FORECAST_OPTION' }));
    expect(() => nonNegativeLeastSquares([1, NaN], 2, 1, [1, 2])).toThrow(expect.objectContaining({ code: 'TF_ERR_FORECAST_SERIES_NOT_FINITE' }));
    expect(() => nonNegativeLeastSquares([1, 2], 2, 1, [1, Infinity])).toThrow(expect.objectContaining({ code: 'TF_ERR_FORECAST_SERIES_NOT_FINITE' }));
  });
});
