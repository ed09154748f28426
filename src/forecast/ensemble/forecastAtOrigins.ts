import { TickforgeError, type ErrorCode } from '../../core/errors.js';
import type { ForecastModel } from '../ForecastModel.js';

/** Why a model has no forecast at one origin. */
export interface OriginFailure {
  /** Index in the series of the last observation the model was given. */
  origin: number;
  /** The TickforgeError's code, or 'invalid-forecast' for output of the wrong length or with non-finite means. */
  code: ErrorCode | 'invalid-forecast';
  message: string;
}

export interface OriginForecasts {
  /** origins x horizon, row-major; NaN where the model failed. */
  forecasts: Float64Array;
  standardErrors: Float64Array;
  failures: OriginFailure[];
  /** Each distinct warning the model gave, with the number of origins that gave it. */
  warnings: Map<string, number>;
}

/**
 * Runs `model` at each origin in order on a copy of series[windowStart(origin) .. origin]
 * (a copy, so not even the underlying buffer exposes later values). A TickforgeError from
 * the model, or output that breaks the ForecastModel contract, becomes a recorded failure;
 * any other exception is a bug and propagates.
 */
export function forecastAtOrigins(
  model: ForecastModel,
  series: Float64Array,
  origins: ArrayLike<number>,
  horizon: number,
  windowStart: (origin: number) => number,
  afterEach?: () => void,
): OriginForecasts {
  const count = origins.length;
  const forecasts = new Float64Array(count * horizon).fill(NaN);
  const standardErrors = new Float64Array(count * horizon).fill(NaN);
  const failures: OriginFailure[] = [];
  const warnings = new Map<string, number>();
  for (let k = 0; k < count; k++) {
    const origin = origins[k];
    const history = series.slice(windowStart(origin), origin + 1);
    try {
      const result = model.forecast(history, horizon);
      const problem = contractProblem(result.mean, result.standardError, horizon);
      if (problem) {
        failures.push({ origin, code: 'invalid-forecast', message: `${model.name}: ${problem}` });
      } else {
        forecasts.set(result.mean, k * horizon);
        standardErrors.set(result.standardError, k * horizon);
      }
      for (const warning of new Set(result.warnings)) warnings.set(warning, (warnings.get(warning) ?? 0) + 1);
    } catch (error) {
      if (!(error instanceof TickforgeError)) throw error;
      failures.push({ origin, code: error.code, message: error.message });
    }
    afterEach?.();
  }
  return { forecasts, standardErrors, failures, warnings };
}

function contractProblem(mean: Float64Array, standardError: Float64Array, horizon: number): string | undefined {
  if (mean.length !== horizon || standardError.length !== horizon) {
    return `returned ${mean.length} means and ${standardError.length} standard errors for a horizon of ${horizon}`;
  }
  const bad = mean.findIndex((value) => !Number.isFinite(value));
  return bad >= 0 ? `mean at step ${bad + 1} is ${mean[bad]}` : undefined;
}

/** "message (at 3 of 40 origins)" lines, most frequent first. */
export function summariseWarnings(warnings: Map<string, number>, origins: number): string[] {
  return [...warnings.entries()].sort((a, b) => b[1] - a[1]).map(([message, count]) => `${message} (at ${count} of ${origins} origins)`);
}
