import { TickforgeError } from '../../core/errors.js';

/**
 * The models' default selection: the fewest leading eigen-triples explaining 99% of ||X||_F^2
 * (uncentred SSA, so the level's eigen-triple alone holds ~98% on AirPassengers and >99.6% on a
 * daily stock price; 99% keeps AirPassengers' trend plus its annual sine pair and a price's
 * level, where 90% would keep the level alone everywhere), at most 10.
 */
export const defaultSsaVarianceShare = 0.99;
export const defaultSsaMaximumComponents = 10;

/** Longest default window: keeps a decomposition of 1,260 daily bars to about a millisecond. */
export const defaultSsaWindowCap = 120;

/**
 * The default window length: half the series (Golyandina's advice for the best separability,
 * L close to N / 2) capped at `defaultSsaWindowCap`. The cap is for speed: the lag-covariance
 * matrix is L x L and the leading eigenvectors cost O(L^2) per iteration; 120 lags keep a
 * 1,260-bar symbol around a millisecond and still span half a year of daily bars or ten years of
 * monthly ones. Pass `windowLength` for longer periodicities.
 */
export function defaultSsaWindowLength(observations: number): number {
  return Math.max(2, Math.min(Math.floor(observations / 2), defaultSsaWindowCap));
}

/** Checks one series for SSA: finite values and at least 3 observations. */
export function checkSsaSeries(series: ArrayLike<number>, label: string): Float64Array {
  if (series.length < 3) {
    throw new TickforgeError('TF_ERR_FORECAST_SERIES_TOO_SHORT', `SSA needs at least 3 observations (a window of 2 and 2 lagged vectors); ${label} has ${series.length}.`);
  }
  const copy = Float64Array.from(series);
  for (let t = 0; t < copy.length; t++) {
    if (!Number.isFinite(copy[t])) {
      throw new TickforgeError('TF_ERR_FORECAST_SERIES_NOT_FINITE', `${label} holds ${copy[t]} at index ${t}; SSA needs finite values: drop or fill them first.`, { details: { index: t } });
    }
  }
  return copy;
}

export function checkWindowLength(windowLength: number | undefined, observations: number): number {
  const L = windowLength ?? defaultSsaWindowLength(observations);
  if (!Number.isInteger(L) || L < 2 || L > observations - 1) {
    throw new TickforgeError('TF_ERR_FORECAST_OPTION', `SSA windowLength ${windowLength} must be an integer from 2 to ${observations - 1} (the series length minus 1) for ${observations} observations.`);
  }
  return L;
}

export function checkComponentRequest(components: number | undefined, varianceShare: number | undefined, windowLength: number, maximumComponents?: number): void {
  if (maximumComponents !== undefined && (!Number.isInteger(maximumComponents) || maximumComponents < 1)) {
    throw new TickforgeError('TF_ERR_FORECAST_OPTION', `SSA maximumComponents ${maximumComponents} must be a positive integer.`);
  }
  if (components !== undefined && (!Number.isInteger(components) || components < 1 || components > windowLength)) {
    throw new TickforgeError('TF_ERR_FORECAST_OPTION', `SSA components ${components} must be an integer from 1 to the window length ${windowLength}.`);
  }
  if (varianceShare !== undefined && !(varianceShare > 0 && varianceShare <= 1)) {
    throw new TickforgeError('TF_ERR_FORECAST_OPTION', `SSA varianceShare ${varianceShare} must lie in (0, 1].`);
  }
  if (components !== undefined && varianceShare !== undefined) {
    throw new TickforgeError('TF_ERR_FORECAST_OPTION', 'SSA takes either components or varianceShare, not both: drop one of them.');
  }
}

export function checkHorizon(horizon: number): void {
  if (!Number.isInteger(horizon) || horizon < 1) {
    throw new TickforgeError('TF_ERR_FORECAST_OPTION', `SSA horizon ${horizon} must be a positive integer.`);
  }
}
