import { multiplySquare, predictCovariance, steadyStateMean, steadyStateTolerance, updateCovariance, type FilterSums } from './ArmaKalmanFilter.js';
import { steadyAdjointGeneral, steadyAdjointSmall } from './steadyStateAdjoint.js';

/*
 * The Kalman filter of ArmaKalmanFilter.ts run together with its derivatives along k
 * directions of parameter space, hand-written for speed like the filter itself: central
 * differences need 2k + 1 likelihood runs per gradient and lose half their digits, while these
 * recursions are exact derivatives of the computed likelihood (the same operations as
 * ArmaKalmanFilter.run, so the value is bit for bit `SarimaxProblem.evaluate`'s) and cost a
 * few runs. The short transient phase is differentiated in forward mode; the long steady-state
 * phase in reverse mode (see `steadyAdjoint`), whose cost does not grow with k.
 *
 * Direction d moves the companion's first column by dAr_d, the selection vector R by dR_d,
 * the observations by dw_d(t) (regression coefficients) and the state intercepts by dc_d(t)
 * (trend coefficients). Differentiating the filter (U_t = P_t - P_t e1 g_t', g_t = P_t e1 / F_t):
 *   F = P_00, dF = dP_00;  dg = (dP e1 - g dF) / F;  v = w - a_0, dv = dw - da_0;
 *   da' = dT (a + g v) + T (da + dg v + g dv) + dc e1;
 *   dU = dP - dP e1 g' - P e1 dg';
 *   dP' = T dU T' + dT U T' + T U dT' + dR R' + R dR', where dT U T' = dAr h' with
 *   h = U T' e1 (h_i = ar_i U_00 + U_{0,i+1}), since dT only has a first column.
 * Once the filter freezes its covariance at the steady state (see ArmaKalmanFilter.ts) dP is
 * frozen with it, which is exactly the derivative of the frozen filter, and only the means
 * move. Directions that do not touch T or R (trend and regression coefficients) keep
 * dP = 0 and skip the O(m^2) covariance work.
 * The stationary initial covariance P0 = T P0 T' + R R' has dP0 = T dP0 T' + Q with
 * Q = dT P0 T' + T P0 dT' + dR R' + R dR', solved by the same doubling iteration.
 */

/** Largest relative term at which the doubling series for dP0 counts as summed (as the filter's P0). */
const doublingTolerance = 1e-17;

export class ArmaKalmanGradient {
  readonly m: number;
  /** Directions. */
  readonly k: number;
  /** Tangents of the companion's first column (k x m), set by the caller. */
  readonly dAr: Float64Array;
  /** Tangents of R = (1, ma_1, ...) (k x m, first entry 0), set by the caller. */
  readonly dR: Float64Array;
  /** Tangents of the predicted state mean (k x m). */
  readonly dState: Float64Array;
  /** Tangents of the predicted state covariance (k x m x m). */
  readonly dCovariance: Float64Array;
  /** d(sum v_t^2 / F_t) and d(sum log F_t) per direction after `run`. */
  readonly dSumSquares: Float64Array;
  readonly dSumLogVariance: Float64Array;
  /** 1 where dAr or dR is non-zero (the direction moves the covariance). */
  private readonly movesCovariance: Uint8Array;
  private readonly gain: Float64Array;
  private readonly dGain: Float64Array;
  private readonly u: Float64Array;
  private readonly du: Float64Array;
  private readonly h: Float64Array;
  private readonly next: Float64Array;
  /** Per direction: 2 sum v_t dv_t over the steady-state phase. */
  private readonly cross: Float64Array;
  /** Adjoint results (see `steadyAdjoint`). */
  private readonly lambda: Float64Array;
  private readonly firstSum: Float64Array;
  private readonly innovationSum: Float64Array;
  /** v_t of the steady-state phase and the adjoint's weights of dw_t and dc_t, grown to the longest series. */
  private innovations = new Float64Array(0);
  private observationWeights = new Float64Array(0);
  private interceptWeights = new Float64Array(0);
  private readonly power: Float64Array;
  private readonly scratch: Float64Array;
  private readonly term: Float64Array;

  constructor(m: number, k: number) {
    this.m = m;
    this.k = k;
    this.dAr = new Float64Array(k * m);
    this.dR = new Float64Array(k * m);
    this.dState = new Float64Array(k * m);
    this.dCovariance = new Float64Array(k * m * m);
    this.dSumSquares = new Float64Array(k);
    this.dSumLogVariance = new Float64Array(k);
    this.movesCovariance = new Uint8Array(k);
    this.gain = new Float64Array(m);
    this.dGain = new Float64Array(k * m);
    this.u = new Float64Array(m * m);
    // Zero-padded to (m + 1) x (m + 1): the last row and column stay 0.
    this.du = new Float64Array((m + 1) * (m + 1));
    this.h = new Float64Array(m);
    this.next = new Float64Array(m * m);
    this.cross = new Float64Array(k);
    this.lambda = new Float64Array(m);
    this.firstSum = new Float64Array(m);
    this.innovationSum = new Float64Array(m);
    this.power = new Float64Array(m * m);
    this.scratch = new Float64Array(m * m);
    this.term = new Float64Array(m * m);
  }

  /** Marks which directions move T or R; call after filling dAr and dR. */
  private markCovarianceDirections(): void {
    const { m, k, dAr, dR, movesCovariance } = this;
    for (let d = 0; d < k; d++) {
      let moves = 0;
      for (let i = 0; i < m; i++) if (dAr[d * m + i] !== 0 || dR[d * m + i] !== 0) moves = 1;
      movesCovariance[d] = moves;
    }
  }

  /**
   * dP0 for the stationary start P0 (`covariance`, the filter's solution) with companion
   * column `ar` and selection `r`: the doubling iteration X <- X + A X A', A <- A^2 on each
   * right-hand side Q_d. False when a series does not converge.
   */
  initializeStationary(ar: Float64Array, r: Float64Array, covariance: Float64Array): boolean {
    this.markCovarianceDirections();
    const { m, k, dAr, dR, dCovariance, h, power, scratch, term, movesCovariance } = this;
    const mm = m * m;
    dCovariance.fill(0);
    // h = P0 T' e1: h_i = ar_i P0_00 + P0_{0,i+1}.
    for (let i = 0; i < m; i++) h[i] = ar[i] * covariance[0] + (i + 1 < m ? covariance[i + 1] : 0);
    let pending = 0;
    for (let d = 0; d < k; d++) {
      if (!movesCovariance[d]) continue;
      pending++;
      const o = d * m;
      for (let i = 0; i < m; i++) {
        for (let j = 0; j < m; j++) dCovariance[d * mm + i * m + j] = dAr[o + i] * h[j] + h[i] * dAr[o + j] + dR[o + i] * r[j] + r[i] * dR[o + j];
      }
    }
    if (pending === 0) return true;
    power.fill(0);
    for (let i = 0; i < m; i++) {
      power[i * m] = ar[i];
      if (i + 1 < m) power[i * m + i + 1] = 1;
    }
    const done = new Uint8Array(k);
    for (let iteration = 0; iteration < 200; iteration++) {
      for (let d = 0; d < k; d++) {
        if (!movesCovariance[d] || done[d]) continue;
        const x = dCovariance.subarray(d * mm, (d + 1) * mm);
        multiplySquare(power, x, scratch, m, false);
        multiplySquare(scratch, power, term, m, true);
        let largestTerm = 0;
        let largest = 0;
        for (let e = 0; e < mm; e++) {
          x[e] += term[e];
          largestTerm = Math.max(largestTerm, Math.abs(term[e]));
          largest = Math.max(largest, Math.abs(x[e]));
        }
        if (!Number.isFinite(largest)) return false;
        if (largestTerm <= doublingTolerance * largest) {
          done[d] = 1;
          pending--;
        }
      }
      if (pending === 0) return true;
      multiplySquare(power, power, scratch, m, false);
      power.set(scratch);
    }
    return false;
  }

  /** dP0 = 0 (the approximate diffuse start does not depend on the parameters). */
  initializeDiffuse(): void {
    this.markCovarianceDirections();
    this.dCovariance.fill(0);
    this.dState.fill(0);
  }

  /**
   * Tangents of `ArmaKalmanFilter.setStationaryMean(intercept)`: state = level (1, tail_1, ...)
   * with level = c / (1 - sum ar) and tail_i = sum_{j >= i} ar_j. `dIntercept[d]` is dc along d.
   */
  setStationaryMean(ar: Float64Array, intercept: number, dIntercept: Float64Array): void {
    const { m, k, dAr, dState } = this;
    let sum = 0;
    for (let i = 0; i < m; i++) sum += ar[i];
    const level = intercept / (1 - sum);
    for (let d = 0; d < k; d++) {
      const o = d * m;
      let dSum = 0;
      for (let i = 0; i < m; i++) dSum += dAr[o + i];
      const dLevel = (dIntercept[d] + level * dSum) / (1 - sum);
      let tail = 0;
      let dTail = 0;
      for (let i = m - 1; i >= 1; i--) {
        tail += ar[i];
        dTail += dAr[o + i];
        dState[o + i] = dLevel * tail + level * dTail;
      }
      dState[o] = dLevel;
    }
  }

  /** Tangents of `ArmaKalmanFilter.advanceMean`: a <- T a + c e1 at the current (pre-step) state `state`. */
  advanceMean(ar: Float64Array, state: Float64Array, dIntercept: Float64Array): void {
    const { m, k, dAr, dState } = this;
    const first = state[0];
    for (let d = 0; d < k; d++) {
      const o = d * m;
      const dFirst = dState[o];
      for (let i = 0; i < m - 1; i++) dState[o + i] = dAr[o + i] * first + ar[i] * dFirst + dState[o + i + 1];
      dState[o + m - 1] = dAr[o + m - 1] * first + ar[m - 1] * dFirst;
      dState[o] += dIntercept[d];
    }
  }

  /**
   * Runs the filter from `state` / `covariance` (overwritten, as ArmaKalmanFilter.run) with the
   * tangents. `observationTangents[d]` is dw_t along d (null: 0), `interceptTangents[d]` dc_t
   * (null: 0). With `innovationTangents` / `varianceTangents` (n x k) dv_t and dF_t are kept
   * for per-observation scores. Null when a variance is not positive.
   */
  run(
    ar: Float64Array,
    r: Float64Array,
    state: Float64Array,
    covariance: Float64Array,
    w: Float64Array,
    observationTangents: readonly (Float64Array | null)[],
    intercepts: Float64Array | null,
    interceptTangents: readonly (Float64Array | null)[],
    burn: number,
    innovationTangents?: Float64Array,
    varianceTangents?: Float64Array,
  ): FilterSums | null {
    const { m, k, gain, u, h, next } = this;
    const a = state;
    const p = covariance;
    const n = w.length;
    this.dSumSquares.fill(0);
    this.dSumLogVariance.fill(0);
    let sumLogVariance = 0;
    let sumSquares = 0;
    let t = 0;
    for (; t < n; t++) {
      const variance = p[0];
      if (!(variance > 0)) return null;
      updateCovariance(p, variance, gain, u, m);
      const u00 = u[0];
      for (let i = 0; i < m; i++) h[i] = ar[i] * u00 + (i + 1 < m ? u[i + 1] : 0);
      const v = w[t] - a[0];
      const first = a[0] + gain[0] * v;
      const counted = t >= burn;
      for (let d = 0; d < k; d++) {
        const observed = observationTangents[d];
        const dIntercept = interceptTangents[d];
        // dF_t before the step moves dP on.
        if (varianceTangents) varianceTangents[t * k + d] = this.dCovariance[d * m * m];
        const dv = this.transientTangents(d, ar, r, p, variance, v, first, observed === null ? 0 : observed[t], dIntercept === null ? 0 : dIntercept[t], counted);
        if (innovationTangents) innovationTangents[t * k + d] = dv;
      }
      // The value recursion, as ArmaKalmanFilter.run.
      const change = predictCovariance(ar, r, u, p, next, m);
      if (counted) {
        sumLogVariance += Math.log(variance);
        sumSquares += (v * v) / variance;
      }
      for (let i = 0; i < m - 1; i++) a[i] = ar[i] * first + a[i + 1] + gain[i + 1] * v;
      a[m - 1] = ar[m - 1] * first;
      if (intercepts) a[0] += intercepts[t];
      if (change <= steadyStateTolerance) {
        t++;
        break;
      }
    }
    const count = Math.max(0, n - burn);
    if (t >= n) return { sumLogVariance, sumSquares, count };
    // Steady state: F, g and their tangents frozen; only the means move.
    const variance = p[0];
    if (!(variance > 0)) return null;
    const counted = n - Math.max(t, burn);
    sumLogVariance += counted * Math.log(variance);
    for (let i = 0; i < m; i++) gain[i] = p[i * m] / variance;
    for (let d = 0; d < k; d++) {
      const dF = this.dCovariance[d * m * m];
      for (let i = 0; i < m; i++) this.dGain[d * m + i] = (this.dCovariance[d * m * m + i * m] - gain[i] * dF) / variance;
      this.dSumLogVariance[d] += (counted * dF) / variance;
    }
    const squares =
      innovationTangents || varianceTangents
        ? this.steadyForward(t, ar, a, w, observationTangents, intercepts, interceptTangents, burn, innovationTangents, varianceTangents)
        : this.steadyAdjoint(t, ar, a, w, observationTangents, intercepts, interceptTangents, burn);
    sumSquares += squares / variance;
    for (let d = 0; d < k; d++) this.dSumSquares[d] = this.dSumSquares[d] + (this.cross[d] - (squares * this.dCovariance[d * m * m]) / variance) / variance;
    return { sumLogVariance, sumSquares, count };
  }

  /**
   * One transient step of direction d (before the value recursion moves P and a): adds its
   * terms to the sums, moves dState and dCovariance, and returns dv. dU is kept zero-padded to
   * (m + 1) x (m + 1) so T dU T' needs no edge tests.
   */
  private transientTangents(d: number, ar: Float64Array, r: Float64Array, p: Float64Array, variance: number, v: number, first: number, dw: number, dc: number, counted: boolean): number {
    const { m, dAr, dR, dState: da, dCovariance: dp, gain, dGain, du, h } = this;
    const o = d * m;
    const oo = d * m * m;
    const dF = dp[oo];
    const dv = dw - da[o];
    for (let i = 0; i < m; i++) dGain[i] = (dp[oo + i * m] - gain[i] * dF) / variance;
    if (counted) {
      this.dSumLogVariance[d] += dF / variance;
      this.dSumSquares[d] += (2 * v * dv - (v * v * dF) / variance) / variance;
    }
    const dFirst = da[o] + dGain[0] * v + gain[0] * dv;
    for (let i = 0; i < m - 1; i++) da[o + i] = dAr[o + i] * first + ar[i] * dFirst + da[o + i + 1] + dGain[i + 1] * v + gain[i + 1] * dv;
    da[o + m - 1] = dAr[o + m - 1] * first + ar[m - 1] * dFirst;
    da[o] += dc;
    if (!this.movesCovariance[d]) return dv;
    const stride = m + 1;
    for (let i = 0; i < m; i++) {
      const dpi0 = dp[oo + i * m];
      const pi0 = p[i * m];
      for (let j = 0; j < m; j++) du[i * stride + j] = dp[oo + i * m + j] - dpi0 * gain[j] - pi0 * dGain[j];
    }
    const du00 = du[0];
    for (let i = 0; i < m; i++) {
      const ai = ar[i];
      const dai = dAr[o + i];
      const hi = h[i];
      const ri = r[i];
      const dri = dR[o + i];
      const below = (i + 1) * stride;
      const dui0 = du[below];
      for (let j = 0; j <= i; j++) {
        const aj = ar[j];
        const value = ai * (aj * du00 + du[j + 1]) + aj * dui0 + du[below + j + 1] + dai * h[j] + hi * dAr[o + j] + dri * r[j] + ri * dR[o + j];
        dp[oo + i * m + j] = value;
        dp[oo + j * m + i] = value;
      }
    }
    return dv;
  }

  /**
   * The steady-state phase from `start` with the tangent means carried forward (O(k m) a step),
   * keeping dv_t and dF_t: only for per-observation scores. Returns sum v_t^2 over the counted
   * steps and leaves 2 sum v_t dv_t per direction in `cross`.
   */
  private steadyForward(
    start: number,
    ar: Float64Array,
    a: Float64Array,
    w: Float64Array,
    observationTangents: readonly (Float64Array | null)[],
    intercepts: Float64Array | null,
    interceptTangents: readonly (Float64Array | null)[],
    burn: number,
    innovationTangents?: Float64Array,
    varianceTangents?: Float64Array,
  ): number {
    const { m, k, dAr, dState: da, gain, dGain, cross } = this;
    const n = w.length;
    cross.fill(0);
    let squares = 0;
    for (let t = start; t < n; t++) {
      const v = w[t] - a[0];
      const first = a[0] + gain[0] * v;
      const inSums = t >= burn;
      if (inSums) squares += v * v;
      for (let d = 0; d < k; d++) {
        const o = d * m;
        const observed = observationTangents[d];
        const dv = (observed === null ? 0 : observed[t]) - da[o];
        if (innovationTangents) innovationTangents[t * k + d] = dv;
        if (varianceTangents) varianceTangents[t * k + d] = this.dCovariance[d * m * m];
        if (inSums) cross[d] += 2 * v * dv;
        const dFirst = da[o] + dGain[o] * v + gain[0] * dv;
        for (let i = 0; i < m - 1; i++) da[o + i] = dAr[o + i] * first + ar[i] * dFirst + da[o + i + 1] + dGain[o + i + 1] * v + gain[i + 1] * dv;
        da[o + m - 1] = dAr[o + m - 1] * first + ar[m - 1] * dFirst;
        const dIntercept = interceptTangents[d];
        if (dIntercept !== null) da[o] += dIntercept[t];
      }
      for (let i = 0; i < m - 1; i++) a[i] = ar[i] * first + a[i + 1] + gain[i + 1] * v;
      a[m - 1] = ar[m - 1] * first;
      if (intercepts) a[0] += intercepts[t];
    }
    return squares;
  }

  /**
   * The steady-state phase by reverse mode: the value pass keeps v_t, then an adjoint pass
   * gives d(sum v_t^2) along every direction at O(m) a step whatever k. With the tangent
   * recursion da_{t+1} = M da_t + f_t, M = T (I - g e1'),
   *   f_t = dAr first_t + T dg v_t + T g dw_t + dc_t e1,  d(sum c_t v_t) = sum c_t dw_t - sum c_t da_t,0,
   * and the adjoint lambda_t = M' lambda_{t+1} - c_t e1 (c_t = 2 v_t where counted, lambda_n = 0):
   *   d(sum v_t^2) = lambda_start' da_start + dAr' sum first_t lambda_{t+1} + dg' sum v_t T' lambda_{t+1}
   *                  + sum (c_t + g' T' lambda_{t+1}) dw_t + sum lambda_{t+1,0} dc_t.
   * Returns sum v_t^2 over the counted steps and leaves the derivative per direction in `cross`.
   */
  private steadyAdjoint(
    start: number,
    ar: Float64Array,
    a: Float64Array,
    w: Float64Array,
    observationTangents: readonly (Float64Array | null)[],
    intercepts: Float64Array | null,
    interceptTangents: readonly (Float64Array | null)[],
    burn: number,
  ): number {
    const { m, k, dAr, dState: da, gain, dGain, cross } = this;
    const n = w.length;
    if (this.innovations.length < n) {
      this.innovations = new Float64Array(n);
      this.observationWeights = new Float64Array(n);
      this.interceptWeights = new Float64Array(n);
    }
    const { innovations, observationWeights, interceptWeights, lambda, firstSum, innovationSum } = this;
    const squares = steadyStateMean(start, m, ar, gain, a, w, intercepts, burn, innovations);
    const weighObservations = observationTangents.some((tangent) => tangent !== null);
    const weighIntercepts = interceptTangents.some((tangent) => tangent !== null);
    if (m <= 4) steadyAdjointSmall(start, ar, gain, w, burn, innovations, weighObservations ? observationWeights : null, weighIntercepts ? interceptWeights : null, lambda, firstSum, innovationSum);
    else steadyAdjointGeneral(start, m, ar, gain, w, burn, innovations, weighObservations ? observationWeights : null, weighIntercepts ? interceptWeights : null, lambda, firstSum, innovationSum);
    for (let d = 0; d < k; d++) {
      const o = d * m;
      let sum = 0;
      for (let i = 0; i < m; i++) sum += lambda[i] * da[o + i] + dAr[o + i] * firstSum[i] + dGain[o + i] * innovationSum[i];
      const observed = observationTangents[d];
      if (observed !== null) for (let t = start; t < n; t++) sum += observationWeights[t] * observed[t];
      const dIntercept = interceptTangents[d];
      if (dIntercept !== null) for (let t = start; t < n; t++) sum += interceptWeights[t] * dIntercept[t];
      cross[d] = sum;
    }
    return squares;
  }
}
