import { TickforgeError } from '../../core/errors.js';
import { reconstructGroup, shareWarning, type SsaOptions } from './decomposeSsa.js';
import { linearRecurrence, recurrentForecast, vectorForecast } from './linearRecurrence.js';
import type { SsaForecastMethod } from './forecastSsa.js';
import { ssaEigenTriples } from './ssaEigenTriples.js';
import { transposeProduct } from './trajectory.js';
import { checkComponentRequest, checkHorizon, checkSsaSeries, checkWindowLength } from './validateSsaInput.js';

export interface MssaOptions extends SsaOptions {
  /**
   * Divide each series by its root mean square before stacking (default true), so a series in
   * larger units does not own the leading eigen-triples; reconstructions and forecasts are
   * returned in each series' own units.
   */
  scaleSeries?: boolean;
}

export interface MssaDecomposition {
  series: Float64Array[];
  /** The divisor applied to each series before stacking (1 when `scaleSeries` is false). */
  scales: Float64Array;
  windowLength: number;
  components: number;
  /** Eigenvalues of sum_p X_p X_p' over the scaled series, descending. */
  eigenvalues: Float64Array;
  explainedVariance: Float64Array;
  totalVariance: number;
  /** The common left singular vectors U_i (length L). */
  eigenvectors: Float64Array[];
  /** reconstruct(groups)[g][p]: series p reconstructed from group g, in its own units. */
  reconstruct(groups: readonly (readonly number[])[]): Float64Array[][];
  warnings: string[];
}

/**
 * Multivariate SSA with the series' trajectory matrices stacked horizontally,
 * [X_1 : X_2 : ... : X_s] (L x sum K_p), as in Golyandina, Korobeynikov, Shlemov and Usevich
 * (Journal of Statistical Software 67(2), 2015; Rssa's `mssa`) and in Agarwal, Alomar and Shah's
 * mSSA (which stacks Page matrices the same way; Hankel matrices use every lagged vector). The
 * series share the column space span{U_i} in R^L, hence one linear recurrence; each keeps its own
 * factor vectors. All series must have the same length here.
 */
export function decomposeMssa(seriesList: readonly ArrayLike<number>[], options: MssaOptions = {}): MssaDecomposition {
  if (seriesList.length === 0) throw new TickforgeError('TF_ERR_FORECAST_OPTION', 'Multivariate SSA needs at least one series.');
  const series = seriesList.map((values, p) => checkSsaSeries(values, `series ${p}`));
  const N = series[0].length;
  series.forEach((values, p) => {
    if (values.length !== N) throw new TickforgeError('TF_ERR_FORECAST_OPTION', `Multivariate SSA needs series of one length: series 0 has ${N} observations, series ${p} has ${values.length}. Trim them to a common span.`);
  });
  const L = checkWindowLength(options.windowLength, N);
  checkComponentRequest(options.components, options.varianceShare, L, options.maximumComponents);
  const warnings: string[] = [];
  const scales = Float64Array.from(series, (values) => {
    if (options.scaleSeries === false) return 1;
    let sum = 0;
    for (const value of values) sum += value * value;
    return sum > 0 ? Math.sqrt(sum / values.length) : 1;
  });
  series.forEach((values, p) => {
    if (values.every((value) => value === 0)) warnings.push(`series ${p} is identically zero: its reconstruction and forecast are zero`);
  });
  const scaled = series.map((values, p) => values.map((value) => value / scales[p]));
  const triples = ssaEigenTriples(scaled, L, {
    components: options.components ?? (options.varianceShare === undefined ? L : undefined),
    varianceShare: options.varianceShare,
    maximumComponents: options.maximumComponents,
    startingVectors: options.startingVectors,
  });
  if (!(triples.totalVariance > 0)) throw new TickforgeError('TF_ERR_FORECAST_SERIES_CONSTANT', 'Every series is identically zero: multivariate SSA has nothing to decompose.');
  shareWarning(triples, options.varianceShare, warnings);
  const eigenvectors = Array.from({ length: triples.count }, (_, r) => triples.eigenvectors.slice(r * L, (r + 1) * L));
  const products = scaled.map((values) => eigenvectors.map((u) => transposeProduct(values, L, u)));
  return {
    series,
    scales,
    windowLength: L,
    components: triples.count,
    eigenvalues: triples.eigenvalues,
    explainedVariance: triples.eigenvalues.map((value) => value / triples.totalVariance),
    totalVariance: triples.totalVariance,
    eigenvectors,
    reconstruct: (groups) => groups.map((group) => products.map((own, p) => reconstructGroup(group, eigenvectors, own, N, L).map((value) => value * scales[p]))),
    warnings,
  };
}

export interface MssaForecast {
  /** mean[p]: forecasts of series p's signal at steps 1..horizon. */
  mean: Float64Array[];
  reconstruction: Float64Array[];
  group: number[];
  recurrence: Float64Array;
  verticality: number;
  warnings: string[];
}

/**
 * Column (common-recurrence) MSSA forecasting: the recurrence of the shared subspace continues
 * each series' reconstruction, recurrently or by V-forecasting (see linearRecurrence.ts).
 */
export function forecastMssa(decomposition: MssaDecomposition, options: { horizon: number; group?: readonly number[]; method?: SsaForecastMethod }): MssaForecast {
  checkHorizon(options.horizon);
  const method = options.method ?? 'recurrent';
  if (method !== 'recurrent' && method !== 'vector') throw new TickforgeError('TF_ERR_FORECAST_OPTION', `MSSA forecast method '${String(method)}' is not 'recurrent' or 'vector'.`);
  const group = [...(options.group ?? Array.from({ length: decomposition.components }, (_, k) => k))];
  if (group.length === 0) throw new TickforgeError('TF_ERR_FORECAST_OPTION', 'MSSA forecast group is empty: name at least one eigen-triple.');
  const reconstruction = decomposition.reconstruct([group])[0];
  const basis = group.map((index) => decomposition.eigenvectors[index]);
  const recurrence = linearRecurrence(basis);
  const mean = reconstruction.map((base) => (method === 'recurrent' ? recurrentForecast(base, recurrence, options.horizon) : vectorForecast(base, basis, recurrence, options.horizon)));
  if (!mean.every((values) => values.every(Number.isFinite))) {
    throw new TickforgeError('TF_ERR_FORECAST_OPTION', `The MSSA ${method} forecast overflowed (an explosive recurrence over ${options.horizon} steps); use fewer components or a shorter horizon.`);
  }
  return { mean, reconstruction, group, recurrence: recurrence.coefficients, verticality: recurrence.verticality, warnings: [...decomposition.warnings, ...recurrence.warnings] };
}
