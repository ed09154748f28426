import { digamma } from '../special/digamma.js';
import { logGamma } from '../special/logGamma.js';
import type { GarchDistribution } from './GarchSpecification.js';

const logTwoPi = Math.log(2 * Math.PI);

/** Derivatives of one observation's negative log-likelihood, filled by `negativeLogDensity`. */
export interface TermDerivatives {
  /** d(-l_t)/d(sigma^2_t). */
  variance: number;
  /** d(-l_t)/d(e_t). */
  residual: number;
  /** d(-l_t)/d(nu) (Student-t only). */
  degrees: number;
}

/**
 * The per-observation constants of the innovation density, computed once per evaluation:
 * for the standardised Student-t, C(nu) = lnG((nu+1)/2) - lnG(nu/2) - ln(pi (nu-2)) / 2 and
 * C'(nu); nothing for the normal.
 */
export interface DensityConstants {
  distribution: GarchDistribution;
  degrees: number;
  constant: number;
  constantDerivative: number;
}

export function densityConstants(distribution: GarchDistribution, degrees: number, withGradient: boolean): DensityConstants {
  if (distribution === 'normal') return { distribution, degrees: NaN, constant: -0.5 * logTwoPi, constantDerivative: 0 };
  const constant = logGamma((degrees + 1) / 2) - logGamma(degrees / 2) - 0.5 * Math.log(Math.PI * (degrees - 2));
  const constantDerivative = withGradient ? 0.5 * digamma((degrees + 1) / 2) - 0.5 * digamma(degrees / 2) - 0.5 / (degrees - 2) : 0;
  return { distribution, degrees, constant, constantDerivative };
}

/**
 * -l_t for residual e and variance s2, as arch's Normal and StudentsT distributions:
 * normal l = -(ln 2pi + ln s2 + e^2/s2) / 2; Student-t (unit variance, nu > 2)
 * l = C(nu) - ln(s2)/2 - (nu+1)/2 ln(1 + e^2 / (s2 (nu-2))). Fills `out` when given.
 */
export function negativeLogDensity(constants: DensityConstants, e: number, s2: number, out?: TermDerivatives): number {
  if (constants.distribution === 'normal') {
    const ratio = (e * e) / s2;
    if (out) {
      out.variance = 0.5 * (1 - ratio) / s2;
      out.residual = e / s2;
      out.degrees = 0;
    }
    return -constants.constant + 0.5 * (Math.log(s2) + ratio);
  }
  const nu = constants.degrees;
  const w = (e * e) / (s2 * (nu - 2));
  const log1pW = Math.log1p(w);
  if (out) {
    const share = w / (1 + w);
    out.variance = (0.5 - 0.5 * (nu + 1) * share) / s2;
    out.residual = ((nu + 1) * e) / (s2 * (nu - 2) * (1 + w));
    out.degrees = -constants.constantDerivative + 0.5 * log1pW - (0.5 * (nu + 1) * share) / (nu - 2);
  }
  return -constants.constant + 0.5 * Math.log(s2) + 0.5 * (nu + 1) * log1pW;
}
