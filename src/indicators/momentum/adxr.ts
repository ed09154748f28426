import { RingBuffer } from '../../core/RingBuffer.js';
import { withFiniteRows } from '../nanPolicy.js';
import { assertInteger, assertSameLength, outputArray } from '../parameters.js';
import { StreamingIndicator } from '../StreamingIndicator.js';
import { ADX, adxKernel } from './adx.js';
import { finiteBar } from './directionalMovement.js';

/**
 * Average directional movement index rating (TA-Lib ADXR, default period 14): the mean of
 * today's ADX and the ADX of period - 1 bars ago, a slower, steadier trend-strength reading.
 * First value at bar 3 * period - 2 (ADX's lookback plus period - 1).
 * Type: momentum. @see https://ta-lib.org/functions/adxr/
 */
export function adxrLookback(period = 14): number {
  assertInteger('ADXR', 'period', period, 2);
  return 3 * period - 2;
}

export function adxr(high: Float64Array, low: Float64Array, close: Float64Array, period = 14, out?: Float64Array): Float64Array {
  adxrLookback(period);
  const length = assertSameLength('ADXR', { high, low, close });
  const result = outputArray('ADXR', length, out);
  const average = new Float64Array(length);
  if (!adxKernel(high, low, close, period, average)) withFiniteRows([high, low, close], [average], ([h, l, c], [y]) => adxKernel(h, l, c, period, y));
  adxrFromAdx(average, period, result);
  return result;
}

/**
 * ADXR from an ADX series of the same period (the registry shares one ADX). Rows where ADX is
 * NaN (warm-up or a missing bar) are NaN and do not count in the lag, so a series with holes
 * gives what the batch kernel gives; `out` must not be `average`.
 */
export function adxrFromAdx(average: Float64Array, period: number, out: Float64Array): Float64Array {
  const n = average.length;
  const lag = period - 1;
  // Rows of the finite ADX values seen so far, in order; the lagged value is `lag` of them back.
  const rows = new Int32Array(n);
  let finite = 0;
  for (let i = 0; i < n; i++) {
    const value = average[i];
    if (value !== value) {
      out[i] = NaN;
      continue;
    }
    rows[finite] = i;
    out[i] = finite >= lag ? (value + average[rows[finite - lag]]) / 2 : NaN;
    finite++;
  }
  return out;
}

export class ADXR extends StreamingIndicator {
  readonly lookback: number;
  private readonly average: ADX;
  /** Committed ADX values of the last period - 1 bars. */
  private readonly history: RingBuffer;
  private formingAverage = NaN;

  constructor(readonly period = 14) {
    super();
    this.lookback = adxrLookback(period);
    this.average = new ADX(period);
    this.history = new RingBuffer(period - 1);
  }

  /** The underlying ADX's value for the latest bar. */
  get adx(): number {
    return this.average.value;
  }

  update(high: number, low: number, close: number): number {
    this.average.update(high, low, close);
    if (this.begin(true, finiteBar(high, low, close))) this.compute();
    return this.value;
  }

  replace(high: number, low: number, close: number): number {
    this.average.replace(high, low, close);
    if (this.begin(false, finiteBar(high, low, close))) this.compute();
    return this.value;
  }

  private compute(): void {
    this.formingAverage = this.average.value;
    this.value = this.count > this.lookback ? (this.formingAverage + this.history.fromNewest(this.period - 2)) / 2 : NaN;
  }

  protected commit(): void {
    this.history.push(this.formingAverage);
  }

  protected clear(): void {
    this.average.reset();
    this.history.clear();
  }
}
