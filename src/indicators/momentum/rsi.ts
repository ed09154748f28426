import { withFiniteRows } from '../nanPolicy.js';
import { assertInteger, outputArray } from '../parameters.js';
import { StreamingIndicator } from '../StreamingIndicator.js';

/**
 * Relative Strength Index (Wilder): the share of the average gain in the average absolute
 * change, 0 to 100; traders read above 70 as overbought, below 30 as oversold, and watch for
 * divergences from price. As TA-Lib RSI (default period 14): the first averages are the plain
 * means of the first `period` gains and losses (bars 1..period), then Wilder smoothing
 * avg = (avg * (period - 1) + change) / period; the first value is at bar `period`, and a bar
 * where both averages are (near) zero gives 0, as in TA-Lib.
 *
 * The smoothing is evaluated as avg * ((period - 1) / period) + change * (1 / period): one
 * multiply-add on the dependency chain instead of a division, which differs from TA-Lib's
 * literal formula by rounding only (about 1e-15 relative, not accumulating).
 * Type: momentum. @see https://ta-lib.org/functions/rsi/
 */
export function rsiLookback(period = 14): number {
  assertInteger('RSI', 'period', period, 2);
  return period;
}

export function rsi(close: Float64Array, period = 14, out?: Float64Array): Float64Array {
  rsiLookback(period);
  const result = outputArray('RSI', close.length, out);
  withFiniteRows([close], [result], ([x], [y]) => rsiKernel(x, period, y));
  return result;
}

/**
 * RSI with TA-Lib's literal smoothing (avg * (period - 1) + change) / period, bit for bit, for
 * indicators that amplify RSI's last bits (STOCHRSI divides by RSI's range over a few bars,
 * which can be tiny). Slower than `rsi` by the division on the dependency chain.
 */
export function rsiTalibExact(close: Float64Array, period = 14, out?: Float64Array): Float64Array {
  rsiLookback(period);
  const result = outputArray('RSI', close.length, out);
  withFiniteRows([close], [result], ([x], [y]) => rsiDividingKernel(x, period, y));
  return result;
}

/** TA-Lib's "zero" for a sum of averages: below it RSI and CMO are 0. */
export const talibEpsilon = 1e-14;

/**
 * Hand-written loop with all state in locals, because RSI is on the benchmark's hot path. The
 * gain and loss of a change d are (|d| + d) / 2 and (|d| - d) / 2: exact, and free of the
 * unpredictable sign branch that a random walk would mispredict half the time.
 */
function rsiKernel(x: Float64Array, period: number, y: Float64Array): void {
  const n = x.length;
  if (n <= period) {
    y.fill(NaN);
    return;
  }
  let gain = 0;
  let loss = 0;
  let previous = x[0];
  y[0] = NaN;
  for (let i = 1; i < period; i++) {
    const current = x[i];
    const change = current - previous;
    const size = Math.abs(change);
    gain += (size + change) * 0.5;
    loss += (size - change) * 0.5;
    previous = current;
    y[i] = NaN;
  }
  {
    const current = x[period];
    const change = current - previous;
    const size = Math.abs(change);
    gain = (gain + (size + change) * 0.5) / period;
    loss = (loss + (size - change) * 0.5) / period;
    previous = current;
    const total = gain + loss;
    y[period] = total < talibEpsilon ? 0 : 100 * (gain / total);
  }
  const keep = (period - 1) / period;
  const half = 0.5 / period;
  for (let i = period + 1; i < n; i++) {
    const current = x[i];
    const change = current - previous;
    const size = Math.abs(change);
    gain = gain * keep + (size + change) * half;
    loss = loss * keep + (size - change) * half;
    previous = current;
    const total = gain + loss;
    y[i] = total < talibEpsilon ? 0 : 100 * (gain / total);
  }
}

function rsiDividingKernel(x: Float64Array, period: number, y: Float64Array): void {
  const n = x.length;
  if (n <= period) {
    y.fill(NaN);
    return;
  }
  let gain = 0;
  let loss = 0;
  let previous = x[0];
  y.fill(NaN, 0, period);
  for (let i = 1; i <= period; i++) {
    const current = x[i];
    const change = current - previous;
    const size = Math.abs(change);
    gain += (size + change) * 0.5;
    loss += (size - change) * 0.5;
    previous = current;
  }
  gain /= period;
  loss /= period;
  let total = gain + loss;
  y[period] = total < talibEpsilon ? 0 : 100 * (gain / total);
  const previousWeight = period - 1;
  for (let i = period + 1; i < n; i++) {
    const current = x[i];
    const change = current - previous;
    const size = Math.abs(change);
    gain = (gain * previousWeight + (size + change) * 0.5) / period;
    loss = (loss * previousWeight + (size - change) * 0.5) / period;
    previous = current;
    total = gain + loss;
    y[i] = total < talibEpsilon ? 0 : 100 * (gain / total);
  }
}

/**
 * Wilder's running average gain and loss over closes, under the forming-bar model; RSI and CMO
 * differ only in how they turn the two averages into an output.
 */
export abstract class WilderGainLoss extends StreamingIndicator {
  readonly lookback: number;
  private readonly keep: number;
  private readonly half: number;
  private previousClose = NaN;
  /** Sums of gains and losses during warm-up, then the averages. */
  private gain = 0;
  private loss = 0;
  private formingClose = 0;
  private formingGain = 0;
  private formingLoss = 0;

  /** `talibDivision`: smooth by TA-Lib's literal formula (see `rsiTalibExact`). */
  constructor(
    readonly code: string,
    readonly period: number,
    private readonly talibDivision = false,
  ) {
    super();
    assertInteger(code, 'period', period, 2);
    this.lookback = period;
    this.keep = (period - 1) / period;
    this.half = 0.5 / period;
  }

  update(close: number): number {
    if (this.begin(true, Number.isFinite(close))) this.compute(close);
    return this.value;
  }

  replace(close: number): number {
    if (this.begin(false, Number.isFinite(close))) this.compute(close);
    return this.value;
  }

  protected abstract output(averageGain: number, averageLoss: number): number;

  private compute(close: number): void {
    this.formingClose = close;
    const index = this.count - 1;
    if (index === 0) {
      this.value = NaN;
      return;
    }
    const change = close - this.previousClose;
    const size = Math.abs(change);
    if (index < this.period) {
      this.formingGain = this.gain + (size + change) * 0.5;
      this.formingLoss = this.loss + (size - change) * 0.5;
      this.value = NaN;
      return;
    }
    if (index === this.period) {
      this.formingGain = (this.gain + (size + change) * 0.5) / this.period;
      this.formingLoss = (this.loss + (size - change) * 0.5) / this.period;
    } else if (this.talibDivision) {
      this.formingGain = (this.gain * (this.period - 1) + (size + change) * 0.5) / this.period;
      this.formingLoss = (this.loss * (this.period - 1) + (size - change) * 0.5) / this.period;
    } else {
      this.formingGain = this.gain * this.keep + (size + change) * this.half;
      this.formingLoss = this.loss * this.keep + (size - change) * this.half;
    }
    this.value = this.output(this.formingGain, this.formingLoss);
  }

  protected commit(): void {
    if (this.count > 1) {
      this.gain = this.formingGain;
      this.loss = this.formingLoss;
    }
    this.previousClose = this.formingClose;
  }

  protected clear(): void {
    this.previousClose = NaN;
    this.gain = 0;
    this.loss = 0;
  }
}

export class RSI extends WilderGainLoss {
  /** `talibDivision`: TA-Lib's literal smoothing, as `rsiTalibExact` (default: as `rsi`). */
  constructor(period = 14, talibDivision = false) {
    super('RSI', period, talibDivision);
  }

  protected output(averageGain: number, averageLoss: number): number {
    const total = averageGain + averageLoss;
    return total < talibEpsilon ? 0 : 100 * (averageGain / total);
  }
}
