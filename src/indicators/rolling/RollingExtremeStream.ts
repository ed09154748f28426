import { StreamingIndicator } from '../StreamingIndicator.js';
import { RollingExtreme } from './RollingExtreme.js';

/**
 * The streaming rolling maximum (`isMaximum`) or minimum over the last `period` values: the
 * one implementation behind MAX and MIN, which only name it and fix the direction. O(1)
 * amortised per bar with no allocation (a monotonic deque, see `RollingExtreme`).
 */
export abstract class RollingExtremeStream extends StreamingIndicator {
  private readonly window: RollingExtreme;
  private forming = 0;

  protected constructor(
    readonly period: number,
    readonly lookback: number,
    isMaximum: boolean,
  ) {
    super();
    this.window = new RollingExtreme(period, isMaximum);
  }

  update(x: number): number {
    if (this.begin(true, Number.isFinite(x))) this.compute(x);
    return this.value;
  }

  replace(x: number): number {
    if (this.begin(false, Number.isFinite(x))) this.compute(x);
    return this.value;
  }

  private compute(x: number): void {
    this.forming = x;
    this.value = this.count > this.lookback ? this.window.extreme(x) : NaN;
  }

  protected commit(): void {
    this.window.commit(this.forming, 0);
  }

  protected clear(): void {
    this.window.clear();
  }
}
