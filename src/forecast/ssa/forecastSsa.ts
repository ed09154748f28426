import { TickforgeError } from '../../core/errors.js';
import type { SsaDecomposition } from './decomposeSsa.js';
import { linearRecurrence, recurrentForecast, vectorForecast } from './linearRecurrence.js';
import { checkHorizon } from './validateSsaInput.js';

export type SsaForecastMethod = 'recurrent' | 'vector';

export interface SsaForecastOptions {
  horizon: number;
  /** Eigen-triples (0-based) that make the signal. Default: all the decomposition computed. */
  group?: readonly number[];
  /** 'recurrent' (R-forecasting, the default) or 'vector' (V-forecasting). */
  method?: SsaForecastMethod;
}

export interface SsaForecast {
  /** Forecasts of the signal at steps 1..horizon. */
  mean: Float64Array;
  /** The signal reconstructed from the group over the observed span (the forecasts' base). */
  reconstruction: Float64Array;
  group: number[];
  method: SsaForecastMethod;
  /** The linear recurrence R (oldest lag first) and its verticality nu^2. */
  recurrence: Float64Array;
  verticality: number;
  warnings: string[];
}

/**
 * Recurrent or vector SSA forecasting of the signal a group of eigen-triples spans (Golyandina,
 * Nekrutkin and Zhigljavsky 2001, ch. 2), continuing the group's reconstruction; Rssa's
 * `rforecast` / `vforecast` with `base = "reconstructed"`. Throws TF_ERR_FORECAST_OPTION when
 * nu^2 >= 1 (no recurrence exists: pick fewer components) and when the forecast is not finite.
 */
export function forecastSsa(decomposition: SsaDecomposition, options: SsaForecastOptions): SsaForecast {
  checkHorizon(options.horizon);
  const method = options.method ?? 'recurrent';
  if (method !== 'recurrent' && method !== 'vector') throw new TickforgeError('TF_ERR_FORECAST_OPTION', `SSA forecast method '${String(method)}' is not 'recurrent' or 'vector'.`);
  const group = [...(options.group ?? Array.from({ length: decomposition.components }, (_, k) => k))];
  if (group.length === 0) throw new TickforgeError('TF_ERR_FORECAST_OPTION', 'SSA forecast group is empty: name at least one eigen-triple.');
  const reconstruction = decomposition.reconstruct([group])[0];
  const basis = group.map((index) => decomposition.eigenvectors[index]);
  const recurrence = linearRecurrence(basis);
  const mean = method === 'recurrent' ? recurrentForecast(reconstruction, recurrence, options.horizon) : vectorForecast(reconstruction, basis, recurrence, options.horizon);
  if (!mean.every(Number.isFinite)) {
    throw new TickforgeError('TF_ERR_FORECAST_OPTION', `The SSA ${method} forecast overflowed (the recurrence of ${group.length} components is explosive over ${options.horizon} steps); use fewer components or a shorter horizon.`);
  }
  return { mean, reconstruction, group, method, recurrence: recurrence.coefficients, verticality: recurrence.verticality, warnings: [...decomposition.warnings, ...recurrence.warnings] };
}
