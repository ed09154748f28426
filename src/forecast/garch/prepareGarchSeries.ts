import { TickforgeError } from '../../core/errors.js';
import { leastSquares } from '../linearAlgebra/leastSquares.js';
import type { GarchLayout } from './GarchSpecification.js';

/** The series checked, and the mean model's starting values and residuals (original units). */
export interface PreparedSeries {
  series: Float64Array;
  /** Starting mean parameters: the sample mean, or OLS of y on a constant and its lags (arch's). */
  meanStart: Float64Array;
  /** Residuals of the starting mean parameters, one per observation in the likelihood. */
  residuals: Float64Array;
  /** Root mean square of those residuals: the scale the fit divides the series by. */
  scale: number;
}

/** Observations the likelihood needs at least: 20, or 5 per parameter when that is more. */
export function minimumGarchObservations(layout: GarchLayout): number {
  return Math.max(20, 5 * layout.count);
}

/**
 * Refuses what no variance model can fit, with an error naming the problem: a non-finite
 * value (with its index), too few observations for the order, a constant series or residuals
 * without variation. Then computes arch's starting mean parameters and residuals.
 */
export function prepareGarchSeries(values: ArrayLike<number>, layout: GarchLayout): PreparedSeries {
  const series = Float64Array.from(values);
  const n = series.length;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(series[i])) {
      throw new TickforgeError('TF_ERR_FORECAST_SERIES_NOT_FINITE', `GARCH input value ${i} is ${series[i]}; drop or fill missing and non-finite returns before fitting.`, {
        details: { index: i, value: String(series[i]) },
      });
    }
  }
  const observations = n - layout.holdBack;
  const needed = minimumGarchObservations(layout);
  if (observations < needed) {
    throw new TickforgeError(
      'TF_ERR_FORECAST_SERIES_TOO_SHORT',
      `GARCH needs at least ${needed} observations for ${layout.count} parameters${layout.holdBack ? ` after holding back ${layout.holdBack} for the AR lags` : ''}; the series has ${n}. Use a longer series or a smaller order.`,
      { details: { length: n, needed: needed + layout.holdBack } },
    );
  }
  if (series.every((value) => value === series[0])) {
    throw new TickforgeError('TF_ERR_FORECAST_SERIES_CONSTANT', `GARCH input is constant (every value is ${series[0]}); a variance model needs a series that varies.`);
  }
  const meanStart = new Float64Array(layout.meanCount);
  const residuals = new Float64Array(observations);
  if (layout.mean === 'zero') {
    residuals.set(series);
  } else if (layout.mean === 'constant') {
    let mean = 0;
    for (const value of series) mean += value;
    mean /= n;
    meanStart[0] = mean;
    for (let t = 0; t < n; t++) residuals[t] = series[t] - mean;
  } else {
    const k = layout.arLags;
    const columns = 1 + k;
    const design = new Float64Array(observations * columns);
    for (let t = 0; t < observations; t++) {
      design[t * columns] = 1;
      for (let j = 1; j <= k; j++) design[t * columns + j] = series[t + k - j];
    }
    const coefficients = leastSquares(design, series.subarray(k), observations, columns);
    if (!coefficients) {
      throw new TickforgeError('TF_ERR_FORECAST_SERIES_CONSTANT', `GARCH AR(${k}) mean: the lagged values are collinear (the series is constant or periodic); use a constant mean or fewer lags.`);
    }
    meanStart.set(coefficients);
    for (let t = 0; t < observations; t++) {
      let fitted = coefficients[0];
      for (let j = 1; j <= k; j++) fitted += coefficients[j] * series[t + k - j];
      residuals[t] = series[t + k] - fitted;
    }
  }
  let meanSquare = 0;
  for (const e of residuals) meanSquare += e * e;
  meanSquare /= observations;
  const scale = Math.sqrt(meanSquare);
  if (!(scale > 1e-150) || !Number.isFinite(scale)) {
    throw new TickforgeError('TF_ERR_FORECAST_SERIES_CONSTANT', `GARCH residuals after the ${layout.mean} mean have no variation (root mean square ${scale}); a variance model needs a series that varies.`);
  }
  return { series, meanStart, residuals, scale };
}
