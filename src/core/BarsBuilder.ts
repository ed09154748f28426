import { Bars } from './Bars.js';
import type { Timeframe } from './Timeframe.js';

/**
 * Appends rows into growable `Float64Array` columns (doubling), then hands out `Bars`
 * trimmed to size. Readers and generators use it so no per-row object is ever made.
 */
export class BarsBuilder {
  private time: Float64Array;
  private open: Float64Array;
  private high: Float64Array;
  private low: Float64Array;
  private close: Float64Array;
  private volume: Float64Array;
  private count = 0;

  constructor(
    readonly symbol: string,
    initialCapacity = 1024,
  ) {
    const capacity = Math.max(16, initialCapacity);
    this.time = new Float64Array(capacity);
    this.open = new Float64Array(capacity);
    this.high = new Float64Array(capacity);
    this.low = new Float64Array(capacity);
    this.close = new Float64Array(capacity);
    this.volume = new Float64Array(capacity);
  }

  get length(): number {
    return this.count;
  }

  push(time: number, open: number, high: number, low: number, close: number, volume: number): void {
    if (this.count === this.time.length) this.grow();
    const i = this.count++;
    this.time[i] = time;
    this.open[i] = open;
    this.high[i] = high;
    this.low[i] = low;
    this.close[i] = close;
    this.volume[i] = volume;
  }

  /** The last pushed time, or NaN when empty. */
  lastTime(): number {
    return this.count === 0 ? NaN : this.time[this.count - 1];
  }

  /** Copies the rows into exactly-sized columns in one buffer; the builder can go on. */
  build(timeframe: Timeframe): Bars {
    const bars = Bars.allocate(this.symbol, timeframe, this.count);
    bars.time.set(this.time.subarray(0, this.count));
    bars.open.set(this.open.subarray(0, this.count));
    bars.high.set(this.high.subarray(0, this.count));
    bars.low.set(this.low.subarray(0, this.count));
    bars.close.set(this.close.subarray(0, this.count));
    bars.volume.set(this.volume.subarray(0, this.count));
    return bars;
  }

  private grow(): void {
    const capacity = this.time.length * 2;
    const grow = (column: Float64Array) => {
      const next = new Float64Array(capacity);
      next.set(column);
      return next;
    };
    this.time = grow(this.time);
    this.open = grow(this.open);
    this.high = grow(this.high);
    this.low = grow(this.low);
    this.close = grow(this.close);
    this.volume = grow(this.volume);
  }
}
