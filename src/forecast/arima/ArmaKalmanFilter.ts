/*
 * The Kalman filter of a stationary ARMA process in Harvey's state-space form, hand-written for
 * speed (the likelihood is evaluated hundreds of times per fit): flat Float64Array storage
 * allocated once, no allocation inside the time loop, the companion structure of the
 * transition used directly (O(m^2) per step instead of O(m^3)), and the steady state detected
 * as statsmodels' filter does: once the predicted state covariance stops changing the gain and
 * the innovation variance are frozen and each step costs O(m).
 *
 * State (dimension m = max(p', q' + 1), p' and q' the reduced AR and MA degrees):
 *   x_{t+1} = T x_t + c_t e_1 + R eps_{t+1},  w_t = x_{t,1},
 * T the companion matrix with first column (ar_1..ar_m) and ones on the superdiagonal,
 * R = (1, ma_1, ..., ma_{m-1})'. The filter runs with sigma2 = 1: every covariance scales with
 * sigma2, so the likelihood at any sigma2 follows from two sums (see `concentratedLogLikelihood`).
 */

/** |P_{t+1} - P_t| below this (sigma2 = 1 units) freezes the covariance, as statsmodels' steady-state switch. */
export const steadyStateTolerance = 1e-13;
/** statsmodels' approximate-diffuse variance (`initial_variance`). */
export const approximateDiffuseVariance = 1e6;

export interface FilterSums {
  /** Sum of log F_t over the observations in the likelihood (F_t in sigma2 = 1 units). */
  sumLogVariance: number;
  /** Sum of v_t^2 / F_t over the same observations. */
  sumSquares: number;
  /** Observations in the likelihood. */
  count: number;
}

export class ArmaKalmanFilter {
  readonly m: number;
  readonly ar: Float64Array;
  readonly ma: Float64Array;
  /** R = (1, ma_1, ..., ma_{m-1}). */
  private readonly selection: Float64Array;
  /** Predicted state mean a_{t|t-1}; after `run`, the prediction for the step after the series. */
  readonly state: Float64Array;
  /** Predicted state covariance P_{t|t-1} (row-major, sigma2 = 1 units); after `run`, for the step after the series. */
  readonly covariance: Float64Array;
  private readonly updated: Float64Array;
  private readonly next: Float64Array;
  private readonly gain: Float64Array;
  private readonly scratchA: Float64Array;
  private readonly scratchB: Float64Array;
  private readonly scratchC: Float64Array;

  constructor(arDegree: number, maDegree: number) {
    const m = Math.max(arDegree, maDegree + 1);
    this.m = m;
    this.ar = new Float64Array(m);
    this.ma = new Float64Array(Math.max(maDegree, 0));
    this.selection = new Float64Array(m);
    this.state = new Float64Array(m);
    this.covariance = new Float64Array(m * m);
    this.updated = new Float64Array(m * m);
    this.next = new Float64Array(m * m);
    this.gain = new Float64Array(m);
    this.scratchA = new Float64Array(m * m);
    this.scratchB = new Float64Array(m * m);
    this.scratchC = new Float64Array(m * m);
  }

  /** Loads the reduced AR (length <= m) and MA (length <= m - 1) coefficients. */
  setCoefficients(ar: ArrayLike<number>, ma: ArrayLike<number>): void {
    this.ar.fill(0);
    for (let i = 0; i < ar.length; i++) this.ar[i] = ar[i];
    this.selection.fill(0);
    this.selection[0] = 1;
    for (let i = 0; i < ma.length; i++) this.selection[i + 1] = ma[i];
  }

  /**
   * P_0 = the stationary covariance, solution of P = T P T' + R R', by the doubling iteration
   * P <- P + A P A', A <- A^2 (sum of T^k R R' T'^k in log2 steps; exact after a few steps for a
   * pure MA, whose T is nilpotent). False when it does not converge (T not stationary).
   */
  initializeStationary(): boolean {
    const { m, covariance: x, scratchA: a, scratchB: product, scratchC: term } = this;
    for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) x[i * m + j] = this.selection[i] * this.selection[j];
    a.fill(0);
    for (let i = 0; i < m; i++) {
      a[i * m] = this.ar[i];
      if (i + 1 < m) a[i * m + i + 1] = 1;
    }
    for (let iteration = 0; iteration < 200; iteration++) {
      // term = A X A'
      multiplySquare(a, x, product, m, false);
      multiplySquare(product, a, term, m, true);
      let largestTerm = 0;
      let largest = 0;
      for (let k = 0; k < m * m; k++) {
        x[k] += term[k];
        largestTerm = Math.max(largestTerm, Math.abs(term[k]));
        largest = Math.max(largest, Math.abs(x[k]));
      }
      if (!Number.isFinite(largest)) return false;
      if (largestTerm <= 1e-17 * largest) return true;
      multiplySquare(a, a, product, m, false);
      a.set(product);
    }
    return false;
  }

  /** P_0 = kappa I: statsmodels' approximate diffuse start, used when stationarity is not enforced. */
  initializeDiffuse(): void {
    this.covariance.fill(0);
    for (let i = 0; i < this.m; i++) this.covariance[i * this.m + i] = approximateDiffuseVariance;
    this.state.fill(0);
  }

  /**
   * The unconditional mean of the state for a constant intercept c: (I - T)^-1 c e_1, i.e.
   * x_1 = c / (1 - sum ar) and x_i = x_1 * sum_{j >= i} ar_j.
   */
  setStationaryMean(intercept: number): void {
    const { m, ar, state } = this;
    let sum = 0;
    for (let i = 0; i < m; i++) sum += ar[i];
    const level = intercept / (1 - sum);
    let tail = 0;
    for (let i = m - 1; i >= 1; i--) {
      tail += ar[i];
      state[i] = level * tail;
    }
    state[0] = level;
  }

  /** a <- T a + c e_1: a prediction step without an observation. */
  advanceMean(intercept: number): void {
    const { m, ar, state } = this;
    const first = state[0];
    for (let i = 0; i < m - 1; i++) state[i] = ar[i] * first + state[i + 1];
    state[m - 1] = ar[m - 1] * first;
    state[0] += intercept;
  }

  /**
   * Filters the observations w (already net of any regression effect). `intercepts[j]` is the
   * state intercept applied after observation j (null: none). The first `burn` observations are
   * filtered but left out of the sums. `innovations` / `variances` receive v_t and F_t.
   * Returns null when an innovation variance is not positive (a degenerate model).
   */
  run(
    w: Float64Array,
    intercepts: Float64Array | null,
    burn: number,
    innovations?: Float64Array,
    variances?: Float64Array,
  ): FilterSums | null {
    const { m, ar, selection: r, state: a, covariance: p, updated: u, next, gain } = this;
    const n = w.length;
    let sumLogVariance = 0;
    let sumSquares = 0;
    let t = 0;
    // Transient phase: the full covariance recursion until P reaches its fixed point.
    for (; t < n; t++) {
      const variance = p[0];
      if (!(variance > 0)) return null;
      updateCovariance(p, variance, gain, u, m);
      const change = predictCovariance(ar, r, u, p, next, m);
      const v = w[t] - a[0];
      if (innovations) innovations[t] = v;
      if (variances) variances[t] = variance;
      if (t >= burn) {
        sumLogVariance += Math.log(variance);
        sumSquares += (v * v) / variance;
      }
      // a_next = T (a + g v) + c e1
      const first = a[0] + gain[0] * v;
      for (let i = 0; i < m - 1; i++) a[i] = ar[i] * first + a[i + 1] + gain[i + 1] * v;
      a[m - 1] = ar[m - 1] * first;
      if (intercepts) a[0] += intercepts[t];
      if (change <= steadyStateTolerance) {
        t++;
        break;
      }
    }
    if (t >= n) return { sumLogVariance, sumSquares, count: Math.max(0, n - burn) };
    // Steady state: F and the gain frozen at the fixed point; only the mean moves.
    const variance = p[0];
    if (!(variance > 0)) return null;
    for (let i = 0; i < m; i++) gain[i] = p[i * m] / variance;
    const counted = n - Math.max(t, burn);
    sumLogVariance += counted * Math.log(variance);
    if (variances) variances.fill(variance, t, n);
    const squares = steadyStateMean(t, m, ar, gain, a, w, intercepts, burn, innovations);
    sumSquares += squares / variance;
    return { sumLogVariance, sumSquares, count: Math.max(0, n - burn) };
  }
}

/**
 * The measurement update at one observation: gain g = P e1 / F and U = P - P e1 e1' P / F (the
 * covariance of the state given the observation). Shared by the filter and its derivative
 * recursion, so both step the same covariance.
 */
export function updateCovariance(p: Float64Array, variance: number, gain: Float64Array, u: Float64Array, m: number): void {
  for (let i = 0; i < m; i++) gain[i] = p[i * m] / variance;
  for (let i = 0; i < m; i++) {
    const pi0 = p[i * m];
    for (let j = 0; j < m; j++) u[i * m + j] = p[i * m + j] - pi0 * gain[j];
  }
}

/**
 * The steady-state phase from `start`: gain and variance frozen at the fixed point, only the
 * state mean moves (O(m) a step). Writes v_t into `innovations` when given; returns sum v_t^2
 * over t >= burn. For the usual small state (m <= 4) the vector lives in scalars, zero-padded to
 * four: the padding only meets zero coefficients (ar_i = g_i = 0 beyond m), so it changes
 * nothing. Shared by the filter and the value pass of its gradient.
 */
export function steadyStateMean(start: number, m: number, ar: Float64Array, gain: Float64Array, a: Float64Array, w: Float64Array, intercepts: Float64Array | null, burn: number, innovations?: Float64Array): number {
  const n = w.length;
  let squares = 0;
  if (m <= 4) {
    let a0 = a[0], a1 = m > 1 ? a[1] : 0, a2 = m > 2 ? a[2] : 0, a3 = m > 3 ? a[3] : 0;
    const f0 = ar[0], f1 = m > 1 ? ar[1] : 0, f2 = m > 2 ? ar[2] : 0, f3 = m > 3 ? ar[3] : 0;
    const g0 = gain[0], g1 = m > 1 ? gain[1] : 0, g2 = m > 2 ? gain[2] : 0, g3 = m > 3 ? gain[3] : 0;
    for (let t = start; t < n; t++) {
      const v = w[t] - a0;
      if (innovations) innovations[t] = v;
      if (t >= burn) squares += v * v;
      const first = a0 + g0 * v;
      a0 = f0 * first + a1 + g1 * v;
      a1 = f1 * first + a2 + g2 * v;
      a2 = f2 * first + a3 + g3 * v;
      a3 = f3 * first;
      if (intercepts) a0 += intercepts[t];
    }
    a[0] = a0;
    if (m > 1) a[1] = a1;
    if (m > 2) a[2] = a2;
    if (m > 3) a[3] = a3;
    return squares;
  }
  for (let t = start; t < n; t++) {
    const v = w[t] - a[0];
    if (innovations) innovations[t] = v;
    if (t >= burn) squares += v * v;
    const first = a[0] + gain[0] * v;
    for (let i = 0; i < m - 1; i++) a[i] = ar[i] * first + a[i + 1] + gain[i + 1] * v;
    a[m - 1] = ar[m - 1] * first;
    if (intercepts) a[0] += intercepts[t];
  }
  return squares;
}

/**
 * P <- T U T' + R R' for the companion transition T (first column `ar`, ones above the
 * diagonal) and R = `r`, exploiting T's structure (O(m^2)); U is the updated covariance. Returns
 * the largest change of an entry, which tells when the recursion has reached its fixed point.
 * Shared by the filter and its derivative recursion, so both step the same covariance.
 */
export function predictCovariance(ar: Float64Array, r: Float64Array, u: Float64Array, p: Float64Array, next: Float64Array, m: number): number {
  const u00 = u[0];
  let change = 0;
  for (let i = 0; i < m; i++) {
    const ai = ar[i];
    const ui0 = i + 1 < m ? u[(i + 1) * m] : 0;
    for (let j = 0; j <= i; j++) {
      const aj = ar[j];
      let value = ai * aj * u00 + r[i] * r[j];
      if (j + 1 < m) value += ai * u[j + 1];
      if (i + 1 < m) {
        value += aj * ui0;
        if (j + 1 < m) value += u[(i + 1) * m + j + 1];
      }
      next[i * m + j] = value;
      next[j * m + i] = value;
      const difference = Math.abs(value - p[i * m + j]);
      if (difference > change) change = difference;
    }
  }
  p.set(next);
  return change;
}

/** out = A B (transposeB false) or A B' (true), m x m row-major. */
export function multiplySquare(left: Float64Array, right: Float64Array, out: Float64Array, m: number, transposeRight: boolean): void {
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) {
      let sum = 0;
      if (transposeRight) for (let k = 0; k < m; k++) sum += left[i * m + k] * right[j * m + k];
      else for (let k = 0; k < m; k++) sum += left[i * m + k] * right[k * m + j];
      out[i * m + j] = sum;
    }
  }
}

/** The Gaussian log-likelihood with sigma2 given (filter sums in sigma2 = 1 units). */
export function logLikelihoodAt(sums: FilterSums, sigma2: number): number {
  return -0.5 * (sums.count * (Math.log(2 * Math.PI) + Math.log(sigma2)) + sums.sumLogVariance + sums.sumSquares / sigma2);
}

/** The log-likelihood maximised over sigma2 (sigma2 = sumSquares / count). */
export function concentratedLogLikelihood(sums: FilterSums): number {
  const sigma2 = sums.sumSquares / sums.count;
  return -0.5 * (sums.count * (Math.log(2 * Math.PI) + Math.log(sigma2) + 1) + sums.sumLogVariance);
}
