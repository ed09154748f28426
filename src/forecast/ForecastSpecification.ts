import { TickforgeError } from '../core/errors.js';
import type { SarimaxOptions } from './arima/SarimaxSpecification.js';

export const forecastModelNames = ['arima', 'sarimax', 'garch', 'gjr', 'egarch', 'ssa', 'ensemble'] as const;
export type ForecastModelName = (typeof forecastModelNames)[number];

/** Which model to fit and how far to forecast: what `tickforge forecast` options come to. */
export interface ForecastSpecification {
  model: ForecastModelName;
  /** (p, d, q) of ARIMA/SARIMAX; default (1, 0, 0) for arima and sarimax; with `automatic`, the upper bounds of the search. */
  order?: readonly [number, number, number];
  /** (P, D, Q, s) of SARIMAX. */
  seasonal?: readonly [number, number, number, number];
  /** Trend terms of ARIMA/SARIMAX: statsmodels' 'n', 'c', 't' or 'ct' (default 'c' when d + D = 0, else 'n'). */
  trend?: 'n' | 'c' | 't' | 'ct';
  /** ARIMA/SARIMAX: choose the order by information criterion (stepwise search) instead of `order`. */
  automatic?: boolean;
  /** GARCH family: standardised error distribution. */
  distribution?: 'normal' | 't';
  /** SSA: embedding window length and number of components (default: chosen by explained variance). */
  windowLength?: number;
  components?: number;
  /** Steps ahead. */
  horizon: number;
  /** Interval coverage, default 0.95. */
  level?: number;
}

/** Throws TF_ERR_FORECAST_OPTION naming the option when the specification cannot be fitted. */
export function checkForecastSpecification(specification: ForecastSpecification): void {
  if (!forecastModelNames.includes(specification.model)) {
    throw new TickforgeError('TF_ERR_FORECAST_OPTION', `Unknown model '${specification.model}'; use ${forecastModelNames.join(', ')}.`);
  }
  if (!Number.isInteger(specification.horizon) || specification.horizon < 1 || specification.horizon > 10_000) {
    throw new TickforgeError('TF_ERR_FORECAST_OPTION', `horizon = ${specification.horizon} is not an integer in [1, 10000].`);
  }
  const level = specification.level ?? 0.95;
  if (!(level > 0 && level < 1)) throw new TickforgeError('TF_ERR_FORECAST_OPTION', `level = ${level} is not in (0, 1); give e.g. 0.95 for a 95% interval.`);
  if (specification.seasonal !== undefined && specification.model !== 'sarimax' && specification.model !== 'arima') {
    throw new TickforgeError('TF_ERR_FORECAST_OPTION', `--seasonal applies to arima and sarimax, not ${specification.model}.`);
  }
  if (specification.distribution !== undefined && !['garch', 'gjr', 'egarch'].includes(specification.model)) {
    throw new TickforgeError('TF_ERR_FORECAST_OPTION', `--dist applies to garch, gjr and egarch, not ${specification.model}.`);
  }
}

/**
 * The SARIMAX options a fixed-order specification means: (p,d,q) default (1,0,0), the seasonal
 * order when its period is above 1, and statsmodels' trend, default a constant only without
 * differencing (a constant in a differenced model would be a drift, asked for with 't').
 */
export function sarimaxOptionsOf(specification: ForecastSpecification): Pick<SarimaxOptions, 'order' | 'seasonalOrder' | 'trend'> {
  const order = specification.order ?? [1, 0, 0];
  const seasonal = specification.seasonal ?? [0, 0, 0, 0];
  return {
    order: [...order] as [number, number, number],
    seasonalOrder: seasonal[3] > 1 ? ([...seasonal] as [number, number, number, number]) : undefined,
    trend: specification.trend ?? (order[1] + seasonal[1] > 0 ? 'n' : 'c'),
  };
}
