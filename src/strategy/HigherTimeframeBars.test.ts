import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Bars } from '../core/Bars.js';
import { Timeframe, type TimeframeCode } from '../core/Timeframe.js';
import { randomWalkBars } from '../../test/randomWalk.js';
import { alignHigherTimeframe, HigherTimeframeAggregator } from './HigherTimeframeBars.js';

const HOUR = 3_600_000;
const DAY = 86_400_000;

/** Bars at the given open times; bar k has open 100 + k, high 101 + k, low 99 - k, close 100.5 + k, volume k + 1, so every aggregate is checkable by hand. */
function barsAt(times: readonly number[], timeframe: TimeframeCode): Bars {
  const n = times.length;
  const column = (f: (k: number) => number) => Float64Array.from({ length: n }, (_, k) => f(k));
  return new Bars('AGG', Timeframe.of(timeframe), {
    time: Float64Array.from(times), open: column((k) => 100 + k), high: column((k) => 101 + k), low: column((k) => 99 - k), close: column((k) => 100.5 + k), volume: column((k) => k + 1),
  });
}

/** Feeds `bars` to an aggregator; per bar, how many higher bars closed and the closed count after it. */
function feed(bars: Bars, higher: TimeframeCode) {
  const aggregator = new HigherTimeframeAggregator(bars.timeframe, Timeframe.of(higher));
  const closedAt: number[] = [];
  const counts: number[] = [];
  const closedBars: { time: number; open: number; high: number; low: number; close: number; volume: number }[] = [];
  for (let i = 0; i < bars.length; i++) {
    const closed = aggregator.update(bars.time[i], bars.open[i], bars.high[i], bars.low[i], bars.close[i], bars.volume[i]);
    closedAt.push(closed);
    for (let k = 0; k < closed; k++) closedBars.push({ ...aggregator.closed[k] });
    counts.push(aggregator.closedCount);
  }
  return { closedAt, counts, closedBars };
}

describe('HigherTimeframeAggregator and alignHigherTimeframe', () => {
  const monday = Date.UTC(2024, 0, 1);

  it('closes a 4h bucket at the close of its fourth hourly bar, not before', () => {
    const bars = barsAt(Array.from({ length: 10 }, (_, k) => monday + k * HOUR), '1h');
    const { closedAt, closedBars } = feed(bars, '4h');
    expect(closedAt).toEqual([0, 0, 0, 1, 0, 0, 0, 1, 0, 0]);
    // Bars 0-3: open of bar 0, highest high (bar 3), lowest low (bar 3), close of bar 3, volumes 1+2+3+4.
    expect(closedBars[0]).toEqual({ time: monday, open: 100, high: 104, low: 96, close: 103.5, volume: 10 });
    expect(closedBars[1]).toEqual({ time: monday + 4 * HOUR, open: 104, high: 108, low: 92, close: 107.5, volume: 26 });
    const aligned = alignHigherTimeframe(bars, Timeframe.of('4h'));
    expect([...aligned.visible]).toEqual([-1, -1, -1, 0, 0, 0, 0, 1, 1, 1]);
    expect([...aligned.bars.time]).toEqual([monday, monday + 4 * HOUR]);
  });

  it('closes the day at its 23:00 hourly bar', () => {
    const bars = barsAt(Array.from({ length: 30 }, (_, k) => monday + k * HOUR), '1h');
    const aligned = alignHigherTimeframe(bars, Timeframe.of('1d'));
    expect(aligned.visible[22]).toBe(-1);
    expect(aligned.visible[23]).toBe(0);
    expect(aligned.visible[29]).toBe(0);
    expect(aligned.bars.length).toBe(1);
    expect(aligned.bars.close[0]).toBe(100.5 + 23);
    expect(aligned.bars.high[0]).toBe(101 + 23);
  });

  it('shows a week of Monday-Friday daily bars only at the next Monday bar', () => {
    // Two weeks of weekdays and the Monday after.
    const days = [0, 1, 2, 3, 4, 7, 8, 9, 10, 11, 14];
    const bars = barsAt(days.map((d) => monday + d * DAY), '1d');
    const { closedAt } = feed(bars, '1w');
    expect(closedAt).toEqual([0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]);
    const aligned = alignHigherTimeframe(bars, Timeframe.of('1w'));
    expect([...aligned.visible]).toEqual([-1, -1, -1, -1, -1, 0, 0, 0, 0, 0, 1]);
    expect(aligned.bars.time[0]).toBe(monday);
    expect(aligned.bars.open[0]).toBe(100);
    expect(aligned.bars.close[0]).toBe(104.5);
    expect(aligned.bars.volume[0]).toBe(15);
    expect(aligned.bars.time[1]).toBe(monday + 7 * DAY);
  });

  it('closes a week with a Sunday bar at that bar, as a seven-day market reaches the week end', () => {
    const bars = barsAt(Array.from({ length: 8 }, (_, d) => monday + d * DAY), '1d');
    expect(feed(bars, '1w').closedAt).toEqual([0, 0, 0, 0, 0, 0, 1, 0]);
  });

  it('spans a gap of missing days: the partial week closes when a later week starts, and an empty week is no bar', () => {
    // Mon, Tue of week 0; nothing in week 1; Wed, Thu of week 2.
    const bars = barsAt([0, 1, 16, 17].map((d) => monday + d * DAY), '1d');
    const aligned = alignHigherTimeframe(bars, Timeframe.of('1w'));
    expect([...aligned.visible]).toEqual([-1, -1, 0, 0]);
    expect([...aligned.bars.time]).toEqual([monday]);
    expect(aligned.bars.close[0]).toBe(101.5);
  });

  it('closes two higher bars at once when a bar after a gap both starts and completes its bucket', () => {
    // Hourly bars at 20:00 on Monday and 15:00 on Tuesday: the 20:00-24:00 bucket is unfinished; 15:00 is the last hour of 12:00-16:00.
    const bars = barsAt([monday + 20 * HOUR, monday + DAY + 15 * HOUR, monday + DAY + 16 * HOUR], '1h');
    const { closedAt, closedBars } = feed(bars, '4h');
    expect(closedAt).toEqual([0, 2, 0]);
    expect(closedBars.map((bar) => bar.time)).toEqual([monday + 20 * HOUR, monday + DAY + 12 * HOUR]);
    expect([...alignHigherTimeframe(bars, Timeframe.of('4h')).visible]).toEqual([-1, 1, 1]);
  });

  it('skips a bar with a missing price: it enters no bucket and closes nothing', () => {
    const bars = barsAt(Array.from({ length: 8 }, (_, k) => monday + k * HOUR), '1h');
    bars.close[3] = NaN;
    const { closedAt, closedBars } = feed(bars, '4h');
    // Bar 3 would have completed the first bucket; bar 4 starts the next one and closes it instead.
    expect(closedAt).toEqual([0, 0, 0, 0, 1, 0, 0, 1]);
    expect(closedBars[0]).toEqual({ time: monday, open: 100, high: 103, low: 97, close: 102.5, volume: 6 });
  });

  it('rejects a higher timeframe that is not a coarser multiple of the base', () => {
    expect(() => new HigherTimeframeAggregator(Timeframe.of('4h'), Timeframe.of('6h'))).toThrow(/cannot read 6h bars/);
    expect(() => new HigherTimeframeAggregator(Timeframe.of('1d'), Timeframe.of('1d'))).toThrow(/coarser multiple/);
    expect(() => new HigherTimeframeAggregator(Timeframe.of('1d'), Timeframe.of('4h'))).toThrow(/coarser multiple/);
  });

  it('batch visible[i] equals the incremental closed count - 1 at every bar, and the bars are the same', () => {
    const pairs: [TimeframeCode, TimeframeCode][] = [['1h', '4h'], ['1h', '1d'], ['1d', '1w'], ['15m', '1h'], ['4h', '1w']];
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 0, max: pairs.length - 1 }), fc.double({ min: 0, max: 0.5, noNaN: true }), (seed, pair, dropRate) => {
        const [base, higher] = pairs[pair];
        const walk = randomWalkBars(300, seed);
        // Drop some bars (gaps) by sampling times from the walk's rows on the base grid.
        const keep: number[] = [];
        for (let i = 0; i < walk.length; i++) if (((i * 7919 + seed) % 1000) / 1000 >= dropRate) keep.push(i);
        const step = Timeframe.of(base).milliseconds;
        const times = keep.map((i) => monday + i * step);
        const bars = new Bars('P', Timeframe.of(base), {
          time: Float64Array.from(times), open: Float64Array.from(keep, (i) => walk.open[i]), high: Float64Array.from(keep, (i) => walk.high[i]),
          low: Float64Array.from(keep, (i) => walk.low[i]), close: Float64Array.from(keep, (i) => walk.close[i]), volume: Float64Array.from(keep, (i) => walk.volume[i]),
        });
        const { counts, closedBars } = feed(bars, higher);
        const aligned = alignHigherTimeframe(bars, Timeframe.of(higher));
        expect([...aligned.visible]).toEqual(counts.map((count) => count - 1));
        expect(closedBars.map((bar) => bar.close)).toEqual([...aligned.bars.close]);
        expect(closedBars.map((bar) => bar.time)).toEqual([...aligned.bars.time]);
        // No look-ahead: the visible higher bar's period ended at or before the base bar's close.
        const frame = Timeframe.of(higher);
        for (let i = 0; i < bars.length; i++) {
          const v = aligned.visible[i];
          if (v >= 0) expect(frame.closeTime(aligned.bars.time[v])).toBeLessThanOrEqual(bars.timeframe.closeTime(bars.time[i]));
        }
      }),
      { numRuns: 60 },
    );
  });
});
