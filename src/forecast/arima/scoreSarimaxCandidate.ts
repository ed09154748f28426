import { TickforgeError } from '../../core/errors.js';
import type { CandidateScore, SarimaxCandidate } from './sarimaxOrderSearch.js';
import type { SarimaxFit } from './SarimaxFit.js';
import type { SarimaxLayout, SarimaxOptions } from './SarimaxSpecification.js';
import { isStationary } from './stationaryTransform.js';

/** Options of every candidate fit (the orders and trend come from the candidate). */
export type CandidateFitOptions = Omit<SarimaxOptions, 'order' | 'seasonalOrder' | 'trend' | 'startingValues' | 'exog'>;

export interface CandidateScoring {
  /**
   * A fit whose AR or MA polynomial has a root of modulus below this is refused as
   * non-stationary or non-invertible (R's auto.arima: 1.01, its default here): such a fit sits
   * on the boundary, where the likelihood surface is flat and the criterion is not comparable.
   * 0 turns the check off.
   */
  minimumRootModulus: number;
  /** Whether a fit whose optimiser stopped short competes (default false: it is refused as 'not-converged'). */
  acceptUnconverged: boolean;
}

export const defaultCandidateScoring: CandidateScoring = { minimumRootModulus: 1.01, acceptUnconverged: false };

/** The SARIMAX options of a candidate. */
export function candidateOptions(candidate: SarimaxCandidate, fitOptions: CandidateFitOptions = {}): SarimaxOptions {
  return { ...fitOptions, order: candidate.order, seasonalOrder: candidate.seasonalOrder, trend: candidate.trend };
}

/**
 * Fits one candidate with `fit` (fitSarimax) and turns the outcome into a score: the
 * criteria, or why it does not compete. An error the fit throws becomes an 'error' failure with
 * its message (a TickforgeError's code included), so one bad candidate never ends the search.
 */
export function scoreSarimaxCandidate(
  series: Float64Array,
  candidate: SarimaxCandidate,
  fit: (series: Float64Array, options: SarimaxOptions) => SarimaxFit,
  fitOptions: CandidateFitOptions = {},
  scoring: CandidateScoring = defaultCandidateScoring,
): { score: CandidateScore; fit: SarimaxFit | null } {
  let result: SarimaxFit;
  try {
    result = fit(series, candidateOptions(candidate, fitOptions));
  } catch (error) {
    const message = error instanceof TickforgeError ? `${error.code}: ${error.message}` : error instanceof Error ? error.message : String(error);
    return { score: { ok: false, reason: 'error', message }, fit: null };
  }
  return { score: scoreSarimaxFit(result, scoring), fit: result };
}

/** The score of a finished fit (see `scoreSarimaxCandidate`). */
export function scoreSarimaxFit(fit: SarimaxFit, scoring: CandidateScoring = defaultCandidateScoring): CandidateScore {
  if (!fit.converged && !scoring.acceptUnconverged) {
    return { ok: false, reason: 'not-converged', message: fit.warnings.find((warning) => /converge/i.test(warning)) ?? 'the optimiser did not converge' };
  }
  if (![fit.aic, fit.bic, fit.hqic, fit.logLikelihood].every(Number.isFinite)) {
    return { ok: false, reason: 'non-finite', message: `the log-likelihood or a criterion is not finite (log-likelihood ${fit.logLikelihood})` };
  }
  const roots = rootCheck(fit.layout, fit.parameters, scoring.minimumRootModulus);
  if (roots !== null) return roots;
  return { ok: true, aic: fit.aic, bic: fit.bic, hqic: fit.hqic, logLikelihood: fit.logLikelihood, warnings: fit.warnings };
}

/**
 * Whether every root of each AR and MA factor lies outside radius rho (in the lag operator L):
 * phi(L) has no root inside rho iff phi(rho z) is stationary, whose coefficients are
 * phi_i rho^i (Schur-Cohn through the step-down recursion, no root finding). A seasonal factor
 * Phi(L^s) has roots of modulus |w|^(1/s) for the roots w of Phi, hence the radius rho^s in w.
 */
function rootCheck(layout: SarimaxLayout, parameters: Float64Array, rho: number): CandidateScore | null {
  if (!(rho > 0)) return null;
  const block = (offset: number, count: number, sign: number, radius: number): Float64Array =>
    Float64Array.from({ length: count }, (_, i) => sign * parameters[offset + i] * Math.pow(radius, i + 1));
  const seasonalRadius = Math.pow(rho, Math.max(layout.period, 1));
  const ar = [block(layout.arOffset, layout.p, 1, rho), block(layout.seasonalArOffset, layout.seasonalP, 1, seasonalRadius)];
  // The MA polynomial 1 + theta_1 L + ... has its roots outside iff -theta are stationary AR coefficients.
  const ma = [block(layout.maOffset, layout.q, -1, rho), block(layout.seasonalMaOffset, layout.seasonalQ, -1, seasonalRadius)];
  if (!ar.every((coefficients) => isStationary(coefficients))) {
    return { ok: false, reason: 'non-stationary', message: `an AR root has modulus below ${rho} (the fit is at or near the stationarity boundary)` };
  }
  if (!ma.every((coefficients) => isStationary(coefficients))) {
    return { ok: false, reason: 'non-invertible', message: `an MA root has modulus below ${rho} (the fit is at or near the invertibility boundary)` };
  }
  return null;
}
