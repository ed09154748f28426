import { StreamingIndicator } from '../StreamingIndicator.js';
import { DirectionalCore, directionalIndicator, finiteBar } from './directionalMovement.js';

/**
 * The streaming plus (`isPlus`) or minus directional indicator, 100 * smoothed DM / smoothed
 * true range: the one implementation behind PLUS_DI and MINUS_DI, which only name it and pick the side.
 */
export abstract class DirectionalIndicatorStream extends StreamingIndicator {
  private readonly core: DirectionalCore;

  protected constructor(
    readonly period: number,
    readonly lookback: number,
    private readonly isPlus: boolean,
  ) {
    super();
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
    this.core.compute(high, low, close, this.count - 1);
    this.value = this.count > this.lookback ? directionalIndicator(this.isPlus ? this.core.formingPlus : this.core.formingMinus, this.core.formingRange) : NaN;
  }

  protected commit(): void {
    this.core.commit();
  }

  protected clear(): void {
    this.core.clear();
  }
}
