import { describe, expect, it } from 'vitest';
import { invertMatrix } from './invertMatrix.js';
import { leastSquares } from './leastSquares.js';

describe('invertMatrix', () => {
  it('inverts a hand-checked 3 x 3 matrix that needs pivoting', () => {
    // [[0, 2, 1], [1, 1, 0], [3, 0, 1]] has determinant -5 and this inverse (by cofactors).
    const inverse = invertMatrix([0, 2, 1, 1, 1, 0, 3, 0, 1], 3)!;
    const expected = [1, -2, -1, -1, -3, 1, -3, 6, -2].map((v) => v / -5);
    expected.forEach((v, k) => expect(inverse[k]).toBeCloseTo(v, 14));
  });

  it('returns undefined for a singular matrix', () => {
    expect(invertMatrix([1, 2, 2, 4], 2)).toBeUndefined();
    expect(invertMatrix([0, 0, 0, 0], 2)).toBeUndefined();
  });
});

describe('leastSquares', () => {
  it('recovers an exact line and rejects collinear regressors', () => {
    // y = 2 + 0.5 x on x = 0..4.
    const design = [1, 0, 1, 1, 1, 2, 1, 3, 1, 4];
    const response = [2, 2.5, 3, 3.5, 4];
    const b = leastSquares(design, response, 5, 2)!;
    expect(b[0]).toBeCloseTo(2, 12);
    expect(b[1]).toBeCloseTo(0.5, 12);
    expect(leastSquares([1, 2, 1, 2, 1, 2], [1, 2, 3], 3, 2)).toBeUndefined();
  });
});
