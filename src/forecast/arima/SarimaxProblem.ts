import { ArmaKalmanFilter, type FilterSums } from './ArmaKalmanFilter.js';
import { ArmaKalmanGradient } from './ArmaKalmanGradient.js';
import { applyDifferencing, differencingPolynomial, reducedPolynomials, reducedPolynomialTangents, trendValue } from './sarimaxPolynomials.js';
import type { SarimaxLayout } from './SarimaxSpecification.js';
import { unconstrainStationary } from './stationaryTransform.js';

/*
 * The likelihood, and why it equals statsmodels' llf. statsmodels puts the d + sD differencing
 * states into the state vector with an approximate diffuse start (variance 1e6) and leaves the
 * first d + sD observations out of the likelihood (loglikelihood_burn); the ARMA block starts
 * from its stationary distribution. With an exactly diffuse start those first observations
 * carry no information about the ARMA states, so the remaining likelihood is exactly the
 * Gaussian likelihood of the differenced series w_t = (1 - L)^d (1 - L^s)^D (y_t - x_t'beta),
 * t = K..n-1, with the ARMA state at time K distributed as its stationary law (mean carried
 * forward from time 0 through the trend intercepts). That is what is computed here, on a
 * state of dimension max(p + sP, q + sQ + 1) instead of statsmodels' K more; the approximate
 * diffuse start differs from the exact one by O(1/1e6): 1.5e-7 in the airline model's llf.
 *
 * Without enforced stationarity statsmodels starts the whole state approximately diffuse and
 * burns K + m observations; here the ARMA state at time K starts at zero with variance 1e6
 * sigma2 (statsmodels: 1e6, not scaled by sigma2) and the next m observations are burnt.
 */
export class SarimaxProblem {
  readonly layout: SarimaxLayout;
  /** y_t (a copy). */
  readonly series: Float64Array;
  readonly exog: Float64Array[];
  /** delta_0..delta_K of the differencing polynomial. */
  readonly delta: Float64Array;
  readonly differencingOrder: number;
  /** The differenced series (length n - K). */
  readonly differenced: Float64Array;
  /** The differenced regressors. */
  readonly differencedExog: Float64Array[];
  readonly filter: ArmaKalmanFilter;
  /** Observations of w left out of the likelihood (0, or m without enforced stationarity). */
  readonly burn: number;
  private readonly observed: Float64Array;
  private readonly intercepts: Float64Array | null;
  private readonly ar: Float64Array;
  private readonly ma: Float64Array;
  /** Built on the first `evaluateGradient` (fixSarimax never needs it). */
  private derivatives: GradientWorkspace | null = null;

  constructor(layout: SarimaxLayout, series: Float64Array, exog: Float64Array[]) {
    this.layout = layout;
    this.series = series;
    this.exog = exog;
    this.delta = differencingPolynomial(layout);
    this.differencingOrder = this.delta.length - 1;
    this.differenced = applyDifferencing(series, this.delta);
    this.differencedExog = exog.map((column) => applyDifferencing(column, this.delta));
    this.filter = new ArmaKalmanFilter(layout.arDegree, layout.maDegree);
    this.burn = layout.enforceStationarity ? 0 : this.filter.m;
    this.observed = new Float64Array(this.differenced.length);
    this.intercepts = layout.trendPowers.length > 0 ? new Float64Array(this.differenced.length) : null;
    this.ar = new Float64Array(layout.arDegree);
    this.ma = new Float64Array(layout.maDegree);
  }

  /** Observations in the likelihood (statsmodels' nobs_effective). */
  get observations(): number {
    return this.differenced.length - this.burn;
  }

  /** What `evaluate` and `evaluateGradient` share: the filter's coefficients, the observations net of the regressors, the trend intercepts. */
  private prepare(parameters: ArrayLike<number>): void {
    const { layout, observed, intercepts, differenced, differencedExog } = this;
    reducedPolynomials(layout, parameters, this.ar, this.ma);
    this.filter.setCoefficients(this.ar, this.ma);
    for (let t = 0; t < differenced.length; t++) {
      let value = differenced[t];
      for (let j = 0; j < layout.exogCount; j++) value -= parameters[layout.exogOffset + j] * differencedExog[j][t];
      observed[t] = value;
    }
    if (intercepts) for (let t = 0; t < intercepts.length; t++) intercepts[t] = trendValue(layout, parameters, t + this.differencingOrder);
  }

  /**
   * Runs the filter at constrained parameters (sigma2, if present, is ignored: the sums are in
   * sigma2 = 1 units). Null when the model is degenerate there (non-stationary AR with
   * stationarity enforced, or a zero innovation variance).
   */
  evaluate(parameters: ArrayLike<number>, innovations?: Float64Array, variances?: Float64Array): FilterSums | null {
    const { layout, filter, observed, intercepts } = this;
    const K = this.differencingOrder;
    this.prepare(parameters);
    if (layout.enforceStationarity) {
      if (!filter.initializeStationary()) return null;
      filter.setStationaryMean(trendValue(layout, parameters, 0));
      for (let t = 0; t < K; t++) filter.advanceMean(trendValue(layout, parameters, t));
    } else {
      filter.initializeDiffuse();
    }
    return filter.run(observed, intercepts, this.burn, innovations, variances);
  }

  /**
   * `evaluate` with the derivatives of the sums with respect to every parameter but sigma2
   * (see ArmaKalmanGradient.ts): afterwards `gradient.dSumSquares` / `gradient.dSumLogVariance`
   * hold them, in layout order. With `innovationTangents` / `varianceTangents` (T x k) the
   * per-observation dv_t and dF_t too. The value is the same computation as `evaluate`'s.
   */
  evaluateGradient(parameters: ArrayLike<number>, innovationTangents?: Float64Array, varianceTangents?: Float64Array): FilterSums | null {
    const { layout, filter, observed, intercepts } = this;
    const workspace = (this.derivatives ??= createWorkspace(this));
    const { gradient, dIntercept } = workspace;
    const K = this.differencingOrder;
    this.prepare(parameters);
    const { selection } = workspace;
    for (let i = 0; i < this.ma.length; i++) selection[i + 1] = this.ma[i];
    reducedPolynomialTangents(layout, parameters, gradient.dAr, gradient.dR, filter.m);
    if (layout.enforceStationarity) {
      if (!filter.initializeStationary()) return null;
      if (!gradient.initializeStationary(filter.ar, selection, filter.covariance)) return null;
      trendTangents(layout, 0, dIntercept);
      filter.setStationaryMean(trendValue(layout, parameters, 0));
      gradient.setStationaryMean(filter.ar, trendValue(layout, parameters, 0), dIntercept);
      for (let t = 0; t < K; t++) {
        trendTangents(layout, t, dIntercept);
        gradient.advanceMean(filter.ar, filter.state, dIntercept);
        filter.advanceMean(trendValue(layout, parameters, t));
      }
    } else {
      filter.initializeDiffuse();
      gradient.initializeDiffuse();
    }
    return gradient.run(filter.ar, selection, filter.state, filter.covariance, observed, workspace.observationTangents, intercepts, workspace.interceptTangents, this.burn, innovationTangents, varianceTangents);
  }

  /** The derivative filter of the last `evaluateGradient` (its dSumSquares and dSumLogVariance). */
  get gradient(): ArmaKalmanGradient {
    this.derivatives ??= createWorkspace(this);
    return this.derivatives.gradient;
  }
}

interface GradientWorkspace {
  gradient: ArmaKalmanGradient;
  /** R = (1, ma_1, ...) padded to the state dimension. */
  selection: Float64Array;
  /** dw_t / d parameter (minus the differenced regressor for a regression coefficient, else null). */
  observationTangents: (Float64Array | null)[];
  /** dc_t / d parameter for t = K.. (the trend's time power for a trend coefficient, else null). */
  interceptTangents: (Float64Array | null)[];
  dIntercept: Float64Array;
}

function createWorkspace(problem: SarimaxProblem): GradientWorkspace {
  const { layout, differencedExog } = problem;
  const k = layout.varianceOffset;
  const m = problem.filter.m;
  const N = problem.differenced.length;
  const K = problem.differencingOrder;
  const observationTangents: (Float64Array | null)[] = new Array<Float64Array | null>(k).fill(null);
  const interceptTangents: (Float64Array | null)[] = new Array<Float64Array | null>(k).fill(null);
  for (let j = 0; j < layout.exogCount; j++) observationTangents[layout.exogOffset + j] = differencedExog[j].map((value) => -value);
  layout.trendPowers.forEach((power, i) => {
    interceptTangents[layout.trendOffset + i] = Float64Array.from({ length: N }, (_, t) => (power === 0 ? 1 : t + K + 1));
  });
  const selection = new Float64Array(m);
  selection[0] = 1;
  return { gradient: new ArmaKalmanGradient(m, k), selection, observationTangents, interceptTangents, dIntercept: new Float64Array(k) };
}

/** d trendValue(time) / d parameter for every parameter before sigma2 (zero outside the trend block). */
function trendTangents(layout: SarimaxLayout, time: number, out: Float64Array): void {
  layout.trendPowers.forEach((power, i) => {
    out[layout.trendOffset + i] = power === 0 ? 1 : time + 1;
  });
}

/**
 * The optimiser's coordinates of constrained parameters (all but sigma2, which is concentrated
 * out; AR and MA blocks through the inverse Monahan/Jones transform): the inverse of the
 * mapping in sarimaxObjective.ts. NaN entries when a polynomial is outside the region.
 */
export function unconstrainParameters(layout: SarimaxLayout, constrained: ArrayLike<number>): Float64Array {
  const out = new Float64Array(layout.varianceOffset);
  for (let k = 0; k < layout.arOffset; k++) out[k] = constrained[k];
  const block = (offset: number, length: number, sign: number, enforce: boolean): void => {
    if (length === 0) return;
    const slice = Array.from({ length }, (_, i) => sign * constrained[offset + i]);
    const values = enforce ? unconstrainStationary(slice) : slice.map((value) => sign * value);
    for (let i = 0; i < length; i++) out[offset + i] = values[i];
  };
  block(layout.arOffset, layout.p, 1, layout.enforceStationarity);
  block(layout.maOffset, layout.q, -1, layout.enforceInvertibility);
  block(layout.seasonalArOffset, layout.seasonalP, 1, layout.enforceStationarity);
  block(layout.seasonalMaOffset, layout.seasonalQ, -1, layout.enforceInvertibility);
  return out;
}
