import { RingBuffer } from '../../core/RingBuffer.js';
import { withFiniteRows } from '../nanPolicy.js';
import { assertInteger, outputArray } from '../parameters.js';
import { StreamingIndicator } from '../StreamingIndicator.js';
import { EMA, emaKernel } from './ema.js';

/**
 * Zero-lag exponential moving average (Ehlers and Way, "Zero Lag (Well, Almost)", 2010; the
 * common ZLEMA form): an EMA of the de-lagged series 2 * x[t] - x[t - lag] with
 * lag = floor((period - 1) / 2), which adds back the trend the EMA would otherwise trail by.
 * Not in TA-Lib. Seeding follows TA-Lib's EMA: the first value is the mean of the first `period`
 * de-lagged values, so the first output is at bar lag + period - 1 (the de-lagged series starts
 * at bar `lag`). Factor 2 / (period + 1); default period 30, as TA-Lib's averages. Periods 2 and
 * lower have lag 0, where ZLEMA equals EMA.
 * Type: trend/overlap. @see https://www.mesasoftware.com/papers/ZeroLag.pdf
 */
export function zlemaLookback(period = 30): number {
  assertInteger('ZLEMA', 'period', period, 2);
  return zlemaLag(period) + period - 1;
}

/** Bars between the value and the one subtracted from its double. */
export function zlemaLag(period: number): number {
  return Math.floor((period - 1) / 2);
}

export function zlema(close: Float64Array, period = 30, out?: Float64Array): Float64Array {
  zlemaLookback(period);
  const result = outputArray('ZLEMA', close.length, out);
  withFiniteRows([close], [result], ([x], [y]) => zlemaKernel(x, period, y));
  return result;
}

/** The de-lagged series is written into y and smoothed in place (the EMA reads each value before writing it). */
function zlemaKernel(x: Float64Array, period: number, y: Float64Array): void {
  const n = x.length;
  const lag = zlemaLag(period);
  y.fill(NaN, 0, Math.min(lag, n));
  for (let i = lag; i < n; i++) y[i] = 2 * x[i] - x[i - lag];
  if (n > lag) {
    const delagged = y.subarray(lag);
    emaKernel(delagged, period, 2 / (period + 1), 'sma', delagged);
  }
}

/** Streaming ZLEMA: a ring of the last `lag` committed values feeding a streaming EMA. */
export class ZLEMA extends StreamingIndicator {
  readonly lookback: number;
  private readonly lag: number;
  private readonly history: RingBuffer;
  private readonly average: EMA;
  private forming = 0;

  constructor(readonly period = 30) {
    super();
    this.lookback = zlemaLookback(period);
    this.lag = zlemaLag(period);
    this.history = new RingBuffer(Math.max(1, this.lag));
    this.average = new EMA(period);
  }

  update(x: number): number {
    // begin() first: a new bar commits the previous one into the history the de-lagging reads.
    const valid = this.begin(true, Number.isFinite(x));
    const smoothed = this.average.update(valid ? this.delagged(x) : NaN);
    if (valid) this.compute(x, smoothed);
    return this.value;
  }

  replace(x: number): number {
    const valid = this.begin(false, Number.isFinite(x));
    const smoothed = this.average.replace(valid ? this.delagged(x) : NaN);
    if (valid) this.compute(x, smoothed);
    return this.value;
  }

  /** 2x - x[t - lag], or NaN (a bar the EMA skips) while fewer than `lag` values are committed. */
  private delagged(x: number): number {
    if (this.lag === 0) return x;
    return this.history.length === this.lag ? 2 * x - this.history.fromNewest(this.lag - 1) : NaN;
  }

  private compute(x: number, smoothed: number): void {
    this.forming = x;
    this.value = smoothed;
  }

  protected commit(): void {
    if (this.lag > 0) this.history.push(this.forming);
  }

  protected clear(): void {
    this.history.clear();
    this.average.reset();
  }
}
