import { withFiniteRows } from '../nanPolicy.js';
import { assertInteger, assertSameLength, outputArray } from '../parameters.js';
import { StreamingIndicator } from '../StreamingIndicator.js';
import { finiteBar } from './directionalMovement.js';
import { MonotonicDeque } from './MonotonicDeque.js';

/**
 * Williams' %R (TA-Lib WILLR, default period 14): where the close sits in the range of the
 * last `period` bars, from 0 (at the highest high: overbought) to -100 (at the lowest low:
 * oversold); -100 * (highest - close) / (highest - lowest). A flat window (highest = lowest)
 * gives 0, as in TA-Lib. First value at bar period - 1.
 * Type: momentum. @see https://ta-lib.org/functions/willr/
 */
export function willrLookback(period = 14): number {
  assertInteger('WILLR', 'period', period, 2);
  return period - 1;
}

export function willr(high: Float64Array, low: Float64Array, close: Float64Array, period = 14, out?: Float64Array): Float64Array {
  willrLookback(period);
  const length = assertSameLength('WILLR', { high, low, close });
  const result = outputArray('WILLR', length, out);
  withFiniteRows([high, low, close], [result], ([h, l, c], [y]) => willrKernel(h, l, c, period, y));
  return result;
}

/** TA-Lib's formula, division by -100 included, so the values match it bit for bit. */
function percentR(highest: number, lowest: number, close: number): number {
  const scale = (highest - lowest) / -100.0;
  return scale !== 0 ? (highest - close) / scale : 0;
}

/**
 * Rolling highest high and lowest low by two monotonic deques of bar indices on preallocated
 * ring buffers (power-of-two size, masked: no `%`), O(1) amortized per bar; hand-written
 * because speed is the product.
 */
function willrKernel(high: Float64Array, low: Float64Array, close: Float64Array, period: number, y: Float64Array): void {
  const n = high.length;
  let slots = 2;
  while (slots < period + 1) slots *= 2;
  const mask = slots - 1;
  const maxima = new Int32Array(slots);
  const minima = new Int32Array(slots);
  let maxHead = 0;
  let maxSize = 0;
  let minHead = 0;
  let minSize = 0;
  const lookback = period - 1;
  for (let i = 0; i < n; i++) {
    const h = high[i];
    const l = low[i];
    while (maxSize > 0 && high[maxima[(maxHead + maxSize - 1) & mask]] <= h) maxSize--;
    maxima[(maxHead + maxSize) & mask] = i;
    maxSize++;
    if (maxima[maxHead] <= i - period) {
      maxHead = (maxHead + 1) & mask;
      maxSize--;
    }
    while (minSize > 0 && low[minima[(minHead + minSize - 1) & mask]] >= l) minSize--;
    minima[(minHead + minSize) & mask] = i;
    minSize++;
    if (minima[minHead] <= i - period) {
      minHead = (minHead + 1) & mask;
      minSize--;
    }
    y[i] = i >= lookback ? percentR(high[maxima[maxHead]], low[minima[minHead]], close[i]) : NaN;
  }
}

export class WILLR extends StreamingIndicator {
  readonly lookback: number;
  /** Committed bars of the window (the last period - 1). */
  private readonly highs: MonotonicDeque;
  private readonly lows: MonotonicDeque;
  private formingHigh = NaN;
  private formingLow = NaN;

  constructor(readonly period = 14) {
    super();
    this.lookback = willrLookback(period);
    this.highs = new MonotonicDeque(period, true);
    this.lows = new MonotonicDeque(period, false);
  }

  update(high: number, low: number, close: number): number {
    if (this.begin(true, finiteBar(high, low, close))) this.compute(high, low, close);
    return this.value;
  }

  replace(high: number, low: number, close: number): number {
    if (this.begin(false, finiteBar(high, low, close))) this.compute(high, low, close);
    return this.value;
  }

  private compute(high: number, low: number, close: number): void {
    this.formingHigh = high;
    this.formingLow = low;
    if (this.count <= this.lookback) {
      this.value = NaN;
      return;
    }
    const highest = this.highs.isEmpty || high >= this.highs.frontValue ? high : this.highs.frontValue;
    const lowest = this.lows.isEmpty || low <= this.lows.frontValue ? low : this.lows.frontValue;
    this.value = percentR(highest, lowest, close);
  }

  protected commit(): void {
    const index = this.count - 1;
    const oldest = index + 2 - this.period;
    this.highs.push(index, this.formingHigh);
    this.highs.evictBefore(oldest);
    this.lows.push(index, this.formingLow);
    this.lows.evictBefore(oldest);
  }

  protected clear(): void {
    this.highs.clear();
    this.lows.clear();
  }
}
