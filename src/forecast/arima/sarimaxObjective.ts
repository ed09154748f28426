import { concentratedLogLikelihood } from './ArmaKalmanFilter.js';
import type { SarimaxProblem } from './SarimaxProblem.js';
import type { SarimaxLayout } from './SarimaxSpecification.js';
import { constrainStationaryWithJacobian } from './stationaryTransform.js';

/** An objective of the constrained parameters (sigma2 omitted): f, or f with df/dparameters written into `out`. */
export interface ConstrainedObjective {
  value(parameters: Float64Array): number;
  valueAndGradient(parameters: Float64Array, out: Float64Array): number;
}

/** Minus the concentrated exact log-likelihood per observation and its gradient (see `sarimaxObjective`). */
export function exactLikelihoodObjective(problem: SarimaxProblem): ConstrainedObjective {
  const n = problem.observations;
  return {
    value(parameters) {
      const sums = problem.evaluate(parameters);
      return sums && sums.sumSquares > 0 ? -concentratedLogLikelihood(sums) / n : NaN;
    },
    valueAndGradient(parameters, out) {
      const sums = problem.evaluateGradient(parameters);
      if (!sums || !(sums.sumSquares > 0)) {
        out.fill(NaN);
        return NaN;
      }
      const { dSumSquares, dSumLogVariance } = problem.gradient;
      for (let i = 0; i < out.length; i++) out[i] = (0.5 * dSumSquares[i]) / sums.sumSquares + (0.5 * dSumLogVariance[i]) / n;
      return -concentratedLogLikelihood(sums) / n;
    },
  };
}

/**
 * What the optimiser minimises: minus the concentrated log-likelihood per observation,
 *   f(z) = 1/2 (ln 2pi + ln(S/n) + 1) + L / 2n,   S = sum v_t^2 / F_t, L = sum ln F_t,
 * in the search coordinates z: trend and regression coefficients times `scales`, each AR and MA
 * block through Monahan's transform when stationarity / invertibility is enforced (sigma2 is
 * concentrated out). `valueAndGradient` returns f and writes df/dz, exact: the filter's
 * derivative recursions (ArmaKalmanGradient.ts) give dS and dL with respect to the constrained
 * parameters, chained through the transform's Jacobian.
 */
export interface SarimaxObjective {
  /** The constrained parameters (sigma2 omitted) at z, in a buffer reused by every call. */
  toConstrained(z: ArrayLike<number>): Float64Array;
  /** f(z), NaN where the model is degenerate. */
  value(z: Float64Array): number;
  /** f(z) with df/dz written into `out` (NaN entries where the model is degenerate). */
  valueAndGradient(z: Float64Array, out: Float64Array): number;
}

interface TransformedBlock {
  offset: number;
  length: number;
  /** +1 for AR blocks, -1 for MA blocks (theta = -constrain(x)). */
  sign: number;
  /** d constrained / d unconstrained, row-major length x length, refreshed by `toConstrained`. */
  jacobian: Float64Array;
  values: Float64Array;
  slice: Float64Array;
}

export function sarimaxObjective(problem: SarimaxProblem, scales: Float64Array): SarimaxObjective {
  return searchObjective(problem.layout, scales, exactLikelihoodObjective(problem));
}

/** `objective` of the constrained parameters seen from the search coordinates z (see `sarimaxObjective`). */
export function searchObjective(layout: SarimaxLayout, scales: Float64Array, objective: ConstrainedObjective): SarimaxObjective {
  const k = layout.varianceOffset;
  const constrained = new Float64Array(k);
  const gradientConstrained = new Float64Array(k);
  const blocks: TransformedBlock[] = [];
  const addBlock = (offset: number, length: number, sign: number, enforce: boolean): void => {
    if (length > 0 && enforce) {
      blocks.push({ offset, length, sign, jacobian: new Float64Array(length * length), values: new Float64Array(length), slice: new Float64Array(length) });
    }
  };
  addBlock(layout.arOffset, layout.p, 1, layout.enforceStationarity);
  addBlock(layout.maOffset, layout.q, -1, layout.enforceInvertibility);
  addBlock(layout.seasonalArOffset, layout.seasonalP, 1, layout.enforceStationarity);
  addBlock(layout.seasonalMaOffset, layout.seasonalQ, -1, layout.enforceInvertibility);

  // Unscaled trend and regression terms, transformed AR and MA blocks (the inverse of unconstrainParameters in SarimaxProblem.ts), plus the Jacobians.
  const toConstrained = (z: ArrayLike<number>): Float64Array => {
    for (let i = 0; i < layout.arOffset; i++) constrained[i] = z[i] / scales[i];
    for (let i = layout.arOffset; i < k; i++) constrained[i] = z[i];
    for (const block of blocks) {
      for (let i = 0; i < block.length; i++) block.slice[i] = z[block.offset + i];
      constrainStationaryWithJacobian(block.slice, block.values, block.jacobian);
      for (let i = 0; i < block.length; i++) constrained[block.offset + i] = block.sign * block.values[i];
    }
    return constrained;
  };
  const value = (z: Float64Array): number => objective.value(toConstrained(z));
  const valueAndGradient = (z: Float64Array, out: Float64Array): number => {
    const f = objective.valueAndGradient(toConstrained(z), gradientConstrained);
    if (!Number.isFinite(f)) {
      out.fill(NaN);
      return f;
    }
    for (let i = 0; i < layout.arOffset; i++) out[i] = gradientConstrained[i] / scales[i];
    for (let i = layout.arOffset; i < k; i++) out[i] = gradientConstrained[i];
    for (const { offset, length, sign, jacobian } of blocks) {
      for (let j = 0; j < length; j++) {
        let sum = 0;
        for (let i = 0; i < length; i++) sum += gradientConstrained[offset + i] * jacobian[i * length + j];
        out[offset + j] = sign * sum;
      }
    }
    return f;
  };
  return { toConstrained, value, valueAndGradient };
}
