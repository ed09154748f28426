import { StreamingIndicator } from '../StreamingIndicator.js';
import { RollingExtreme } from './RollingExtreme.js';

/**
 * The streaming row index of the rolling maximum (`isMaximum`) or minimum over the last
 * `period` values, with TA-Lib's tie rule: the one implementation behind MAXINDEX and
 * MININDEX, which only name it and fix the direction. The index is the number of bars given
 * to `update()` since construction or `reset()` minus one; missing bars count but are never chosen.
 */
export abstract class RollingExtremeIndexStream extends StreamingIndicator {
  private readonly window: RollingExtreme;
  private forming = 0;
  private formingPosition = 0;
  /** Bars given to update(), missing ones included: the position of the next bar. */
  private bars = 0;

  protected constructor(
    readonly period: number,
    readonly lookback: number,
    isMaximum: boolean,
  ) {
    super();
    this.window = new RollingExtreme(period, isMaximum);
  }

  update(x: number): number {
    this.bars++;
    if (this.begin(true, Number.isFinite(x))) this.compute(x);
    return this.value;
  }

  replace(x: number): number {
    if (this.begin(false, Number.isFinite(x))) this.compute(x);
    return this.value;
  }

  private compute(x: number): void {
    this.forming = x;
    this.formingPosition = this.bars - 1;
    this.value = this.window.index(x, this.formingPosition);
  }

  protected commit(): void {
    this.window.commit(this.forming, this.formingPosition);
  }

  protected clear(): void {
    this.window.clear();
    this.bars = 0;
  }
}
