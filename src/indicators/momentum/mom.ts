import { RingBuffer } from '../../core/RingBuffer.js';
import { withFiniteRows } from '../nanPolicy.js';
import { assertInteger, outputArray } from '../parameters.js';
import { StreamingIndicator } from '../StreamingIndicator.js';

/**
 * Momentum: the change of the close over `period` bars, x[i] - x[i - period], in price units;
 * traders read its sign as the direction of the move and its size as its strength. As TA-Lib
 * MOM (default period 10, first value at bar `period`).
 * Type: momentum. @see https://ta-lib.org/functions/mom/
 */
export function momLookback(period = 10): number {
  assertInteger('MOM', 'period', period, 1);
  return period;
}

export function mom(close: Float64Array, period = 10, out?: Float64Array): Float64Array {
  momLookback(period);
  const result = outputArray('MOM', close.length, out);
  withFiniteRows([close], [result], ([x], [y]) => momKernel(x, period, y));
  return result;
}

/** Hand-written loop (speed is the product): one subtraction per bar. */
function momKernel(x: Float64Array, period: number, y: Float64Array): void {
  const n = x.length;
  const warm = Math.min(period, n);
  for (let i = 0; i < warm; i++) y[i] = NaN;
  for (let i = period; i < n; i++) y[i] = x[i] - x[i - period];
}

/**
 * The streaming form shared by MOM and the ROC family: an output from the forming close and
 * the close `period` valid bars earlier, kept in a ring of the last `period` committed closes.
 */
export abstract class LaggedComparison extends StreamingIndicator {
  readonly lookback: number;
  private readonly window: RingBuffer;
  private forming = 0;

  constructor(
    code: string,
    readonly period: number,
  ) {
    super();
    assertInteger(code, 'period', period, 1);
    this.lookback = period;
    this.window = new RingBuffer(period);
  }

  update(close: number): number {
    if (this.begin(true, Number.isFinite(close))) this.compute(close);
    return this.value;
  }

  replace(close: number): number {
    if (this.begin(false, Number.isFinite(close))) this.compute(close);
    return this.value;
  }

  /** The output for `current` against the close `period` bars before it. */
  protected abstract output(current: number, past: number): number;

  private compute(close: number): void {
    this.forming = close;
    this.value = this.window.isFull ? this.output(close, this.window.at(0)) : NaN;
  }

  protected commit(): void {
    this.window.push(this.forming);
  }

  protected clear(): void {
    this.window.clear();
  }
}

export class MOM extends LaggedComparison {
  constructor(period = 10) {
    super('MOM', period);
  }

  protected output(current: number, past: number): number {
    return current - past;
  }
}
