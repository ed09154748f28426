import { TickforgeError } from '../../core/errors.js';
import { kpss, type KpssLags } from './kpss.js';

export interface DifferencingOrderOptions {
  /** Significance level of each KPSS test (default 0.05): difference while its p-value is below. */
  alpha?: number;
  /** The most differences (default 2, as auto_arima's max_d). */
  maxOrder?: number;
  /** KPSS lag rule (default 'short', pmdarima's `lshort=True`). */
  lags?: KpssLags;
}

export interface DifferencingTest {
  /** Differences taken before this test. */
  differences: number;
  statistic: number;
  pValue: number;
  lags: number;
}

export interface DifferencingOrder {
  order: number;
  /** The KPSS tests run, in order: the last one either kept stationarity or hit maxOrder. */
  tests: DifferencingTest[];
  /** Why the search stopped before a test could accept stationarity, if it did: 'constant' (a difference left a constant series), 'max-order'. */
  stoppedBy: 'constant' | 'max-order' | null;
}

/**
 * The number of first differences d that makes a series level-stationary by repeated KPSS tests,
 * as pmdarima's `ndiffs(x, alpha, test='kpss', max_d)` (and R forecast's `ndiffs`): test; while
 * stationarity is rejected at `alpha` and d < maxOrder, difference once more and test again. A
 * constant series needs no difference; a difference that leaves a constant series stops there.
 * @throws TF_ERR_FORECAST_OPTION, TF_ERR_FORECAST_SERIES_NOT_FINITE, TF_ERR_FORECAST_SERIES_TOO_SHORT
 */
export function chooseDifferencingOrder(series: ArrayLike<number>, options: DifferencingOrderOptions = {}): DifferencingOrder {
  const alpha = options.alpha ?? 0.05;
  const maxOrder = options.maxOrder ?? 2;
  const lags = options.lags ?? 'short';
  if (!(alpha > 0 && alpha < 1)) throw new TickforgeError('TF_ERR_FORECAST_OPTION', `Differencing alpha must lie in (0, 1); got ${alpha}.`, { details: { option: 'alpha', value: alpha } });
  if (!Number.isInteger(maxOrder) || maxOrder < 0) {
    throw new TickforgeError('TF_ERR_FORECAST_OPTION', `Differencing maxOrder must be a whole number >= 0; got ${maxOrder}.`, { details: { option: 'maxOrder', value: maxOrder } });
  }
  let values = Float64Array.from(series);
  const tests: DifferencingTest[] = [];
  if (isConstant(values)) return { order: 0, tests, stoppedBy: 'constant' };
  const test = (differences: number): boolean => {
    const result = kpss(values, { regression: 'level', lags });
    tests.push({ differences, statistic: result.statistic, pValue: result.pValue, lags: result.lags });
    return result.pValue < alpha;
  };
  let order = 0;
  let rejected = test(0);
  while (rejected && order < maxOrder) {
    order++;
    values = values.subarray(1).map((value, t) => value - values[t]);
    if (isConstant(values)) return { order, tests, stoppedBy: 'constant' };
    rejected = test(order);
  }
  return { order, tests, stoppedBy: rejected ? 'max-order' : null };
}

function isConstant(values: Float64Array): boolean {
  return values.every((value) => value === values[0]);
}
