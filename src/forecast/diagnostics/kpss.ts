import { TickforgeError } from '../../core/errors.js';

/**
 * How many autocovariance lags the long-run variance sums:
 * - 'auto': statsmodels' default, the data-dependent rule of Hobijn, Franses and Ooms (1998);
 * - 'legacy': ceil(12 (n / 100)^(1/4)), statsmodels' former default (Schwert);
 * - 'short': trunc(3 sqrt(n) / 13), R tseries' `lshort = TRUE`, which pmdarima's KPSS test and
 *   hence `auto_arima`'s choice of d use;
 * - 'long': trunc(10 sqrt(n) / 14), tseries' `lshort = FALSE`;
 * - a whole number >= 0: that many.
 */
export type KpssLags = 'auto' | 'legacy' | 'short' | 'long' | number;

export interface KpssOptions {
  /** 'level' (default): the null is stationarity around a constant; 'trend': around a linear trend. */
  regression?: 'level' | 'trend';
  lags?: KpssLags;
}

export interface KpssResult {
  statistic: number;
  /**
   * The p-value interpolated linearly in Kwiatkowski et al.'s table (1992, table 1), as
   * statsmodels and pmdarima do; the table spans 0.01 to 0.10, so it is clamped there and
   * `pValueBound` says on which side the true value lies.
   */
  pValue: number;
  /** 'smaller': the true p-value is below 0.01; 'greater': above 0.10; null: inside the table. */
  pValueBound: 'smaller' | 'greater' | null;
  lags: number;
  observations: number;
  criticalValues: { '10%': number; '5%': number; '2.5%': number; '1%': number };
}

const levelCritical = [0.347, 0.463, 0.574, 0.739];
const trendCritical = [0.119, 0.146, 0.176, 0.216];
const tableP = [0.1, 0.05, 0.025, 0.01];

/**
 * The KPSS test (Kwiatkowski, Phillips, Schmidt and Shin 1992) of the null hypothesis that the
 * series is stationary around a level (or a trend): eta = sum S_t^2 / n^2 over the partial sums
 * S_t of the residuals, divided by the Bartlett-weighted long-run variance. The same numbers as
 * statsmodels' `kpss(x, regression='c' | 'ct', nlags=...)`. A small p-value rejects
 * stationarity: difference the series.
 * @throws TF_ERR_FORECAST_OPTION, TF_ERR_FORECAST_SERIES_NOT_FINITE, TF_ERR_FORECAST_SERIES_TOO_SHORT, TF_ERR_FORECAST_SERIES_CONSTANT
 */
export function kpss(series: ArrayLike<number>, options: KpssOptions = {}): KpssResult {
  const n = series.length;
  const regression = options.regression ?? 'level';
  if (regression !== 'level' && regression !== 'trend') {
    throw new TickforgeError('TF_ERR_FORECAST_OPTION', `KPSS regression must be 'level' or 'trend'; got ${String(regression)}.`, { details: { option: 'regression', value: String(regression) } });
  }
  for (let t = 0; t < n; t++) {
    if (!Number.isFinite(series[t])) {
      throw new TickforgeError('TF_ERR_FORECAST_SERIES_NOT_FINITE', `KPSS input value ${t} is ${series[t]}; drop or fill non-finite values first.`, { details: { index: t, value: String(series[t]) } });
    }
  }
  if (n < 3) throw new TickforgeError('TF_ERR_FORECAST_SERIES_TOO_SHORT', `KPSS needs at least 3 observations; the series has ${n}.`, { details: { length: n, needed: 3 } });
  const residuals = regression === 'level' ? demeaned(series) : detrended(series);
  let sumSquares = 0;
  for (const e of residuals) sumSquares += e * e;
  if (!(sumSquares > 1e-300 * n)) {
    throw new TickforgeError('TF_ERR_FORECAST_SERIES_CONSTANT', `KPSS input has no variation around its ${regression === 'level' ? 'mean' : 'trend'}; the test is undefined for it.`);
  }
  const lags = Math.min(lagCount(options.lags ?? 'auto', residuals), n - 1);
  let partial = 0;
  let eta = 0;
  for (const e of residuals) {
    partial += e;
    eta += partial * partial;
  }
  eta /= n * n;
  const statistic = eta / longRunVariance(residuals, lags);
  const critical = regression === 'level' ? levelCritical : trendCritical;
  const { pValue, bound } = interpolatePValue(statistic, critical);
  return {
    statistic,
    pValue,
    pValueBound: bound,
    lags,
    observations: n,
    criticalValues: { '10%': critical[0], '5%': critical[1], '2.5%': critical[2], '1%': critical[3] },
  };
}

/** The lag count a rule gives for these residuals (before the cap at n - 1). */
export function kpssLagCount(rule: KpssLags, observations: number, residuals?: Float64Array): number {
  const n = observations;
  if (typeof rule === 'number') {
    if (!Number.isInteger(rule) || rule < 0) {
      throw new TickforgeError('TF_ERR_FORECAST_OPTION', `KPSS lags must be 'auto', 'legacy', 'short', 'long' or a whole number >= 0; got ${rule}.`, { details: { option: 'lags', value: rule } });
    }
    return rule;
  }
  switch (rule) {
    case 'legacy':
      return Math.ceil(12 * Math.pow(n / 100, 1 / 4));
    case 'short':
      return Math.trunc((3 * Math.sqrt(n)) / 13);
    case 'long':
      return Math.trunc((10 * Math.sqrt(n)) / 14);
    case 'auto':
      if (residuals === undefined) throw new TickforgeError('TF_ERR_FORECAST_OPTION', "KPSS lags 'auto' depends on the residuals; pass them.");
      return hobijnLags(residuals);
    default:
      throw new TickforgeError('TF_ERR_FORECAST_OPTION', `KPSS lags must be 'auto', 'legacy', 'short', 'long' or a whole number >= 0; got ${String(rule)}.`, { details: { option: 'lags', value: String(rule) } });
  }
}

function lagCount(rule: KpssLags, residuals: Float64Array): number {
  return kpssLagCount(rule, residuals.length, residuals);
}

/**
 * Hobijn et al. (1998) as statsmodels' `_kpss_autolag`: a preliminary Bartlett estimate over
 * n^(2/9) lags gives the bandwidth 1.1447 (s1 / s0)^(2/3) n^(1/3).
 */
function hobijnLags(residuals: Float64Array): number {
  const n = residuals.length;
  const covarianceLags = Math.trunc(Math.pow(n, 2 / 9));
  let s0 = 0;
  for (const e of residuals) s0 += e * e;
  s0 /= n;
  let s1 = 0;
  for (let i = 1; i <= covarianceLags; i++) {
    const product = lagProduct(residuals, i) / (n / 2);
    s0 += product;
    s1 += i * product;
  }
  const ratio = s1 / s0;
  const gamma = 1.1447 * Math.pow(ratio * ratio, 1 / 3);
  return Math.trunc(gamma * Math.pow(n, 1 / 3));
}

/** Bartlett-weighted long-run variance: (sum e^2 + 2 sum_i (1 - i / (lags + 1)) sum_t e_t e_{t-i}) / n. */
function longRunVariance(residuals: Float64Array, lags: number): number {
  const n = residuals.length;
  let sum = 0;
  for (const e of residuals) sum += e * e;
  for (let i = 1; i <= lags; i++) sum += 2 * lagProduct(residuals, i) * (1 - i / (lags + 1));
  return sum / n;
}

function lagProduct(residuals: Float64Array, lag: number): number {
  let sum = 0;
  for (let t = lag; t < residuals.length; t++) sum += residuals[t] * residuals[t - lag];
  return sum;
}

function demeaned(series: ArrayLike<number>): Float64Array {
  const n = series.length;
  let mean = 0;
  for (let t = 0; t < n; t++) mean += series[t];
  mean /= n;
  return Float64Array.from({ length: n }, (_, t) => series[t] - mean);
}

/** Residuals of least squares on a constant and t = 1..n (closed form for one regressor). */
function detrended(series: ArrayLike<number>): Float64Array {
  const n = series.length;
  const timeMean = (n + 1) / 2;
  let mean = 0;
  for (let t = 0; t < n; t++) mean += series[t];
  mean /= n;
  let covariance = 0;
  let variance = 0;
  for (let t = 0; t < n; t++) {
    const centredTime = t + 1 - timeMean;
    covariance += centredTime * (series[t] - mean);
    variance += centredTime * centredTime;
  }
  const slope = covariance / variance;
  return Float64Array.from({ length: n }, (_, t) => series[t] - mean - slope * (t + 1 - timeMean));
}

/** Linear interpolation of the p-value between the table's critical values, clamped to its ends. */
function interpolatePValue(statistic: number, critical: readonly number[]): { pValue: number; bound: 'smaller' | 'greater' | null } {
  if (statistic <= critical[0]) return { pValue: tableP[0], bound: statistic < critical[0] ? 'greater' : null };
  if (statistic >= critical[3]) return { pValue: tableP[3], bound: statistic > critical[3] ? 'smaller' : null };
  let k = 0;
  while (statistic > critical[k + 1]) k++;
  const weight = (statistic - critical[k]) / (critical[k + 1] - critical[k]);
  return { pValue: tableP[k] + weight * (tableP[k + 1] - tableP[k]), bound: null };
}
