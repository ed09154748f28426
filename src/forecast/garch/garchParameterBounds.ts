import type { LinearConstraint } from '../optimizer/projectDirection.js';
import type { GarchLayout } from './GarchSpecification.js';

export interface ParameterBounds {
  lower: Float64Array;
  upper: Float64Array;
}

/**
 * arch's box bounds (`GARCH.bounds`, `EGARCH.bounds`, `StudentsT.bounds`) given the mean of
 * the squared starting residuals v:
 * - mean parameters free;
 * - GARCH/GJR: omega in [1e-8 v, 10 v], alpha and beta in [0, 1], gamma_j in [-1, 2] when
 *   j <= p (alpha_j + gamma_j >= 0 is a constraint), else [0, 2];
 * - EGARCH: omega in [ln v - ln 1e4, ln v + ln 1e4], alpha and gamma free, beta in [0, q];
 * - Student-t nu in [2.05, 500].
 */
export function garchParameterBounds(layout: GarchLayout, meanSquaredResidual: number): ParameterBounds {
  const lower = new Float64Array(layout.count).fill(-Infinity);
  const upper = new Float64Array(layout.count).fill(Infinity);
  const { p, o, q } = layout;
  const omega = layout.varianceOffset;
  const set = (index: number, low: number, high: number): void => {
    lower[index] = low;
    upper[index] = high;
  };
  if (layout.volatility === 'egarch') {
    const logV = Math.log(meanSquaredResidual);
    const width = Math.log(10000);
    set(omega, logV - width, logV + width);
    for (let j = 0; j < q; j++) set(omega + 1 + p + o + j, 0, q);
  } else {
    set(omega, 1e-8 * meanSquaredResidual, 10 * meanSquaredResidual);
    for (let j = 0; j < p; j++) set(omega + 1 + j, 0, 1);
    for (let j = 0; j < o; j++) set(omega + 1 + p + j, j < p ? -1 : 0, 2);
    for (let j = 0; j < q; j++) set(omega + 1 + p + o + j, 0, 1);
  }
  if (layout.degreesIndex >= 0) set(layout.degreesIndex, 2.05, 500);
  return { lower, upper };
}

/**
 * arch's linear constraints beyond the box, as rows a'theta <= limit for the optimiser:
 * GARCH/GJR sum alpha + sum gamma / 2 + sum beta <= 1 and -(alpha_j + gamma_j) <= 0 for
 * j <= p; EGARCH sum beta <= 1.
 */
export function garchLinearConstraints(layout: GarchLayout): LinearConstraint[] {
  const { p, o, q, count } = layout;
  const alphaAt = layout.varianceOffset + 1;
  const gammaAt = alphaAt + p;
  const betaAt = gammaAt + o;
  const persistence = new Float64Array(count);
  for (let j = 0; j < q; j++) persistence[betaAt + j] = 1;
  if (layout.volatility === 'egarch') return [{ coefficients: persistence, limit: 1 }];
  for (let j = 0; j < p; j++) persistence[alphaAt + j] = 1;
  for (let j = 0; j < o; j++) persistence[gammaAt + j] = 0.5;
  const rows: LinearConstraint[] = [{ coefficients: persistence, limit: 1 }];
  for (let j = 0; j < Math.min(o, p); j++) {
    const row = new Float64Array(count);
    row[alphaAt + j] = -1;
    row[gammaAt + j] = -1;
    rows.push({ coefficients: row, limit: 0 });
  }
  return rows;
}

/** Whether theta satisfies `garchLinearConstraints` (to rounding: 1e-10 of slack is allowed). */
export function satisfiesGarchConstraints(layout: GarchLayout, theta: ArrayLike<number>): boolean {
  return garchLinearConstraints(layout).every((row) => {
    let value = 0;
    for (let k = 0; k < theta.length; k++) value += row.coefficients[k] * theta[k];
    return value <= row.limit + 1e-10;
  });
}

/** Persistence of the variance: sum alpha + sum gamma / 2 + sum beta (GARCH/GJR) or sum beta (EGARCH). */
export function garchPersistence(layout: GarchLayout, theta: ArrayLike<number>): number {
  const { p, o, q } = layout;
  const alphaAt = layout.varianceOffset + 1;
  let persistence = 0;
  for (let j = 0; j < q; j++) persistence += theta[alphaAt + p + o + j];
  if (layout.volatility === 'egarch') return persistence;
  for (let j = 0; j < p; j++) persistence += theta[alphaAt + j];
  for (let j = 0; j < o; j++) persistence += 0.5 * theta[alphaAt + p + j];
  return persistence;
}
