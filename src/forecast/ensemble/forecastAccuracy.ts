/** Point-forecast accuracy over a set of (forecast, actual) pairs, as in Hyndman and Athanasopoulos, FPP3 ch. 5.8. */
export interface AccuracyMeasures {
  /** Pairs scored: those with a finite forecast (a model that failed at an origin has none there). */
  count: number;
  /** Mean absolute error. */
  mae: number;
  /** Root mean squared error. */
  rmse: number;
  /** 100 x mean |error / actual| over the pairs whose actual is not zero; NaN when none is. */
  mape: number;
  /** Pairs in the MAPE: `count` less those whose actual is zero (skipped, since the percentage is undefined). */
  mapeCount: number;
  /**
   * Share in [0, 1] of pairs where the forecast's change from the origin's last value has the
   * sign of the actual change. A forecast of no change is a miss (it calls no direction), so
   * the naive forecast scores 0; pairs whose actual did not change are left out.
   */
  directionalAccuracy: number;
  /** Pairs in the directional accuracy: `count` less those whose actual did not change. */
  directionalCount: number;
}

/** One model's errors against a baseline's on the pairs where both forecast. */
export interface RelativeAccuracy {
  /** Pairs where both the model and the baseline have a forecast. */
  count: number;
  /**
   * RMSE of the model / RMSE of the baseline on those pairs: below 1 the model beats the
   * baseline. Against the naive forecast this is Theil's U2 statistic.
   */
  rmseRatio: number;
  /** MAE of the model / MAE of the baseline on those pairs. */
  maeRatio: number;
}

/**
 * Accuracy of `forecast` against `actual`, pair by pair; `originValue` is the last value the
 * forecast saw (for the direction of change). NaN forecasts are skipped.
 */
export function accuracyMeasures(forecast: ArrayLike<number>, actual: ArrayLike<number>, originValue: ArrayLike<number>): AccuracyMeasures {
  let count = 0;
  let absolute = 0;
  let squares = 0;
  let percentage = 0;
  let mapeCount = 0;
  let hits = 0;
  let directionalCount = 0;
  for (let i = 0; i < forecast.length; i++) {
    const f = forecast[i];
    if (!Number.isFinite(f)) continue;
    const a = actual[i];
    const error = a - f;
    count++;
    absolute += Math.abs(error);
    squares += error * error;
    if (a !== 0) {
      percentage += Math.abs(error / a);
      mapeCount++;
    }
    const actualChange = Math.sign(a - originValue[i]);
    if (actualChange !== 0) {
      directionalCount++;
      if (Math.sign(f - originValue[i]) === actualChange) hits++;
    }
  }
  return {
    count,
    mae: count ? absolute / count : NaN,
    rmse: count ? Math.sqrt(squares / count) : NaN,
    mape: mapeCount ? (100 * percentage) / mapeCount : NaN,
    mapeCount,
    directionalAccuracy: directionalCount ? hits / directionalCount : NaN,
    directionalCount,
  };
}

/** The model's RMSE and MAE relative to the baseline's, on the pairs where both are finite. */
export function relativeAccuracy(forecast: ArrayLike<number>, baseline: ArrayLike<number>, actual: ArrayLike<number>): RelativeAccuracy {
  let count = 0;
  let squares = 0;
  let baselineSquares = 0;
  let absolute = 0;
  let baselineAbsolute = 0;
  for (let i = 0; i < forecast.length; i++) {
    if (!Number.isFinite(forecast[i]) || !Number.isFinite(baseline[i])) continue;
    const error = actual[i] - forecast[i];
    const baselineError = actual[i] - baseline[i];
    count++;
    squares += error * error;
    baselineSquares += baselineError * baselineError;
    absolute += Math.abs(error);
    baselineAbsolute += Math.abs(baselineError);
  }
  return { count, rmseRatio: count ? Math.sqrt(squares / baselineSquares) : NaN, maeRatio: count ? absolute / baselineAbsolute : NaN };
}
