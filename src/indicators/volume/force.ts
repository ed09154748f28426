import { withFiniteRows } from '../nanPolicy.js';
import { assertInteger, assertSameLength, outputArray } from '../parameters.js';
import { StreamingIndicator } from '../StreamingIndicator.js';

/**
 * Elder's Force Index: the EMA of (close - previous close) * volume, the power behind a move;
 * positive when buyers push price up on volume. Default period 13. TA-Lib has no Force Index.
 *
 * Seeding, as tickforge's (and TA-Lib's) EMA: the first value is the mean of the first
 * `period` one-bar forces (bars 1..period, bar 0 has no previous close), then it smooths by
 * 2/(period+1); lookback `period`. Period 1 is the raw one-bar force.
 * Type: volume. @see https://school.stockcharts.com/doku.php?id=technical_indicators:force_index
 */
export function forceLookback(period = 13): number {
  assertInteger('Force Index', 'period', period, 1);
  return period;
}

export function force(close: Float64Array, volume: Float64Array, period = 13, out?: Float64Array): Float64Array {
  const length = assertSameLength('Force Index', { close, volume });
  forceLookback(period);
  const result = outputArray('Force Index', length, out);
  withFiniteRows([close, volume], [result], ([c, v], [y]) => forceKernel(c, v, period, y));
  return result;
}

/** The one-bar force and its EMA in one hand-written loop: speed is the product. */
function forceKernel(close: Float64Array, volume: Float64Array, period: number, y: Float64Array): void {
  const n = close.length;
  if (n <= period) {
    y.fill(NaN);
    return;
  }
  y[0] = NaN;
  let sum = 0;
  for (let i = 1; i < period; i++) {
    sum += (close[i] - close[i - 1]) * volume[i];
    y[i] = NaN;
  }
  let previous = (sum + (close[period] - close[period - 1]) * volume[period]) / period;
  y[period] = previous;
  const factor = 2 / (period + 1);
  for (let i = period + 1; i < n; i++) {
    previous += factor * ((close[i] - close[i - 1]) * volume[i] - previous);
    y[i] = previous;
  }
}

export class ForceIndex extends StreamingIndicator {
  readonly lookback: number;
  private readonly factor: number;
  private sum = 0;
  private previous = NaN;
  private previousClose = NaN;
  private formingClose = 0;
  private formingForce = 0;

  constructor(readonly period = 13) {
    super();
    this.lookback = forceLookback(period);
    this.factor = 2 / (period + 1);
  }

  update(close: number, volume: number): number {
    if (this.begin(true, Number.isFinite(close) && Number.isFinite(volume))) this.compute(close, volume);
    return this.value;
  }

  replace(close: number, volume: number): number {
    if (this.begin(false, Number.isFinite(close) && Number.isFinite(volume))) this.compute(close, volume);
    return this.value;
  }

  private compute(close: number, volume: number): void {
    this.formingClose = close;
    if (this.count === 1) {
      this.value = NaN;
      return;
    }
    const raw = (close - this.previousClose) * volume;
    this.formingForce = raw;
    if (this.previous === this.previous) this.value = this.previous + this.factor * (raw - this.previous);
    else this.value = this.count === this.period + 1 ? (this.sum + raw) / this.period : NaN;
  }

  protected commit(): void {
    if (this.count > 1) {
      if (this.value === this.value) this.previous = this.value;
      else this.sum += this.formingForce;
    }
    this.previousClose = this.formingClose;
  }

  protected clear(): void {
    this.sum = 0;
    this.previous = NaN;
    this.previousClose = NaN;
  }
}
