import { TickforgeError } from '../../core/errors.js';

/**
 * Sample autocorrelations r_0 = 1, r_1 .. r_maxLag of a finite series, as statsmodels'
 * `acf(x, nlags, adjusted=False, fft=False)`: the mean is removed and every lag's sum of
 * products is divided by the same n (the biased estimator, whose autocorrelation matrix stays
 * positive semi-definite). Direct O(n * maxLag) sums: the lags diagnostics ask for are few.
 * @throws TF_ERR_FORECAST_OPTION for a maxLag that is not a whole number in [0, n - 1]
 * @throws TF_ERR_FORECAST_SERIES_NOT_FINITE, TF_ERR_FORECAST_SERIES_CONSTANT
 */
export function autocorrelation(series: ArrayLike<number>, maxLag: number): Float64Array {
  const n = series.length;
  if (!Number.isInteger(maxLag) || maxLag < 0 || maxLag >= n) {
    throw new TickforgeError('TF_ERR_FORECAST_OPTION', `Autocorrelation maxLag must be a whole number from 0 to ${n - 1} (one less than the series length); got ${maxLag}.`, {
      details: { option: 'maxLag', value: maxLag },
    });
  }
  let mean = 0;
  for (let t = 0; t < n; t++) {
    const value = series[t];
    if (!Number.isFinite(value)) {
      throw new TickforgeError('TF_ERR_FORECAST_SERIES_NOT_FINITE', `Autocorrelation input value ${t} is ${value}; drop or fill non-finite values first.`, { details: { index: t, value: String(value) } });
    }
    mean += value;
  }
  mean /= n;
  const centred = new Float64Array(n);
  for (let t = 0; t < n; t++) centred[t] = series[t] - mean;
  let variance = 0;
  for (let t = 0; t < n; t++) variance += centred[t] * centred[t];
  if (!(variance > 0)) {
    throw new TickforgeError('TF_ERR_FORECAST_SERIES_CONSTANT', `Autocorrelation input is constant (every value is ${series[0]}); autocorrelations are undefined for a series without variation.`);
  }
  const result = new Float64Array(maxLag + 1);
  result[0] = 1;
  for (let lag = 1; lag <= maxLag; lag++) {
    let sum = 0;
    for (let t = lag; t < n; t++) sum += centred[t] * centred[t - lag];
    result[lag] = sum / variance;
  }
  return result;
}
