import { TickforgeError } from '../../core/errors.js';
import { withFiniteRows } from '../nanPolicy.js';
import { assertInteger, assertNumber, assertSameLength, outputArray } from '../parameters.js';
import { StreamingIndicator } from '../StreamingIndicator.js';

/** The realized-volatility estimators, by registry name. */
export type VolatilityEstimator = 'closetoclose' | 'parkinson' | 'garmanklass' | 'rogerssatchell' | 'yangzhang';
export const volatilityEstimators: readonly VolatilityEstimator[] = ['closetoclose', 'parkinson', 'garmanklass', 'rogerssatchell', 'yangzhang'];

/**
 * Realized volatility over the last `period` bars, annualised: sqrt(annualization × σ²),
 * σ² being the per-bar variance of log prices by the chosen estimator (defaults period 20,
 * close-to-close, 252 bars a year; use 1 for per-bar volatility, 252 × 390 for US minute
 * bars, 365 × 1440 for crypto minutes). Used to size positions (volatility targeting), price
 * options and compare calm and turbulent regimes. TA-Lib has none of these.
 *
 * With o = ln(O_t / C_{t-1}) (overnight), c = ln(C_t / O_t) (open to close), u = ln(H_t / O_t),
 * d = ln(L_t / O_t), r = ln(C_t / C_{t-1}) and n = period:
 * - `closetoclose`: the sample variance of the n log returns r, Σ(r - r̄)² / (n - 1). Needs
 *   n + 1 closes (lookback n).
 * - `parkinson` (Parkinson 1980, "The Extreme Value Method for Estimating the Variance of the
 *   Rate of Return", J. Business 53(1), eq. for σ²): Σ ln(H/L)² / (4 ln 2 · n). Lookback n - 1.
 * - `garmanklass` (Garman and Klass 1980, "On the Estimation of Security Price Volatilities
 *   from Historical Data", J. Business 53(1), the practical estimator σ̂²₅ without the opening
 *   jump): Σ [0.5 ln(H/L)² - (2 ln 2 - 1) ln(C/O)²] / n. Lookback n - 1.
 * - `rogerssatchell` (Rogers and Satchell 1991, "Estimating Variance from High, Low and
 *   Closing Prices", Ann. Appl. Probab. 1(4)): Σ [u (u - c) + d (d - c)] / n, i.e.
 *   ln(H/C) ln(H/O) + ln(L/C) ln(L/O) per bar; unbiased under drift. Lookback n - 1.
 * - `yangzhang` (Yang and Zhang 2000, "Drift-Independent Volatility Estimation Based on High,
 *   Low, Open, and Close Prices", J. Business 73(3), eq. 10): σ²_o + k σ²_c + (1 - k) σ²_rs,
 *   with σ²_o and σ²_c the sample variances (divisor n - 1) of o and c, σ²_rs the Rogers-
 *   Satchell mean, and k = 0.34 / (1.34 + (n + 1)/(n - 1)). Needs the previous close
 *   (lookback n).
 * Running sums over the window; a variance that rounds below 0 (a flat window) reads 0.
 * A bar with any of the four inputs missing is skipped, whatever the estimator (one rule for
 * batch, stream and registry); with close-only data, pass the closes as all four inputs.
 * Type: volatility. @see https://en.wikipedia.org/wiki/Volatility_(finance)
 */
export function volatilityLookback(period = 20, estimator: VolatilityEstimator = 'closetoclose', annualization = 252): number {
  assertInteger('VOLATILITY', 'period', period, 2);
  assertEstimator(estimator);
  assertNumber('VOLATILITY', 'annualization', annualization, 1, 1e8);
  return usesPreviousClose(estimator) ? period : period - 1;
}

function assertEstimator(estimator: VolatilityEstimator): void {
  if (!volatilityEstimators.includes(estimator)) {
    throw new TickforgeError('TF_ERR_INDICATOR_PARAMETER', `VOLATILITY: estimator must be one of ${volatilityEstimators.join(', ')}, got ${JSON.stringify(estimator)}.`, {
      details: { indicator: 'VOLATILITY', parameter: 'estimator', value: estimator, allowed: volatilityEstimators },
    });
  }
}

function usesPreviousClose(estimator: VolatilityEstimator): boolean {
  return estimator === 'closetoclose' || estimator === 'yangzhang';
}

export function volatility(
  open: Float64Array,
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  period = 20,
  estimator: VolatilityEstimator = 'closetoclose',
  annualization = 252,
  out?: Float64Array,
): Float64Array {
  const lookback = volatilityLookback(period, estimator, annualization);
  const n = assertSameLength('VOLATILITY', { open, high, low, close });
  const result = outputArray('VOLATILITY', n, out);
  withFiniteRows([open, high, low, close], [result], ([o, h, l, c], [y]) => {
    // One window object drives batch and stream alike, so they agree bit for bit; these
    // estimators are not on the benchmark's hot list, and the logs dominate the cost anyway.
    const window = new EstimatorWindow(estimator, period, annualization);
    const length = c.length;
    for (let i = 0; i < length; i++) {
      y[i] = i >= lookback ? window.valueWith(o[i], h[i], l[i], c[i]) : NaN;
      window.push(o[i], h[i], l[i], c[i]);
    }
  });
  return result;
}

const ln2 = Math.LN2;
const garmanKlassClose = 2 * ln2 - 1;
/** Per-bar terms summed over the window: at most five (Yang-Zhang: o, o², c, c², rs). */
const width = 5;

/**
 * The committed terms of the last period-1 bars in a ring, their running sums, and the
 * previous close; `valueWith` reads the window completed by a forming bar without changing
 * state, `push` commits a bar (add its terms, subtract the oldest: the batch order).
 */
class EstimatorWindow {
  private readonly ring: Float64Array;
  private readonly capacity: number;
  private head = 0;
  private held = 0;
  private readonly sums = new Float64Array(width);
  private readonly terms = new Float64Array(width);
  private previousClose = NaN;
  private readonly k: number;

  constructor(
    private readonly estimator: VolatilityEstimator,
    private readonly period: number,
    private readonly annualization: number,
  ) {
    this.capacity = period - 1;
    this.ring = new Float64Array(this.capacity * width);
    this.k = 0.34 / (1.34 + (period + 1) / (period - 1));
  }

  /** Fills `terms` for a bar; false when the bar has none (no previous close yet). */
  private termsOf(open: number, high: number, low: number, close: number): boolean {
    const t = this.terms;
    switch (this.estimator) {
      case 'closetoclose': {
        if (this.previousClose !== this.previousClose) return false;
        const r = Math.log(close / this.previousClose);
        t[0] = r;
        t[1] = r * r;
        return true;
      }
      case 'parkinson': {
        const range = Math.log(high / low);
        t[0] = range * range;
        return true;
      }
      case 'garmanklass': {
        const range = Math.log(high / low);
        const body = Math.log(close / open);
        t[0] = 0.5 * range * range - garmanKlassClose * body * body;
        return true;
      }
      case 'rogerssatchell':
        t[0] = rogersSatchell(open, high, low, close);
        return true;
      case 'yangzhang': {
        if (this.previousClose !== this.previousClose) return false;
        const overnight = Math.log(open / this.previousClose);
        const body = Math.log(close / open);
        t[0] = overnight;
        t[1] = overnight * overnight;
        t[2] = body;
        t[3] = body * body;
        t[4] = rogersSatchell(open, high, low, close);
        return true;
      }
    }
  }

  /** Annualised volatility of the window completed by this bar; NaN until it is full. */
  valueWith(open: number, high: number, low: number, close: number): number {
    if (this.held < this.capacity || !this.termsOf(open, high, low, close)) return NaN;
    const s = this.sums;
    const t = this.terms;
    const n = this.period;
    let variance: number;
    switch (this.estimator) {
      case 'closetoclose':
        variance = sampleVariance(s[0] + t[0], s[1] + t[1], n);
        break;
      case 'parkinson':
        variance = (s[0] + t[0]) / (4 * ln2 * n);
        break;
      case 'garmanklass':
      case 'rogerssatchell':
        variance = (s[0] + t[0]) / n;
        break;
      case 'yangzhang':
        variance = sampleVariance(s[0] + t[0], s[1] + t[1], n) + this.k * sampleVariance(s[2] + t[2], s[3] + t[3], n) + ((1 - this.k) * (s[4] + t[4])) / n;
        break;
    }
    return variance > 0 ? Math.sqrt(this.annualization * variance) : 0;
  }

  push(open: number, high: number, low: number, close: number): void {
    const hasTerms = this.termsOf(open, high, low, close);
    this.previousClose = close;
    if (!hasTerms) return;
    const s = this.sums;
    const t = this.terms;
    const ring = this.ring;
    if (this.held === this.capacity) {
      const base = this.head * width;
      for (let j = 0; j < width; j++) {
        s[j] = s[j] + t[j] - ring[base + j];
        ring[base + j] = t[j];
      }
      this.head = this.head + 1 === this.capacity ? 0 : this.head + 1;
    } else {
      let slot = this.head + this.held;
      if (slot >= this.capacity) slot -= this.capacity;
      const base = slot * width;
      for (let j = 0; j < width; j++) {
        s[j] += t[j];
        ring[base + j] = t[j];
      }
      this.held++;
    }
  }

  clear(): void {
    this.head = 0;
    this.held = 0;
    this.sums.fill(0);
    this.previousClose = NaN;
  }
}

/** ln(H/C)·ln(H/O) + ln(L/C)·ln(L/O). */
function rogersSatchell(open: number, high: number, low: number, close: number): number {
  return Math.log(high / close) * Math.log(high / open) + Math.log(low / close) * Math.log(low / open);
}

/** Σ(x - x̄)² / (n - 1) from Σx and Σx². */
function sampleVariance(sum: number, sumOfSquares: number, n: number): number {
  return (sumOfSquares - (sum * sum) / n) / (n - 1);
}

/** `update(open, high, low, close)`: the annualised volatility of the window ending here. */
export class VOLATILITY extends StreamingIndicator {
  readonly lookback: number;
  private readonly window: EstimatorWindow;
  private open = 0;
  private high = 0;
  private low = 0;
  private close = 0;

  constructor(
    readonly period = 20,
    readonly estimator: VolatilityEstimator = 'closetoclose',
    readonly annualization = 252,
  ) {
    super();
    this.lookback = volatilityLookback(period, estimator, annualization);
    this.window = new EstimatorWindow(estimator, period, annualization);
  }

  update(open: number, high: number, low: number, close: number): number {
    if (this.begin(true, Number.isFinite(open) && Number.isFinite(high) && Number.isFinite(low) && Number.isFinite(close))) this.compute(open, high, low, close);
    return this.value;
  }

  replace(open: number, high: number, low: number, close: number): number {
    if (this.begin(false, Number.isFinite(open) && Number.isFinite(high) && Number.isFinite(low) && Number.isFinite(close))) this.compute(open, high, low, close);
    return this.value;
  }

  private compute(open: number, high: number, low: number, close: number): void {
    this.open = open;
    this.high = high;
    this.low = low;
    this.close = close;
    this.value = this.count > this.lookback ? this.window.valueWith(open, high, low, close) : NaN;
  }

  protected commit(): void {
    this.window.push(this.open, this.high, this.low, this.close);
  }

  protected clear(): void {
    this.window.clear();
  }
}
