import { TickforgeError } from '../core/errors.js';

/** How a raw column becomes the series a model fits: as is, its logarithm, log returns or simple returns. */
export type SeriesTransform = 'none' | 'log' | 'logret' | 'pctret';

export const seriesTransforms: readonly SeriesTransform[] = ['none', 'log', 'logret', 'pctret'];

export interface TransformedSeries {
  transform: SeriesTransform;
  values: Float64Array;
  /** Index into the raw column of each value: returns start at the second observation. */
  sourceIndex: Int32Array;
}

/**
 * Applies `transform` to `raw`: 'log' is ln x_t, 'logret' ln(x_t / x_t-1) and 'pctret'
 * x_t / x_t-1 - 1 (decimal returns, not percent), so both return series are one shorter.
 * Every value must be finite, and positive for the three that take ratios or logarithms; the
 * error names the first offending observation (1-based, as a user counts rows) so the user can
 * fix or drop it. `label` says where the values came from (file and column).
 */
export function transformSeries(raw: ArrayLike<number>, transform: SeriesTransform, label = 'the series'): TransformedSeries {
  if (!seriesTransforms.includes(transform)) {
    throw new TickforgeError('TF_ERR_FORECAST_OPTION', `Unknown transform '${transform}'; use ${seriesTransforms.join(', ')}.`);
  }
  for (let i = 0; i < raw.length; i++) {
    const x = raw[i];
    if (!Number.isFinite(x)) {
      throw new TickforgeError('TF_ERR_FORECAST_SERIES_NOT_FINITE', `${label}: observation ${i + 1} is ${x}; drop or fill missing values before forecasting.`, { details: { observation: i + 1 } });
    }
    if (transform !== 'none' && !(x > 0)) {
      throw new TickforgeError('TF_ERR_FORECAST_OPTION', `${label}: observation ${i + 1} is ${x}, but transform '${transform}' needs positive values (prices); use --transform none for a series that is already a return or can be negative.`, { details: { observation: i + 1 } });
    }
  }
  const n = raw.length;
  if (transform === 'none' || transform === 'log') {
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) values[i] = transform === 'log' ? Math.log(raw[i]) : raw[i];
    return { transform, values, sourceIndex: Int32Array.from({ length: n }, (_, i) => i) };
  }
  const length = Math.max(0, n - 1);
  const values = new Float64Array(length);
  for (let i = 1; i < n; i++) values[i - 1] = transform === 'logret' ? Math.log(raw[i] / raw[i - 1]) : raw[i] / raw[i - 1] - 1;
  return { transform, values, sourceIndex: Int32Array.from({ length }, (_, i) => i + 1) };
}
