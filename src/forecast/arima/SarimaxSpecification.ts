import { TickforgeError } from '../../core/errors.js';

/**
 * Deterministic trend, with statsmodels' meaning: the trend enters the state equation of the
 * (differenced) ARMA part as an intercept c_t = intercept + drift * (t + 1), t = 0, 1, ... the
 * index of the *undifferenced* series (statsmodels' trend_offset = 1). With d = 0 'c' is an
 * ARMA intercept (mean = intercept / (1 - sum of AR coefficients)); with d = 1 it is a drift of
 * the levels, and 't' a drift growing linearly in time.
 */
export type SarimaxTrend = 'n' | 'c' | 't' | 'ct';
/**
 * Where the maximum-likelihood search starts:
 * - 'hannan-rissanen': statsmodels' `SARIMAX.start_params` (OLS of the differenced series on
 *   the differenced regressors, then a long autoregression whose residuals stand in for the
 *   shocks in a regression of the series on its own lags and the lagged residuals; seasonal
 *   part separately), with zeros for a non-stationary or non-invertible result;
 * - 'css' (default): those values refined by minimising the conditional sum of squares, a
 *   cheap O(n) recursion that lands close to the exact maximum and saves exact-likelihood
 *   evaluations.
 */
export type SarimaxStartMethod = 'css' | 'hannan-rissanen';
/** 'opg' (statsmodels' default) or 'approx' (inverse numerical Hessian); 'none' skips both, for fits only forecast from (an ensemble member). */
export type SarimaxCovariance = 'opg' | 'approx' | 'none';

export interface SarimaxOptions {
  /** [p, d, q]: AR order, differences, MA order. */
  order: readonly [number, number, number];
  /** [P, D, Q, s]: seasonal AR order, seasonal differences, seasonal MA order, period (s >= 2 when any is > 0). Default none. */
  seasonalOrder?: readonly [number, number, number, number];
  /** Default 'n' (none), as statsmodels' SARIMAX. */
  trend?: SarimaxTrend;
  /** Exogenous regressors, one Float64Array per column, each as long as the series. */
  exog?: readonly ArrayLike<number>[];
  /** Warm start in `parameterNames` order (sigma2 last, ignored: it is concentrated out). */
  startingValues?: ArrayLike<number>;
  startMethod?: SarimaxStartMethod;
  /** Keep the AR polynomials stationary (Monahan's transform; default true). */
  enforceStationarity?: boolean;
  /** Keep the MA polynomials invertible (the same transform; default true). */
  enforceInvertibility?: boolean;
  /** Which covariance `standardErrors` reports; both are computed unless 'none' (then every standard error is NaN). Default 'opg' as statsmodels. */
  covariance?: SarimaxCovariance;
  /** Optimiser iterations (default 500). */
  maxIterations?: number;
}

/** The resolved model: orders, parameter layout and names (statsmodels' order and names). */
export interface SarimaxLayout {
  p: number;
  d: number;
  q: number;
  seasonalP: number;
  seasonalD: number;
  seasonalQ: number;
  period: number;
  trend: SarimaxTrend;
  /** Powers of time in the trend (0 for the intercept, 1 for the drift). */
  trendPowers: number[];
  exogCount: number;
  enforceStationarity: boolean;
  enforceInvertibility: boolean;
  /** Offsets of each block in the parameter vector: trend, exog, ar, ma, seasonal ar, seasonal ma, sigma2. */
  trendOffset: number;
  exogOffset: number;
  arOffset: number;
  maOffset: number;
  seasonalArOffset: number;
  seasonalMaOffset: number;
  varianceOffset: number;
  /** All parameters, sigma2 included. */
  count: number;
  names: string[];
  /** Degree of the reduced AR polynomial, p + s P. */
  arDegree: number;
  /** Degree of the reduced MA polynomial, q + s Q. */
  maDegree: number;
  /** ARMA state dimension, max(p + sP, q + sQ + 1) (statsmodels' k_order). */
  stateDimension: number;
  /** Length of the differencing polynomial (1 - L)^d (1 - L^s)^D: d + s D. */
  differencingOrder: number;
}

const nonNegativeInteger = (value: number): boolean => Number.isInteger(value) && value >= 0;

export function resolveSarimaxLayout(options: SarimaxOptions, exogCount: number): SarimaxLayout {
  const order = options.order;
  if (!Array.isArray(order) || order.length !== 3 || !order.every(nonNegativeInteger)) {
    throw new TickforgeError('TF_ERR_FORECAST_OPTION', `SARIMAX order must be [p, d, q] of non-negative integers; got ${JSON.stringify(order)}.`);
  }
  const seasonal = options.seasonalOrder ?? [0, 0, 0, 0];
  if (!Array.isArray(seasonal) || seasonal.length !== 4 || !seasonal.every(nonNegativeInteger)) {
    throw new TickforgeError('TF_ERR_FORECAST_OPTION', `SARIMAX seasonalOrder must be [P, D, Q, s] of non-negative integers; got ${JSON.stringify(seasonal)}.`);
  }
  const [p, d, q] = order;
  const [seasonalP, seasonalD, seasonalQ, rawPeriod] = seasonal;
  const seasonalUsed = seasonalP + seasonalD + seasonalQ > 0;
  if (seasonalUsed && rawPeriod < 2) {
    throw new TickforgeError('TF_ERR_FORECAST_OPTION', `SARIMAX seasonalOrder [${seasonal.join(', ')}] needs a period s >= 2.`);
  }
  const period = seasonalUsed ? rawPeriod : 0;
  if ((seasonalP > 0 && p >= period) || (seasonalQ > 0 && q >= period)) {
    throw new TickforgeError('TF_ERR_FORECAST_OPTION', `SARIMAX non-seasonal orders p = ${p}, q = ${q} must be below the period ${period} when seasonal AR or MA terms are present (the lags would overlap).`);
  }
  const trend = options.trend ?? 'n';
  if (!['n', 'c', 't', 'ct'].includes(trend)) {
    throw new TickforgeError('TF_ERR_FORECAST_OPTION', `SARIMAX trend must be 'n', 'c', 't' or 'ct'; got ${String(trend)}.`);
  }
  const trendPowers = trend === 'c' ? [0] : trend === 't' ? [1] : trend === 'ct' ? [0, 1] : [];
  const names: string[] = [];
  for (const power of trendPowers) names.push(power === 0 ? 'intercept' : 'drift');
  for (let j = 0; j < exogCount; j++) names.push(`x${j + 1}`);
  for (let i = 1; i <= p; i++) names.push(`ar.L${i}`);
  for (let i = 1; i <= q; i++) names.push(`ma.L${i}`);
  for (let i = 1; i <= seasonalP; i++) names.push(`ar.S.L${i * period}`);
  for (let i = 1; i <= seasonalQ; i++) names.push(`ma.S.L${i * period}`);
  names.push('sigma2');
  const trendOffset = 0;
  const exogOffset = trendPowers.length;
  const arOffset = exogOffset + exogCount;
  const maOffset = arOffset + p;
  const seasonalArOffset = maOffset + q;
  const seasonalMaOffset = seasonalArOffset + seasonalP;
  const varianceOffset = seasonalMaOffset + seasonalQ;
  const arDegree = p + period * seasonalP;
  const maDegree = q + period * seasonalQ;
  return {
    p,
    d,
    q,
    seasonalP,
    seasonalD,
    seasonalQ,
    period,
    trend,
    trendPowers,
    exogCount,
    enforceStationarity: options.enforceStationarity ?? true,
    enforceInvertibility: options.enforceInvertibility ?? true,
    trendOffset,
    exogOffset,
    arOffset,
    maOffset,
    seasonalArOffset,
    seasonalMaOffset,
    varianceOffset,
    count: varianceOffset + 1,
    names,
    arDegree,
    maDegree,
    stateDimension: Math.max(arDegree, maDegree + 1),
    differencingOrder: d + period * seasonalD,
  };
}

/** A short label such as 'arima(2,1,2)' or 'sarima(0,1,1)(0,1,1,12)'. */
export function sarimaxLabel(layout: SarimaxLayout): string {
  const base = `(${layout.p},${layout.d},${layout.q})`;
  return layout.period > 0 ? `sarima${base}(${layout.seasonalP},${layout.seasonalD},${layout.seasonalQ},${layout.period})` : `arima${base}`;
}
