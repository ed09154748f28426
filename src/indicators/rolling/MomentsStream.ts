import { StreamingIndicator } from '../StreamingIndicator.js';
import { RunningMoments } from './RunningMoments.js';

/**
 * The streaming half shared by the indicators read from a window's running moments (VAR,
 * STDDEV, ZSCORE): warm-up, the forming-bar model and the `RunningMoments` bookkeeping live
 * here once, so each indicator only states its formula in `fromMoments`.
 */
export abstract class MomentsStream extends StreamingIndicator {
  private readonly moments: RunningMoments;
  private forming = 0;

  /** `lookback` is computed (and the parameters validated) by the subclass before this runs. */
  protected constructor(
    readonly period: number,
    readonly lookback: number,
  ) {
    super();
    this.moments = new RunningMoments(period);
  }

  update(x: number): number {
    if (this.begin(true, Number.isFinite(x))) this.compute(x);
    return this.value;
  }

  replace(x: number): number {
    if (this.begin(false, Number.isFinite(x))) this.compute(x);
    return this.value;
  }

  /** The output for the window ending with the forming value `x`, whose moments are loaded. */
  protected abstract fromMoments(moments: RunningMoments, x: number): number;

  private compute(x: number): void {
    this.forming = x;
    if (this.count <= this.lookback) {
      this.value = NaN;
      return;
    }
    this.moments.load(x);
    this.value = this.fromMoments(this.moments, x);
  }

  protected commit(): void {
    this.moments.commit(this.forming);
  }

  protected clear(): void {
    this.moments.clear();
  }
}
