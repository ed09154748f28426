import { withFiniteRows } from '../nanPolicy.js';
import { assertInteger, assertSameLength, outputArray } from '../parameters.js';
import { StreamingIndicator } from '../StreamingIndicator.js';
import { MonotonicDeque } from './MonotonicDeque.js';

/**
 * Aroon (TA-Lib AROON, default period 14): how recently the window made its high and its low.
 * up = 100 * (period - bars since the highest high) / period, down likewise for the lowest
 * low, over the last period + 1 bars (TA-Lib's window: the current bar and `period` before
 * it), so 100 means a new extreme on this bar and 0 one `period` bars ago. Among equal
 * highs (lows) the most recent counts, as in TA-Lib. First value at bar `period`. Up near 100
 * with down near 0 marks an uptrend.
 * Type: momentum. @see https://ta-lib.org/functions/aroon/
 */
export function aroonLookback(period = 14): number {
  assertInteger('AROON', 'period', period, 2);
  return period;
}

export interface AroonOutput {
  down: Float64Array;
  up: Float64Array;
}

export function aroon(high: Float64Array, low: Float64Array, period = 14, out?: Partial<AroonOutput>): AroonOutput {
  aroonLookback(period);
  const length = assertSameLength('AROON', { high, low });
  const down = outputArray('AROON', length, out?.down);
  const up = outputArray('AROON', length, out?.up);
  withFiniteRows([high, low], [down, up], ([h, l], [d, u]) => aroonKernel(h, l, period, d, u, undefined));
  return { down, up };
}

/**
 * Indices of the highest high and lowest low over the last period + 1 bars by two monotonic
 * deques on preallocated power-of-two ring buffers (masked, no `%`), O(1) amortized per bar;
 * hand-written because speed is the product. Writes AROON (down, up) or AROONOSC (oscillator).
 */
export function aroonKernel(
  high: Float64Array,
  low: Float64Array,
  period: number,
  down: Float64Array | undefined,
  up: Float64Array | undefined,
  oscillator: Float64Array | undefined,
): void {
  const n = high.length;
  let slots = 2;
  while (slots < period + 2) slots *= 2;
  const mask = slots - 1;
  const maxima = new Int32Array(slots);
  const minima = new Int32Array(slots);
  let maxHead = 0;
  let maxSize = 0;
  let minHead = 0;
  let minSize = 0;
  const factor = 100.0 / period;
  for (let i = 0; i < n; i++) {
    const h = high[i];
    const l = low[i];
    // `<=` and `>=` drop equal older values: the most recent extreme wins ties.
    while (maxSize > 0 && high[maxima[(maxHead + maxSize - 1) & mask]] <= h) maxSize--;
    maxima[(maxHead + maxSize) & mask] = i;
    maxSize++;
    if (maxima[maxHead] < i - period) {
      maxHead = (maxHead + 1) & mask;
      maxSize--;
    }
    while (minSize > 0 && low[minima[(minHead + minSize - 1) & mask]] >= l) minSize--;
    minima[(minHead + minSize) & mask] = i;
    minSize++;
    if (minima[minHead] < i - period) {
      minHead = (minHead + 1) & mask;
      minSize--;
    }
    if (i < period) {
      if (down !== undefined) down[i] = NaN;
      if (up !== undefined) up[i] = NaN;
      if (oscillator !== undefined) oscillator[i] = NaN;
      continue;
    }
    const highest = maxima[maxHead];
    const lowest = minima[minHead];
    if (down !== undefined) down[i] = factor * (period - (i - lowest));
    if (up !== undefined) up[i] = factor * (period - (i - highest));
    if (oscillator !== undefined) oscillator[i] = factor * (highest - lowest);
  }
}

/**
 * The streaming window shared by AROON and AROONOSC: committed bars in two deques, the forming
 * bar compared on top (it wins ties, being the most recent).
 */
export class AroonWindow {
  private readonly highs: MonotonicDeque;
  private readonly lows: MonotonicDeque;
  private formingHigh = NaN;
  private formingLow = NaN;
  /** Bar indices of the window's highest high and lowest low, after `compute`. */
  highest = 0;
  lowest = 0;

  constructor(readonly period: number) {
    this.highs = new MonotonicDeque(period + 1, true);
    this.lows = new MonotonicDeque(period + 1, false);
  }

  compute(high: number, low: number, index: number): void {
    this.formingHigh = high;
    this.formingLow = low;
    this.highest = this.highs.isEmpty || high >= this.highs.frontValue ? index : this.highs.frontIndex;
    this.lowest = this.lows.isEmpty || low <= this.lows.frontValue ? index : this.lows.frontIndex;
  }

  /** Folds the forming bar `index` in and drops the bar that leaves the next window. */
  commit(index: number): void {
    const oldest = index + 1 - this.period;
    this.highs.push(index, this.formingHigh);
    this.highs.evictBefore(oldest);
    this.lows.push(index, this.formingLow);
    this.lows.evictBefore(oldest);
  }

  clear(): void {
    this.highs.clear();
    this.lows.clear();
  }
}

export class AROON extends StreamingIndicator {
  readonly lookback: number;
  /** Aroon down (also `value`, the first output). */
  down = NaN;
  up = NaN;
  private readonly window: AroonWindow;
  private readonly factor: number;

  constructor(readonly period = 14) {
    super();
    this.lookback = aroonLookback(period);
    this.window = new AroonWindow(period);
    this.factor = 100.0 / period;
  }

  update(high: number, low: number): number {
    if (this.begin(true, Number.isFinite(high) && Number.isFinite(low))) this.compute(high, low);
    else this.up = this.down = NaN;
    return this.value;
  }

  replace(high: number, low: number): number {
    if (this.begin(false, Number.isFinite(high) && Number.isFinite(low))) this.compute(high, low);
    else this.up = this.down = NaN;
    return this.value;
  }

  private compute(high: number, low: number): void {
    const index = this.count - 1;
    this.window.compute(high, low, index);
    if (index < this.period) {
      this.value = this.down = this.up = NaN;
      return;
    }
    this.down = this.factor * (this.period - (index - this.window.lowest));
    this.up = this.factor * (this.period - (index - this.window.highest));
    this.value = this.down;
  }

  protected commit(): void {
    this.window.commit(this.count - 1);
  }

  protected clear(): void {
    this.window.clear();
    this.up = this.down = NaN;
  }
}
