import { TickforgeError } from '../../core/errors.js';
import type { SarimaxLayout } from './SarimaxSpecification.js';

/** The fewest observations a SARIMAX fit accepts: the differencing, a diffuse burn-in, and more observations than parameters plus the longest lag. */
export function minimumSarimaxObservations(layout: SarimaxLayout): number {
  const burn = layout.enforceStationarity ? 0 : Math.max(layout.arDegree, layout.maDegree + 1);
  return layout.differencingOrder + burn + layout.count + Math.max(layout.arDegree, layout.maDegree) + 1;
}

/** Copies and checks the series and the regressors; throws a TickforgeError naming the problem. */
export function prepareSarimaxData(series: ArrayLike<number>, exog: readonly ArrayLike<number>[] | undefined, layout: SarimaxLayout): { y: Float64Array; x: Float64Array[] } {
  const y = Float64Array.from(series);
  for (let t = 0; t < y.length; t++) {
    if (!Number.isFinite(y[t])) {
      throw new TickforgeError('TF_ERR_FORECAST_SERIES_NOT_FINITE', `SARIMAX series value ${y[t]} at index ${t} is not finite; drop or fill missing values before fitting.`);
    }
  }
  const x = (exog ?? []).map((column, j) => {
    if (column.length !== y.length) {
      throw new TickforgeError('TF_ERR_FORECAST_OPTION', `SARIMAX exog column ${j + 1} has ${column.length} values for a series of ${y.length}; give one value per observation.`);
    }
    const copy = Float64Array.from(column);
    for (let t = 0; t < copy.length; t++) {
      if (!Number.isFinite(copy[t])) {
        throw new TickforgeError('TF_ERR_FORECAST_SERIES_NOT_FINITE', `SARIMAX exog column ${j + 1} value ${copy[t]} at index ${t} is not finite; drop or fill missing values before fitting.`);
      }
    }
    return copy;
  });
  const minimum = minimumSarimaxObservations(layout);
  if (y.length < minimum) {
    throw new TickforgeError(
      'TF_ERR_FORECAST_SERIES_TOO_SHORT',
      `SARIMAX with ${layout.count} parameters and ${layout.differencingOrder} differences needs at least ${minimum} observations; the series has ${y.length}. Use a longer series or lower orders.`,
    );
  }
  return { y, x };
}

/** Throws when the differenced series has no variation (nothing left to model; the variance would be zero). */
export function checkNotConstant(differenced: Float64Array, layout: SarimaxLayout): void {
  let low = Infinity;
  let high = -Infinity;
  let size = 0;
  for (const value of differenced) {
    low = Math.min(low, value);
    high = Math.max(high, value);
    size = Math.max(size, Math.abs(value));
  }
  if (!(high - low > 1e-12 * Math.max(size, 1e-300))) {
    const what = layout.differencingOrder > 0 ? `after ${layout.differencingOrder === layout.d ? `${layout.d} difference(s)` : 'differencing'} the series` : 'the series';
    throw new TickforgeError('TF_ERR_FORECAST_SERIES_CONSTANT', `SARIMAX: ${what} is constant (${low}); there is no variation to model. Use fewer differences or a non-constant series.`);
  }
}
