import { Bars } from '../core/Bars.js';
import { TickforgeError } from '../core/errors.js';
import type { Timeframe } from '../core/Timeframe.js';

/** One higher-timeframe bar. */
export interface HigherBar {
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

function emptyBar(): HigherBar {
  return { time: NaN, open: NaN, high: NaN, low: NaN, close: NaN, volume: 0 };
}

/**
 * Aggregates base bars into bars of a coarser timeframe, bar by bar, and says when each
 * higher bar closes. A higher bar is complete, and visible to a strategy, at the earlier of:
 * the close of a base bar that reaches the bucket's end (the 23:00 hourly bar closes the day),
 * or the first base bar of a later bucket (a Friday daily bar does not reach Monday's weekly
 * boundary; the week is known complete when Monday's bar arrives). Never earlier: that is the
 * no-look-ahead rule for multi-timeframe strategies. Non-finite base bars are skipped.
 */
export class HigherTimeframeAggregator {
  /** Higher bars closed so far. */
  closedCount = 0;
  /** The bars closed by the latest `update`, oldest first; only the first `update()` result are current. */
  readonly closed: readonly [HigherBar, HigherBar] = [emptyBar(), emptyBar()];
  private readonly forming = emptyBar();
  private bucket = NaN;

  /** @throws TF_ERR_STRATEGY_INPUT when `higher` is not a coarser multiple of `base`. */
  constructor(
    readonly base: Timeframe,
    readonly higher: Timeframe,
  ) {
    if (base === higher || !base.divides(higher)) {
      throw new TickforgeError('TF_ERR_STRATEGY_INPUT', `A strategy on ${base.code} bars cannot read ${higher.code} bars: the higher timeframe must be a coarser multiple of the base one.`, {
        details: { base: base.code, higher: higher.code },
      });
    }
  }

  /**
   * Feeds one closed base bar. Returns how many higher bars closed at this bar's close (0, 1
   * or 2: the previous bucket when this bar starts a new one, and this bar's bucket when the
   * bar reaches its end); they are `closed[0]` and `closed[1]`.
   */
  update(time: number, open: number, high: number, low: number, close: number, volume: number): number {
    if (!Number.isFinite(time + open + high + low + close)) return 0;
    let count = 0;
    const bucket = this.higher.align(time);
    const forming = this.forming;
    if (bucket !== this.bucket && !Number.isNaN(this.bucket)) count = this.closeInto(count);
    if (Number.isNaN(this.bucket)) {
      this.bucket = bucket;
      forming.time = bucket;
      forming.open = open;
      forming.high = high;
      forming.low = low;
      forming.volume = 0;
    } else {
      if (high > forming.high) forming.high = high;
      if (low < forming.low) forming.low = low;
    }
    forming.close = close;
    if (Number.isFinite(volume)) forming.volume += volume;
    if (this.base.closeTime(time) >= this.higher.closeTime(bucket)) count = this.closeInto(count);
    return count;
  }

  reset(): void {
    this.closedCount = 0;
    this.bucket = NaN;
  }

  private closeInto(slot: number): number {
    Object.assign(this.closed[slot], this.forming);
    this.bucket = NaN;
    this.closedCount++;
    return slot + 1;
  }
}

/** A whole series aggregated, with what each base bar may see. */
export interface AlignedHigherTimeframe {
  /** The closed higher bars, in order. */
  bars: Bars;
  /** For each base bar i, the index in `bars` of the latest higher bar closed at or before bar i's close; -1 before the first. */
  visible: Int32Array;
}

/**
 * The batch form of `HigherTimeframeAggregator`: the same bars and the same visibility, for a
 * whole series. The aggregator's rules written out with the forming bar in locals (its fields
 * are objects the live runner reads, so each update stored six of them); the tests compare
 * the two bar by bar.
 */
export function alignHigherTimeframe(base: Bars, higher: Timeframe): AlignedHigherTimeframe {
  // The constructor checks that `higher` is a coarser multiple of the base timeframe.
  new HigherTimeframeAggregator(base.timeframe, higher);
  const length = base.length;
  const visible = new Int32Array(length);
  const baseFrame = base.timeframe;
  const { time: times, open: opens, high: highs, low: lows, close: closes, volume: volumes } = base;
  // The closed bars, six numbers each, in a buffer sized for the span of the series (a
  // fifth of the base bars for days into weeks) that grows if the times are out of order.
  const span = length > 0 ? (times[length - 1] - times[0]) / higher.milliseconds : 0;
  let closed: Float64Array = new Float64Array(6 * (span >= 0 && span < length ? Math.ceil(span) + 2 : Math.max(length, 1)));
  let count = 0;
  let bucket = NaN;
  let formingOpen = NaN;
  let formingHigh = NaN;
  let formingLow = NaN;
  let formingClose = NaN;
  let formingVolume = 0;
  for (let i = 0; i < length; i++) {
    const time = times[i];
    const open = opens[i];
    const high = highs[i];
    const low = lows[i];
    const close = closes[i];
    if (Number.isFinite(time + open + high + low + close)) {
      const barBucket = higher.align(time);
      if (barBucket !== bucket && bucket === bucket) {
        if (6 * count + 6 > closed.length) closed = grown(closed);
        writeBar(closed, count++, bucket, formingOpen, formingHigh, formingLow, formingClose, formingVolume);
        bucket = NaN;
      }
      if (bucket !== bucket) {
        bucket = barBucket;
        formingOpen = open;
        formingHigh = high;
        formingLow = low;
        formingVolume = 0;
      } else {
        if (high > formingHigh) formingHigh = high;
        if (low < formingLow) formingLow = low;
      }
      formingClose = close;
      const volume = volumes[i];
      if (Number.isFinite(volume)) formingVolume += volume;
      if (baseFrame.closeTime(time) >= higher.closeTime(barBucket)) {
        if (6 * count + 6 > closed.length) closed = grown(closed);
        writeBar(closed, count++, bucket, formingOpen, formingHigh, formingLow, formingClose, formingVolume);
        bucket = NaN;
      }
    }
    visible[i] = count - 1;
  }
  const columns = { time: new Float64Array(count), open: new Float64Array(count), high: new Float64Array(count), low: new Float64Array(count), close: new Float64Array(count), volume: new Float64Array(count) };
  for (let k = 0; k < count; k++) {
    const at = 6 * k;
    columns.time[k] = closed[at];
    columns.open[k] = closed[at + 1];
    columns.high[k] = closed[at + 2];
    columns.low[k] = closed[at + 3];
    columns.close[k] = closed[at + 4];
    columns.volume[k] = closed[at + 5];
  }
  return { bars: new Bars(base.symbol, higher, columns), visible };
}

function writeBar(closed: Float64Array, index: number, time: number, open: number, high: number, low: number, close: number, volume: number): void {
  const at = 6 * index;
  closed[at] = time;
  closed[at + 1] = open;
  closed[at + 2] = high;
  closed[at + 3] = low;
  closed[at + 4] = close;
  closed[at + 5] = volume;
}

function grown(closed: Float64Array): Float64Array {
  const larger = new Float64Array(2 * closed.length);
  larger.set(closed);
  return larger;
}
