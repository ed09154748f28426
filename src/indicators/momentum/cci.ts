import { withFiniteRows } from '../nanPolicy.js';
import { assertInteger, assertSameLength, outputArray } from '../parameters.js';
import { StreamingIndicator } from '../StreamingIndicator.js';
import { finiteBar } from './directionalMovement.js';

/**
 * Commodity channel index (TA-Lib CCI, default period 14): how far the typical price
 * (high + low + close) / 3 is from its `period`-bar mean, in units of 0.015 times the mean
 * absolute deviation, so that most values fall within ±100; beyond ±100 is read as a strong
 * move (or overbought/oversold). The mean deviation is around the current window's mean, so
 * each bar costs O(period), as in TA-Lib. 0 when the typical price equals its mean or the
 * window is flat. First value at bar period - 1.
 * Type: momentum. @see https://ta-lib.org/functions/cci/
 */
export function cciLookback(period = 14): number {
  assertInteger('CCI', 'period', period, 2);
  return period - 1;
}

export function cci(high: Float64Array, low: Float64Array, close: Float64Array, period = 14, out?: Float64Array): Float64Array {
  cciLookback(period);
  const length = assertSameLength('CCI', { high, low, close });
  const result = outputArray('CCI', length, out);
  withFiniteRows([high, low, close], [result], ([h, l, c], [y]) => cciKernel(h, l, c, period, y));
  return result;
}

/**
 * CCI of a full window: `window` holds typical prices with bar i at slot i mod period, summed
 * in slot order as TA-Lib does, so the values match it bit for bit.
 */
function windowCci(window: Float64Array, period: number, last: number): number {
  let sum = 0;
  for (let j = 0; j < period; j++) sum += window[j];
  const mean = sum / period;
  let deviation = 0;
  for (let j = 0; j < period; j++) deviation += Math.abs(window[j] - mean);
  const distance = last - mean;
  return distance !== 0.0 && deviation !== 0.0 ? distance / (0.015 * (deviation / period)) : 0;
}

/** Hand-written over typed arrays because speed is the product; the inner loops are inherent. */
function cciKernel(high: Float64Array, low: Float64Array, close: Float64Array, period: number, y: Float64Array): void {
  const n = high.length;
  const window = new Float64Array(period);
  let slot = 0;
  for (let i = 0; i < n; i++) {
    const typical = (high[i] + low[i] + close[i]) / 3;
    window[slot] = typical;
    if (++slot === period) slot = 0;
    y[i] = i >= period - 1 ? windowCci(window, period, typical) : NaN;
  }
}

export class CCI extends StreamingIndicator {
  readonly lookback: number;
  /**
   * Typical prices by slot (bar i at i mod period). The forming bar is written straight into
   * its slot: the value it overwrites belongs to a bar outside every window still to come.
   */
  private readonly window: Float64Array;
  private slot = 0;

  constructor(readonly period = 14) {
    super();
    this.lookback = cciLookback(period);
    this.window = new Float64Array(period);
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
    const typical = (high + low + close) / 3;
    this.window[this.slot] = typical;
    this.value = this.count > this.lookback ? windowCci(this.window, this.period, typical) : NaN;
  }

  protected commit(): void {
    if (++this.slot === this.period) this.slot = 0;
  }

  protected clear(): void {
    this.slot = 0;
  }
}
