import { RingBuffer } from '../../core/RingBuffer.js';

/**
 * Streaming running sums of x and x² over a window, in TA-Lib's arithmetic (VAR, STDDEV and
 * the SMA path of BBANDS): add the newest value, read, subtract the oldest; mean = sum/period,
 * variance = sum(x²)/period - mean². Following the forming-bar model, `load(x)` reads the
 * window ending with the forming value `x` without changing state and `commit(x)` folds it in,
 * in the same order of operations as the batch loops, so stream and batch agree bit for bit.
 */
export class RunningMoments {
  /** Mean of the window ending with the value given to `load`. */
  mean = NaN;
  /** Mean of the squares of that window. */
  meanSquare = NaN;
  /** Population variance of that window (may be a rounding error below zero, as in TA-Lib). */
  variance = NaN;
  private readonly window: RingBuffer;
  private total = 0;
  private totalSquares = 0;

  constructor(readonly period: number) {
    this.window = new RingBuffer(Math.max(1, period - 1));
  }

  load(x: number): void {
    const mean = (this.total + x) / this.period;
    const meanSquare = (this.totalSquares + x * x) / this.period;
    this.mean = mean;
    this.meanSquare = meanSquare;
    this.variance = meanSquare - mean * mean;
  }

  commit(x: number): void {
    // A window of one value keeps no history: the batch adds and removes it, leaving 0.
    if (this.period === 1) return;
    const evicted = this.window.push(x);
    if (evicted === evicted) {
      this.total = this.total + x - evicted;
      this.totalSquares = this.totalSquares + x * x - evicted * evicted;
    } else {
      this.total += x;
      this.totalSquares += x * x;
    }
  }

  clear(): void {
    this.window.clear();
    this.total = 0;
    this.totalSquares = 0;
    this.mean = NaN;
    this.meanSquare = NaN;
    this.variance = NaN;
  }
}
