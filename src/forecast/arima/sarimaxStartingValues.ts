import { leastSquares } from '../linearAlgebra/leastSquares.js';
import type { SarimaxProblem } from './SarimaxProblem.js';
import { isStationary } from './stationaryTransform.js';

export interface StartingValues {
  /** Constrained parameters in layout order without sigma2. */
  parameters: Float64Array;
  /** Why a block was reset to zeros (statsmodels warns the same way). */
  notes: string[];
}

/**
 * statsmodels' `SARIMAX.start_params` (0.13): OLS of the differenced series on the
 * differenced regressors; then, for the non-seasonal part (with the trend) and the seasonal
 * part separately, `_conditional_sum_squares`: residuals of a long AR(2q) stand in for the
 * shocks in a least-squares regression of the series on its AR lags and the lagged residuals.
 * Its quirks are kept (the trend regressors are rows 1..N of the time index, not aligned with
 * the differenced observations) so the start is statsmodels' start.
 */
export function hannanRissanenStart(problem: SarimaxProblem): StartingValues {
  const { layout } = problem;
  const out = new Float64Array(layout.varianceOffset);
  const notes: string[] = [];
  let endog = Float64Array.from(problem.differenced);
  const N = endog.length;
  if (layout.exogCount > 0) {
    const k = layout.exogCount;
    const design = new Float64Array(N * k);
    for (let t = 0; t < N; t++) for (let j = 0; j < k; j++) design[t * k + j] = problem.differencedExog[j][t];
    const beta = leastSquares(design, endog, N, k) ?? new Float64Array(k);
    for (let j = 0; j < k; j++) out[layout.exogOffset + j] = beta[j];
    endog = endog.map((value, t) => {
      let fitted = 0;
      for (let j = 0; j < k; j++) fitted += beta[j] * problem.differencedExog[j][t];
      return value - fitted;
    });
  }
  const trendColumns = layout.trendPowers.map((power) => Float64Array.from({ length: N }, (_, i) => (power === 0 ? 1 : i + 1)));
  const arLags = Array.from({ length: layout.p }, (_, i) => i + 1);
  const maLags = Array.from({ length: layout.q }, (_, i) => i + 1);
  const regular = conditionalSumOfSquares(endog, layout.p, arLags, layout.q, maLags, trendColumns);
  if (regular) {
    for (let k = 0; k < trendColumns.length; k++) out[layout.trendOffset + k] = regular[k];
    const ar = regular.subarray(trendColumns.length, trendColumns.length + layout.p);
    const ma = regular.subarray(trendColumns.length + layout.p);
    if (layout.enforceStationarity && !isStationary(ar)) notes.push('non-stationary starting AR parameters; zeros used instead');
    else out.set(ar, layout.arOffset);
    if (layout.enforceInvertibility && !isStationary(ma.map((value) => -value))) notes.push('non-invertible starting MA parameters; zeros used instead');
    else out.set(ma, layout.maOffset);
  } else if (layout.p + layout.q + trendColumns.length > 0) {
    notes.push('too few observations for the starting-value regressions of the ARMA part; zeros used instead');
  }
  const s = layout.period;
  if (layout.seasonalP + layout.seasonalQ > 0) {
    const seasonalArLags = Array.from({ length: layout.seasonalP }, (_, i) => (i + 1) * s);
    const seasonalMaLags = Array.from({ length: layout.seasonalQ }, (_, i) => (i + 1) * s);
    const seasonal = conditionalSumOfSquares(endog, layout.seasonalP * s, seasonalArLags, layout.seasonalQ * s, seasonalMaLags, []);
    if (seasonal) {
      const ar = seasonal.subarray(0, layout.seasonalP);
      const ma = seasonal.subarray(layout.seasonalP);
      if (layout.enforceStationarity && !isStationary(ar)) notes.push('non-stationary starting seasonal AR parameters; zeros used instead');
      else out.set(ar, layout.seasonalArOffset);
      if (layout.enforceInvertibility && !isStationary(ma.map((value) => -value))) notes.push('non-invertible starting seasonal MA parameters; zeros used instead');
      else out.set(ma, layout.seasonalMaOffset);
    } else {
      notes.push('too few observations for the starting-value regressions of the seasonal part; zeros used instead');
    }
  }
  return { parameters: out, notes };
}

/**
 * statsmodels' `_conditional_sum_squares`: [trend, ar at `arLags`, ma at `maLags`] by least
 * squares, or undefined when there are too few rows or the design is singular.
 */
function conditionalSumOfSquares(
  endog: Float64Array,
  maxAr: number,
  arLags: number[],
  maxMa: number,
  maLags: number[],
  trendColumns: Float64Array[],
): Float64Array | undefined {
  const n = endog.length;
  const k = 2 * maxMa;
  const r = Math.max(k + maxMa, maxAr);
  let residuals: Float64Array | undefined;
  if (maxMa > 0) {
    const rows = n - k;
    if (rows <= k) return undefined;
    const design = new Float64Array(rows * k);
    for (let t = 0; t < rows; t++) for (let l = 0; l < k; l++) design[t * k + l] = endog[t + k - l - 1];
    const response = endog.subarray(k);
    const coefficients = leastSquares(design, response, rows, k);
    if (!coefficients) return undefined;
    residuals = new Float64Array(rows);
    for (let t = 0; t < rows; t++) {
      let fitted = 0;
      for (let l = 0; l < k; l++) fitted += coefficients[l] * design[t * k + l];
      residuals[t] = response[t] - fitted;
    }
  }
  const columns = trendColumns.length + arLags.length + maLags.length;
  if (columns === 0) return new Float64Array(0);
  const rows = n - r;
  if (rows <= columns) return undefined;
  const design = new Float64Array(rows * columns);
  for (let i = 0; i < rows; i++) {
    const t = i + r;
    let c = 0;
    for (const column of trendColumns) design[i * columns + c++] = column[i];
    for (const lag of arLags) design[i * columns + c++] = endog[t - lag];
    // residuals[j] belongs to time j + k.
    for (const lag of maLags) design[i * columns + c++] = residuals![t - lag - k];
  }
  return leastSquares(design, endog.subarray(r), rows, columns);
}
