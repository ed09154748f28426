import { StreamingIndicator } from '../StreamingIndicator.js';
import { assertInteger } from '../parameters.js';
import { DirectionalCore, directionalBatch, directionalIndex, finiteBar } from './directionalMovement.js';

/**
 * Directional movement index (TA-Lib DX, default period 14): 100 * |+DI - -DI| / (+DI + -DI),
 * how one-sided recent movement is (0: balanced, 100: all one way), regardless of direction;
 * ADX is its smoothed form. First value at bar `period`. Where it is undefined (no movement
 * at all, see `directionalMovement.ts`) it repeats the previous value, 0 at the start, as
 * TA-Lib does.
 * Type: momentum. @see https://ta-lib.org/functions/dx/
 */
export function dxLookback(period = 14): number {
  assertInteger('DX', 'period', period, 2);
  return period;
}

export function dx(high: Float64Array, low: Float64Array, close: Float64Array, period = 14, out?: Float64Array): Float64Array {
  dxLookback(period);
  return directionalBatch('DX', high, low, close, period, 'dx', out);
}

export class DX extends StreamingIndicator {
  readonly lookback: number;
  private readonly core: DirectionalCore;
  private previousDx = 0;

  constructor(readonly period = 14) {
    super();
    this.lookback = dxLookback(period);
    this.core = new DirectionalCore(period);
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
    const core = this.core;
    core.compute(high, low, close, this.count - 1);
    if (this.count <= this.lookback) {
      this.value = NaN;
      return;
    }
    const value = directionalIndex(core.formingPlus, core.formingMinus, core.formingRange);
    this.value = value === value ? value : this.previousDx;
  }

  protected commit(): void {
    this.core.commit();
    if (this.value === this.value) this.previousDx = this.value;
  }

  protected clear(): void {
    this.core.clear();
    this.previousDx = 0;
  }
}
