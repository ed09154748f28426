import { TickforgeError } from '../../core/errors.js';
import { leastSquaresWithInverse } from '../linearAlgebra/leastSquares.js';

export interface OcsbOptions {
  /** The most lags of the auxiliary autoregression (default 3, as R's nsdiffs and pmdarima). */
  maxLag?: number;
  /** How the lag order is chosen: 'aic' (default), 'bic', or 'fixed' (maxLag itself). */
  lagMethod?: 'aic' | 'bic' | 'fixed';
}

export interface OcsbResult {
  /** The t-statistic of the seasonal-difference term (Z5). */
  statistic: number;
  /** The 5% critical value for this period (Osborn, Chui, Smith and Birchenhall's simulated response surface, as R). */
  critical: number;
  /** The lag order used. */
  lagOrder: number;
  /** Whether the seasonal unit root is not rejected, i.e. a seasonal difference is needed: statistic > critical. */
  seasonalDifference: boolean;
}

/**
 * The OCSB test (Osborn, Chui, Smith and Birchenhall 1988) of a seasonal unit root, as R
 * forecast's `ocsb.test` (and pmdarima's OCSBTest), line for line: regress the doubly
 * differenced series (1 - L)(1 - L^s) x on its own lags, then on those lags plus the
 * pre-whitened (1 - L^s) x lagged once (Z4) and (1 - L) x lagged s times (Z5); the t-value of
 * Z5 above the critical value means a seasonal difference. R's lag choice is kept as it is:
 * the fits with 1..maxLag lags are compared by AIC (on a common sample) and the order used is
 * the best one's index less one.
 * @throws TF_ERR_FORECAST_OPTION, TF_ERR_FORECAST_SERIES_NOT_FINITE, TF_ERR_FORECAST_SERIES_TOO_SHORT
 */
export function ocsbTest(series: ArrayLike<number>, period: number, options: OcsbOptions = {}): OcsbResult | null {
  const maxLag = options.maxLag ?? 3;
  const method = options.lagMethod ?? 'aic';
  if (!Number.isInteger(period) || period < 2) throw new TickforgeError('TF_ERR_FORECAST_OPTION', `OCSB period must be a whole number >= 2; got ${period}.`, { details: { option: 'period', value: period } });
  if (!Number.isInteger(maxLag) || maxLag < 0) throw new TickforgeError('TF_ERR_FORECAST_OPTION', `OCSB maxLag must be a whole number >= 0; got ${maxLag}.`, { details: { option: 'maxLag', value: maxLag } });
  if (!['aic', 'bic', 'fixed'].includes(method)) throw new TickforgeError('TF_ERR_FORECAST_OPTION', `OCSB lagMethod must be 'aic', 'bic' or 'fixed'; got ${String(method)}.`, { details: { option: 'lagMethod' } });
  const x = Float64Array.from(series);
  for (let t = 0; t < x.length; t++) {
    if (!Number.isFinite(x[t])) throw new TickforgeError('TF_ERR_FORECAST_SERIES_NOT_FINITE', `OCSB input value ${t} is ${x[t]}; drop or fill non-finite values first.`, { details: { index: t, value: String(x[t]) } });
  }
  // The last regression has up to maxLag + 2 regressors on n - s - 1 - maxLag rows.
  const needed = period + 2 * maxLag + 5;
  if (x.length < needed) {
    throw new TickforgeError('TF_ERR_FORECAST_SERIES_TOO_SHORT', `OCSB with period ${period} and ${maxLag} lags needs at least ${needed} observations; the series has ${x.length}.`, { details: { length: x.length, needed } });
  }
  let lagOrder = maxLag;
  if (maxLag > 0 && method !== 'fixed') {
    let best = Infinity;
    let bestIndex = 0;
    for (let lag = 1; lag <= maxLag; lag++) {
      const fit = fitOcsb(x, period, lag, maxLag);
      const criterion = fit === null ? NaN : method === 'aic' ? fit.aic : fit.bic;
      if (criterion < best) {
        best = criterion;
        bestIndex = lag;
      }
    }
    if (bestIndex === 0) return null;
    lagOrder = bestIndex - 1;
  }
  const fit = fitOcsb(x, period, lagOrder, lagOrder);
  if (fit === null || !Number.isFinite(fit.z5TValue)) return null;
  const critical = ocsbCriticalValue(period);
  return { statistic: fit.z5TValue, critical, lagOrder, seasonalDifference: fit.z5TValue > critical };
}

/** R forecast's `calcOCSBCritVal`: the 5% critical value as a smooth function of ln(period). */
export function ocsbCriticalValue(period: number): number {
  const centred = Math.log(period) - 0.7656451;
  return -0.2937411 * Math.exp(-0.2850853 * centred - 0.05983644 * centred * centred) - 1.652202;
}

/**
 * R's `fitOCSB(x, lag, maxlag)` with 1-based times t as in R's ts algebra: dsx_t = x_t - x_{t-s}
 * (t > s), y_t = dsx_t - dsx_{t-1} (t > s + 1), d1_t = x_t - x_{t-1} (t > 1); every regression
 * runs over t = s + 2 + max(lag, maxLag) .. n. A lag order of 0 leaves the autoregression
 * empty (R's all-zero column is aliased and predicts 0).
 */
function fitOcsb(x: Float64Array, s: number, lag: number, maxLag: number): { aic: number; bic: number; z5TValue: number } | null {
  const n = x.length;
  const at = (t: number): number => x[t - 1];
  const dsx = (t: number): number => at(t) - at(t - s);
  const y = (t: number): number => dsx(t) - dsx(t - 1);
  const d1 = (t: number): number => at(t) - at(t - 1);
  const first = s + 2 + Math.max(lag, maxLag);
  const rows = n - first + 1;
  let beta: Float64Array = new Float64Array(0);
  if (lag > 0) {
    const design = new Float64Array(rows * lag);
    const response = new Float64Array(rows);
    for (let r = 0; r < rows; r++) {
      const t = first + r;
      response[r] = y(t);
      for (let k = 1; k <= lag; k++) design[r * lag + k - 1] = y(t - k);
    }
    const ar = ordinaryLeastSquares(design, response, rows, lag);
    if (ar === null) return null;
    beta = ar.coefficients;
  }
  const whitened = (series: (t: number) => number, t: number): number => {
    let value = series(t);
    for (let k = 1; k <= lag; k++) value -= beta[k - 1] * series(t - k);
    return value;
  };
  const columns = lag + 2;
  const design = new Float64Array(rows * columns);
  const response = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    const t = first + r;
    response[r] = y(t);
    for (let k = 1; k <= lag; k++) design[r * columns + k - 1] = y(t - k);
    design[r * columns + lag] = whitened(dsx, t - 1);
    design[r * columns + lag + 1] = whitened(d1, t - s);
  }
  const fit = ordinaryLeastSquares(design, response, rows, columns);
  if (fit === null) return null;
  // R's logLik.lm: -N/2 (ln 2 pi + ln(RSS / N) + 1), with rank + 1 degrees of freedom (sigma counts).
  const logLikelihood = -0.5 * rows * (Math.log(2 * Math.PI) + Math.log(fit.residualSumOfSquares / rows) + 1);
  const degrees = columns + 1;
  return { aic: -2 * logLikelihood + 2 * degrees, bic: -2 * logLikelihood + Math.log(rows) * degrees, z5TValue: fit.tValues[columns - 1] };
}

/** OLS without intercept by the normal equations (a handful of regressors), with classical t-values; null when X'X is singular. */
function ordinaryLeastSquares(design: Float64Array, response: Float64Array, rows: number, columns: number): { coefficients: Float64Array; tValues: Float64Array; residualSumOfSquares: number } | null {
  if (rows <= columns) return null;
  const solved = leastSquaresWithInverse(design, response, rows, columns);
  if (!solved) return null;
  const { coefficients, inverse } = solved;
  let residualSumOfSquares = 0;
  for (let r = 0; r < rows; r++) {
    let fitted = 0;
    for (let i = 0; i < columns; i++) fitted += design[r * columns + i] * coefficients[i];
    residualSumOfSquares += (response[r] - fitted) ** 2;
  }
  const variance = residualSumOfSquares / (rows - columns);
  const tValues = coefficients.map((value, i) => value / Math.sqrt(variance * inverse[i * columns + i]));
  return { coefficients, tValues, residualSumOfSquares };
}

export interface SeasonalDifferencingOrder {
  order: number;
  /** The OCSB tests run (null where a test could not be computed: its regression was singular). */
  tests: Array<OcsbResult | null>;
}

/**
 * The number of seasonal differences D by repeated OCSB tests, as R forecast's
 * `nsdiffs(x, test = 'ocsb', max.D)` and pmdarima's `nsdiffs(x, m, test='ocsb')`: none for a
 * constant series or one no longer than the period; otherwise difference at lag s while the
 * test asks for it, the series stays at least two periods long, and D < maxOrder. A test that
 * cannot be computed counts as no difference (R warns and does the same).
 */
export function chooseSeasonalDifferencingOrder(series: ArrayLike<number>, period: number, options: { maxOrder?: number } & OcsbOptions = {}): SeasonalDifferencingOrder {
  const maxOrder = options.maxOrder ?? 1;
  if (!Number.isInteger(maxOrder) || maxOrder < 0) throw new TickforgeError('TF_ERR_FORECAST_OPTION', `Seasonal differencing maxOrder must be a whole number >= 0; got ${maxOrder}.`, { details: { option: 'maxOrder', value: maxOrder } });
  let values = Float64Array.from(series);
  const tests: Array<OcsbResult | null> = [];
  const constant = (v: Float64Array): boolean => v.every((value) => value === v[0]);
  if (constant(values) || period >= values.length) return { order: 0, tests };
  const test = (): boolean => {
    let result: OcsbResult | null;
    try {
      result = ocsbTest(values, period, options);
    } catch (error) {
      if (error instanceof TickforgeError && error.code === 'TF_ERR_FORECAST_SERIES_TOO_SHORT') result = null;
      else throw error;
    }
    tests.push(result);
    return result?.seasonalDifference ?? false;
  };
  let order = 0;
  let difference = test();
  while (difference && order < maxOrder) {
    order++;
    const previous = values;
    values = previous.subarray(period).map((value, t) => value - previous[t]);
    if (constant(values)) return { order, tests };
    difference = values.length >= 2 * period && order < maxOrder ? test() : false;
  }
  return { order, tests };
}
