import { invertMatrix } from '../linearAlgebra/invertMatrix.js';

/** A linear inequality a'x <= limit. */
export interface LinearConstraint {
  coefficients: ArrayLike<number>;
  limit: number;
}

/** Slack below which a constraint counts as active (relative to the size of its terms). */
export function constraintSlackTolerance(constraint: LinearConstraint, x: ArrayLike<number>): number {
  let size = Math.abs(constraint.limit);
  for (let i = 0; i < x.length; i++) size += Math.abs(constraint.coefficients[i] * x[i]);
  return 1e-10 * (1 + size);
}

export function constraintValue(constraint: LinearConstraint, x: ArrayLike<number>): number {
  let value = 0;
  for (let i = 0; i < x.length; i++) value += constraint.coefficients[i] * x[i];
  return value;
}

/**
 * Makes `direction` feasible to first order at x, in place: components that would push a
 * variable sitting on a bound outwards are fixed (cleared in `free`), and the direction is
 * projected onto the null space of every active linear constraint it would otherwise cross.
 * The projection is d <- d - W (A W)^-1 A d with W = H A' over the free coordinates: with H
 * the identity it is Rosen's gradient projection, with H the quasi-Newton inverse Hessian and
 * d = -Hg it is the minimiser of the quadratic model on the constraints (Goldfarb 1969), which
 * keeps the superlinear convergence when an optimum lies on a constraint. Both steps repeat
 * until neither changes anything, since each can undo the other. Returns the indices of the
 * constraints held at equality.
 */
export function projectDirection(
  direction: Float64Array,
  free: Uint8Array,
  x: ArrayLike<number>,
  lower: ArrayLike<number>,
  upper: ArrayLike<number>,
  constraints: readonly LinearConstraint[],
  /** out = H v over the free coordinates; the identity when absent. */
  metric?: (vector: Float64Array, free: Uint8Array, out: Float64Array) => void,
): number[] {
  const n = direction.length;
  const near = constraints.map((constraint) => constraint.limit - constraintValue(constraint, x) <= constraintSlackTolerance(constraint, x));
  const working: number[] = [];
  for (let round = 0; round <= n + constraints.length; round++) {
    let changed = false;
    for (let i = 0; i < n; i++) {
      if (!free[i]) {
        direction[i] = 0;
        continue;
      }
      if ((x[i] <= lower[i] && direction[i] < 0) || (x[i] >= upper[i] && direction[i] > 0)) {
        free[i] = 0;
        direction[i] = 0;
        changed = true;
      }
    }
    for (let r = 0; r < constraints.length; r++) {
      if (!near[r] || working.includes(r)) continue;
      let rate = 0;
      for (let i = 0; i < n; i++) if (free[i]) rate += constraints[r].coefficients[i] * direction[i];
      if (rate > 1e-14 * norm(direction)) {
        working.push(r);
        changed = true;
      }
    }
    if (working.length > 0) projectOntoNullSpace(direction, free, working.map((r) => constraints[r].coefficients), metric);
    if (!changed) break;
  }
  return working;
}

function norm(vector: Float64Array): number {
  let sum = 0;
  for (const value of vector) sum += value * value;
  return Math.sqrt(sum);
}

/** direction <- direction - W (AW)^-1 A direction, W = H A', A the rows restricted to the free coordinates. */
function projectOntoNullSpace(
  direction: Float64Array,
  free: Uint8Array,
  rows: ArrayLike<number>[],
  metric: ((vector: Float64Array, free: Uint8Array, out: Float64Array) => void) | undefined,
): void {
  const n = direction.length;
  const m = rows.length;
  const images = rows.map((row) => {
    const masked = Float64Array.from({ length: n }, (_, i) => (free[i] ? row[i] : 0));
    if (!metric) return masked;
    const image = new Float64Array(n);
    metric(masked, free, image);
    return image;
  });
  const gram = new Float64Array(m * m);
  const rates = new Float64Array(m);
  for (let a = 0; a < m; a++) {
    for (let i = 0; i < n; i++) if (free[i]) rates[a] += rows[a][i] * direction[i];
    for (let b = 0; b < m; b++) {
      let dot = 0;
      for (let i = 0; i < n; i++) if (free[i]) dot += rows[a][i] * images[b][i];
      gram[a * m + b] = dot;
    }
  }
  const inverse = invertMatrix(gram, m);
  if (!inverse) {
    // Dependent active rows (or rows on fixed coordinates only): no feasible move along them.
    direction.fill(0);
    return;
  }
  for (let b = 0; b < m; b++) {
    let multiplier = 0;
    for (let a = 0; a < m; a++) multiplier += inverse[b * m + a] * rates[a];
    for (let i = 0; i < n; i++) if (free[i]) direction[i] -= multiplier * images[b][i];
  }
}

/**
 * Pulls a point that rounding pushed a hair past a constraint back onto it (along the
 * constraint's normal over the free coordinates), then back inside the box.
 */
export function restoreFeasibility(x: Float64Array, free: Uint8Array, lower: ArrayLike<number>, upper: ArrayLike<number>, constraints: readonly LinearConstraint[]): void {
  for (const constraint of constraints) {
    const excess = constraintValue(constraint, x) - constraint.limit;
    if (!(excess > 0)) continue;
    let squared = 0;
    for (let i = 0; i < x.length; i++) if (free[i]) squared += constraint.coefficients[i] ** 2;
    if (!(squared > 0)) continue;
    for (let i = 0; i < x.length; i++) {
      if (free[i]) x[i] = Math.min(upper[i], Math.max(lower[i], x[i] - (excess * constraint.coefficients[i]) / squared));
    }
  }
}
