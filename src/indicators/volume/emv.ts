import { RingBuffer } from '../../core/RingBuffer.js';
import { withFiniteRows } from '../nanPolicy.js';
import { assertInteger, assertNumber, assertSameLength, outputArray } from '../parameters.js';
import { StreamingIndicator } from '../StreamingIndicator.js';

/**
 * Arms' Ease of Movement: how far the bar's midpoint moved per unit of volume-per-range; large
 * positive values mean price rose easily on light volume. TA-Lib has no EMV.
 *
 * One-bar EMV = distance / box ratio, where distance = (high + low)/2 - (previous high +
 * previous low)/2 and box ratio = (volume / scale) / (high - low); the output is its simple
 * moving average over `period` bars (default 14; `scale` default 100,000,000, which only sets
 * the units). Bar 0 has no previous midpoint, so the lookback is `period`.
 * Degenerate bars: with high == low the box ratio is infinite and the one-bar EMV is 0 (its
 * limit); with zero volume (and a range) it would be infinite, and is taken as 0 as well, so
 * that one untraded bar does not swamp the average.
 * Type: volume. @see https://school.stockcharts.com/doku.php?id=technical_indicators:ease_of_movement_emv
 */
export function emvLookback(period = 14, scale = 100_000_000): number {
  assertInteger('EMV', 'period', period, 1);
  assertNumber('EMV', 'scale', scale, 1e-6, 1e15);
  return period;
}

export function emv(high: Float64Array, low: Float64Array, volume: Float64Array, period = 14, scale = 100_000_000, out?: Float64Array): Float64Array {
  const length = assertSameLength('EMV', { high, low, volume });
  emvLookback(period, scale);
  const result = outputArray('EMV', length, out);
  withFiniteRows([high, low, volume], [result], ([h, l, v], [y]) => emvKernel(h, l, v, period, scale, y));
  return result;
}

/** One bar's EMV, 0 for a bar without range or without volume. */
export function oneBarEmv(high: number, low: number, volume: number, previousHigh: number, previousLow: number, scale: number): number {
  const range = high - low;
  if (range === 0 || volume === 0) return 0;
  return ((high + low) / 2 - (previousHigh + previousLow) / 2) / (volume / scale / range);
}

/** Hand-written running sum over a scratch array of one-bar values (speed is the product). */
function emvKernel(high: Float64Array, low: Float64Array, volume: Float64Array, period: number, scale: number, y: Float64Array): void {
  const n = high.length;
  if (n === 0) return;
  const raw = new Float64Array(n);
  const lookback = period;
  const inverse = 1 / period;
  let sum = 0;
  y[0] = NaN;
  for (let i = 1; i < n; i++) {
    const r = oneBarEmv(high[i], low[i], volume[i], high[i - 1], low[i - 1], scale);
    raw[i] = r;
    sum += r;
    if (i < lookback) {
      y[i] = NaN;
      continue;
    }
    y[i] = sum * inverse;
    sum -= raw[i - period + 1];
  }
}

export class EMV extends StreamingIndicator {
  readonly lookback: number;
  // Committed one-bar values of the last period - 1 bars; the forming bar completes the window.
  private readonly window: RingBuffer;
  private readonly inverse: number;
  private sum = 0;
  private previousHigh = NaN;
  private previousLow = NaN;
  private formingHigh = 0;
  private formingLow = 0;
  private formingRaw = 0;

  constructor(
    readonly period = 14,
    readonly scale = 100_000_000,
  ) {
    super();
    this.lookback = emvLookback(period, scale);
    this.window = new RingBuffer(Math.max(1, period - 1));
    this.inverse = 1 / period;
  }

  update(high: number, low: number, volume: number): number {
    if (this.begin(true, Number.isFinite(high) && Number.isFinite(low) && Number.isFinite(volume))) this.compute(high, low, volume);
    return this.value;
  }

  replace(high: number, low: number, volume: number): number {
    if (this.begin(false, Number.isFinite(high) && Number.isFinite(low) && Number.isFinite(volume))) this.compute(high, low, volume);
    return this.value;
  }

  private compute(high: number, low: number, volume: number): void {
    this.formingHigh = high;
    this.formingLow = low;
    if (this.count === 1) {
      this.value = NaN;
      return;
    }
    const raw = oneBarEmv(high, low, volume, this.previousHigh, this.previousLow, this.scale);
    this.formingRaw = raw;
    this.value = this.count > this.lookback ? (this.sum + raw) * this.inverse : NaN;
  }

  protected commit(): void {
    if (this.count > 1 && this.period > 1) {
      const evicted = this.window.push(this.formingRaw);
      // push() returns NaN until the window is full; stored values are always finite.
      this.sum += evicted === evicted ? this.formingRaw - evicted : this.formingRaw;
    }
    this.previousHigh = this.formingHigh;
    this.previousLow = this.formingLow;
  }

  protected clear(): void {
    this.window.clear();
    this.sum = 0;
    this.previousHigh = NaN;
    this.previousLow = NaN;
  }
}
