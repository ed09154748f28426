import { StreamingIndicator } from '../StreamingIndicator.js';
import { DirectionalCore } from './directionalMovement.js';

/**
 * The streaming smoothed plus (`isPlus`) or minus directional movement: the one
 * implementation behind PLUS_DM and MINUS_DM, which only name it and pick the side.
 */
export abstract class DirectionalMovementStream extends StreamingIndicator {
  private readonly core: DirectionalCore;

  protected constructor(
    readonly period: number,
    readonly lookback: number,
    private readonly isPlus: boolean,
  ) {
    super();
    this.core = new DirectionalCore(period);
  }

  update(high: number, low: number): number {
    if (this.begin(true, Number.isFinite(high) && Number.isFinite(low))) this.compute(high, low);
    return this.value;
  }

  replace(high: number, low: number): number {
    if (this.begin(false, Number.isFinite(high) && Number.isFinite(low))) this.compute(high, low);
    return this.value;
  }

  private compute(high: number, low: number): void {
    this.core.compute(high, low, NaN, this.count - 1);
    this.value = this.count > this.lookback ? (this.isPlus ? this.core.formingPlus : this.core.formingMinus) : NaN;
  }

  protected commit(): void {
    this.core.commit();
  }

  protected clear(): void {
    this.core.clear();
  }
}
