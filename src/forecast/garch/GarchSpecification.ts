import { TickforgeError } from '../../core/errors.js';

export type GarchVolatility = 'garch' | 'gjr' | 'egarch';
export type GarchMean = 'constant' | 'zero' | 'ar';
export type GarchDistribution = 'normal' | 't';
/**
 * How the variance recursion starts (the values standing in for the pre-sample residual and
 * variance):
 * - 'backcast' (arch's default): the exponentially weighted average of the first
 *   min(75, T) squared residuals of the *starting* mean model, weights 0.94^i (i = 0 for the
 *   first residual) normalised to sum to 1, held fixed during estimation. EGARCH uses its
 *   logarithm. The asymmetric (GJR) pre-sample term is half of it.
 * - 'sample-variance': the FCP benchmark convention (Fiorentini, Calzolari and Panattoni
 *   1996; TSP's and R fGarch's "mci" start-up): h_0 = e_0^2 = mean of the squared residuals
 *   *at the current parameters*, so it moves with the mean parameters during estimation.
 *   This is the start-up that reproduces the published DEM/GBP GARCH(1,1) benchmark.
 */
export type GarchStartup = 'backcast' | 'sample-variance';
export type GarchCovariance = 'robust' | 'classic';

export interface GarchOptions {
  /** 'garch' (default), 'gjr' (GJR-GARCH, asymmetric term for negative residuals) or 'egarch'. */
  volatility?: GarchVolatility;
  /** Lags of the symmetric shock (alpha), default 1. */
  p?: number;
  /** Lags of the asymmetric shock (gamma): 0 for 'garch', default 1 for 'gjr' and 'egarch'. */
  o?: number;
  /** Lags of the variance (beta), default 1. */
  q?: number;
  /** Mean model: 'constant' (default), 'zero', or 'ar' (constant plus `arLags` lags of the series). */
  mean?: GarchMean;
  /** Lags of the AR mean (default 1); the first `arLags` observations are held back as regressors. */
  arLags?: number;
  /** Standardised residual distribution: 'normal' (default) or 't' (Student-t scaled to unit variance). */
  distribution?: GarchDistribution;
  startup?: GarchStartup;
  /** Which covariance `standardErrors` reports; both are always computed. Default 'robust' (Bollerslev-Wooldridge), as arch. */
  covariance?: GarchCovariance;
  /** Warm start: parameters in `parameterNames` order (e.g. a previous fit's). Ignored with a warning if outside the bounds. */
  startingValues?: ArrayLike<number>;
  /** Optimiser iterations (default 200; well-posed fits need 15 to 60, and a fit still moving after 200 is degenerate). */
  maxIterations?: number;
}

/** The resolved model: orders, parameter layout and names. */
export interface GarchLayout {
  volatility: GarchVolatility;
  p: number;
  o: number;
  q: number;
  mean: GarchMean;
  arLags: number;
  distribution: GarchDistribution;
  startup: GarchStartup;
  covariance: GarchCovariance;
  /** Number of mean parameters (0, 1 or 1 + arLags); they come first. */
  meanCount: number;
  /** Index of omega; alpha, gamma and beta follow in that order. */
  varianceOffset: number;
  /** Index of nu for the Student-t, else -1. */
  degreesIndex: number;
  count: number;
  /** arch's names: mu | Const, y[1].., omega, alpha[1].., gamma[1].., beta[1].., nu. */
  names: string[];
  /** Observations held back before the first residual (the AR lags). */
  holdBack: number;
  /** The longest variance lag, max(p, o, q). */
  maxLag: number;
}

function order(value: number | undefined, fallback: number, name: string, minimum: number): number {
  const result = value ?? fallback;
  if (!Number.isInteger(result) || result < minimum || result > 20) {
    throw new TickforgeError('TF_ERR_FORECAST_OPTION', `GARCH option ${name} = ${value} is not an integer in [${minimum}, 20]; give a small non-negative lag order.`);
  }
  return result;
}

export function resolveGarchLayout(options: GarchOptions = {}): GarchLayout {
  const volatility = options.volatility ?? 'garch';
  if (!['garch', 'gjr', 'egarch'].includes(volatility)) {
    throw new TickforgeError('TF_ERR_FORECAST_OPTION', `GARCH option volatility = '${volatility}' is unknown; use 'garch', 'gjr' or 'egarch'.`);
  }
  const mean = options.mean ?? 'constant';
  if (!['constant', 'zero', 'ar'].includes(mean)) {
    throw new TickforgeError('TF_ERR_FORECAST_OPTION', `GARCH option mean = '${mean}' is unknown; use 'constant', 'zero' or 'ar'.`);
  }
  const distribution = options.distribution ?? 'normal';
  if (distribution !== 'normal' && distribution !== 't') {
    throw new TickforgeError('TF_ERR_FORECAST_OPTION', `GARCH option distribution = '${distribution}' is unknown; use 'normal' or 't'.`);
  }
  const startup = options.startup ?? 'backcast';
  if (startup !== 'backcast' && startup !== 'sample-variance') {
    throw new TickforgeError('TF_ERR_FORECAST_OPTION', `GARCH option startup = '${startup}' is unknown; use 'backcast' or 'sample-variance'.`);
  }
  const covariance = options.covariance ?? 'robust';
  if (covariance !== 'robust' && covariance !== 'classic') {
    throw new TickforgeError('TF_ERR_FORECAST_OPTION', `GARCH option covariance = '${covariance}' is unknown; use 'robust' or 'classic'.`);
  }
  const p = order(options.p, 1, 'p', 0);
  const o = order(options.o, volatility === 'garch' ? 0 : 1, 'o', volatility === 'gjr' ? 1 : 0);
  const q = order(options.q, 1, 'q', 0);
  if (volatility === 'garch' && o > 0) {
    throw new TickforgeError('TF_ERR_FORECAST_OPTION', `GARCH option o = ${o} needs an asymmetric model; use volatility 'gjr' (or o = 0).`);
  }
  if (p === 0 && o === 0) {
    throw new TickforgeError('TF_ERR_FORECAST_OPTION', 'GARCH options p and o are both 0: the variance would never react to a shock; give p >= 1 or o >= 1.');
  }
  const arLags = mean === 'ar' ? order(options.arLags, 1, 'arLags', 1) : 0;
  const meanCount = mean === 'zero' ? 0 : 1 + arLags;
  const names: string[] = [];
  if (mean === 'constant') names.push('mu');
  if (mean === 'ar') names.push('Const', ...Array.from({ length: arLags }, (_, i) => `y[${i + 1}]`));
  names.push('omega');
  for (let i = 1; i <= p; i++) names.push(`alpha[${i}]`);
  for (let i = 1; i <= o; i++) names.push(`gamma[${i}]`);
  for (let i = 1; i <= q; i++) names.push(`beta[${i}]`);
  if (distribution === 't') names.push('nu');
  return {
    volatility,
    p,
    o,
    q,
    mean,
    arLags,
    distribution,
    startup,
    covariance,
    meanCount,
    varianceOffset: meanCount,
    degreesIndex: distribution === 't' ? names.length - 1 : -1,
    count: names.length,
    names,
    holdBack: arLags,
    maxLag: Math.max(p, o, q),
  };
}
