import fc from 'fast-check';
import { expect } from 'vitest';
import { Bars } from '../../src/core/Bars.js';
import { Random } from '../../src/core/Random.js';
import { Timeframe, type TimeframeCode } from '../../src/core/Timeframe.js';
import { randomWalkBars } from '../randomWalk.js';

/** One hand-written bar: open, high, low, close. */
export type Row = readonly [open: number, high: number, low: number, close: number];

/** Bars from hand-written rows, one `timeframe` apart from `start`, volume 1. */
export function barsFromRows(rows: readonly Row[], timeframe: TimeframeCode = '1d', start = Date.UTC(2024, 0, 1)): Bars {
  const frame = Timeframe.of(timeframe);
  const bars = Bars.allocate('HAND', frame, rows.length);
  rows.forEach(([open, high, low, close], i) => {
    if (!(high >= Math.max(open, close) && low <= Math.min(open, close))) throw new Error(`row ${i} is not a valid bar: ${rows[i].join(', ')}`);
    bars.time[i] = start + i * frame.milliseconds;
    bars.open[i] = open;
    bars.high[i] = high;
    bars.low[i] = low;
    bars.close[i] = close;
    bars.volume[i] = 1;
  });
  return bars;
}

/**
 * A random walk on a coarse integer grid: equal highs, equal lows, doji and inside bars are
 * common, so the tie rules get exercised (a smooth random walk almost never ties).
 */
export function gridBars(seed: number, length: number): Bars {
  const random = Random.fromSeed(seed, 'smc-grid');
  const bars = Bars.allocate('GRID', Timeframe.of('1h'), length);
  let price = 100;
  for (let i = 0; i < length; i++) {
    const open = price;
    const close = Math.max(10, open + random.nextInt(7) - 3);
    bars.time[i] = Date.UTC(2024, 0, 1) + i * 3_600_000;
    bars.open[i] = open;
    bars.close[i] = close;
    bars.high[i] = Math.max(open, close) + random.nextInt(3);
    bars.low[i] = Math.min(open, close) - random.nextInt(3);
    bars.volume[i] = 1;
    price = close;
  }
  return bars;
}

/** Seeds and lengths for property tests, over smooth random walks and integer grids alike. */
export const seriesArbitrary = fc
  .record({ seed: fc.integer({ min: 1, max: 1_000_000 }), length: fc.integer({ min: 5, max: 300 }), grid: fc.boolean() })
  .map(({ seed, length, grid }) => (grid ? gridBars(seed, length) : randomWalkBars(length, seed)));

/** `bars` up to bar `cut`, then the prices of another walk (times keep their spacing). */
export function spliceAfter(bars: Bars, cut: number, otherSeed: number): Bars {
  const other = randomWalkBars(bars.length, otherSeed);
  const spliced = bars.copy();
  for (let i = cut + 1; i < bars.length; i++) {
    spliced.open[i] = other.open[i];
    spliced.high[i] = other.high[i];
    spliced.low[i] = other.low[i];
    spliced.close[i] = other.close[i];
    spliced.volume[i] = other.volume[i];
  }
  return spliced;
}

type Record = { [key: string]: unknown };

/**
 * What a result says about bars 0..t: columns cut at t, events that happened by t, and the
 * fields of a record that a later bar filled in (mitigation, sweep, pool growth) reset to
 * their value at t. Two runs that agree on the bars up to t must agree on this.
 */
export function knownAt(result: unknown, t: number): unknown {
  if (ArrayBuffer.isView(result)) return Array.from((result as Float64Array).subarray(0, t + 1));
  if (Array.isArray(result)) return result.filter((event) => happenedBy(event as Record, t)).map((event) => clipEvent(event as Record, t));
  if (result !== null && typeof result === 'object') {
    const out: Record = {};
    for (const [key, value] of Object.entries(result)) out[key] = knownAt(value, t);
    return out;
  }
  return result;
}

function happenedBy(event: Record, t: number): boolean {
  return ((event.confirmedIndex ?? event.index) as number) <= t;
}

function clipEvent(event: Record, t: number): Record {
  const out: Record = { ...event };
  for (const [index, time] of [['enteredIndex', 'enteredTime'], ['filledIndex', 'filledTime'], ['mitigatedIndex', 'mitigatedTime'], ['invalidatedIndex', 'invalidatedTime'], ['endIndex', 'endTime']]) {
    if (index in out && (out[index] as number) > t) {
      out[index] = -1;
      out[time] = NaN;
      if (index === 'endIndex') out.outcome = 'open';
    }
  }
  if (Array.isArray(out.swings)) {
    const swings = (out.swings as Record[]).filter((swing) => (swing.confirmedIndex as number) <= t);
    out.swings = swings;
    out.updatedIndex = swings[swings.length - 1].confirmedIndex;
  }
  return out;
}

/**
 * The look-ahead property: run `analyze` on a random walk and on the same walk with every bar
 * after a random t replaced by another walk's; everything known at t must be identical.
 */
export function expectNoLookAhead(analyze: (bars: Bars) => unknown, runs = 40, length = 240): void {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 0, max: length - 2 }), fc.boolean(), (seed, otherSeed, cut, grid) => {
      const bars = grid ? gridBars(seed, length) : randomWalkBars(length, seed);
      const spliced = spliceAfter(bars, cut, otherSeed === seed ? seed + 1 : otherSeed);
      expect(knownAt(analyze(spliced), cut), `bars after ${cut} replaced`).toEqual(knownAt(analyze(bars), cut));
    }),
    { numRuns: runs },
  );
}

/** Row `i` of every column of a (possibly nested) result, for comparing with the stream's values. */
export function rowOf(columns: unknown, i: number): unknown {
  if (ArrayBuffer.isView(columns)) return (columns as Float64Array)[i];
  if (Array.isArray(columns)) return undefined;
  const out: Record = {};
  for (const [key, value] of Object.entries(columns as Record)) if (!Array.isArray(value)) out[key] = rowOf(value, i);
  return out;
}

/** `bars` with the rows at `holes` given a NaN close (a missing bar). */
export function withHoles(bars: Bars, holes: readonly number[]): Bars {
  const damaged = bars.copy();
  for (const hole of holes) damaged.close[hole] = NaN;
  return damaged;
}

/** `bars` without the rows at `holes`. */
export function withoutRows(bars: Bars, holes: readonly number[]): { bars: Bars; kept: number[] } {
  const kept: number[] = [];
  for (let i = 0; i < bars.length; i++) if (!holes.includes(i)) kept.push(i);
  return { bars: bars.pick(kept), kept };
}

/**
 * A hand-labelled series (swing strength 1/1) used by the break, order-block and range tests.
 * Swings: high 13 @2 (known @3), low 9.5 @4 (@5), high 14 @7 (@8), low 11.5 @9 (@10),
 * high 12.6 @10 (@11), low 8.5 @12 (@13), high 10.2 @14 (@15), low 8.0 @15 (@16).
 * Breaks by close: bullish BOS @6 (13.2 > 13), bearish CHoCH @11 (9.2 < 11.5),
 * bearish BOS @15 (8.2 < 8.5), bullish CHoCH @16 (10.4 > 10.2).
 */
export const trendRows: readonly Row[] = [
  [10, 11, 9, 10.5], // 0
  [10.5, 12, 10, 11.5], // 1
  [11.5, 13, 11, 12], // 2  swing high 13
  [12, 12.5, 10.5, 11], // 3  down
  [11, 11.5, 9.5, 10], // 4  down, swing low 9.5: the bullish order block of the break at 6
  [10, 11, 9.8, 10.8], // 5
  [10.8, 13.5, 10.6, 13.2], // 6  closes above 13: bullish BOS (first break)
  [13.2, 14, 12.8, 13.5], // 7  swing high 14
  [13.5, 13.8, 12, 12.2], // 8
  [12.2, 12.5, 11.5, 11.8], // 9  swing low 11.5; low 11.5 <= 11.5 mitigates the block of bar 4
  [11.8, 12.6, 11.6, 12.4], // 10 up, swing high 12.6: the bearish order block of the break at 11
  [12.4, 12.5, 9, 9.2], // 11 closes below 11.5: bearish CHoCH; closes below 9.5: invalidates the block of bar 4
  [9.2, 9.5, 8.5, 9], // 12 swing low 8.5
  [9, 10, 8.8, 9.8], // 13 up: the bearish order block of the break at 15
  [9.8, 10.2, 9.3, 9.5], // 14 swing high 10.2
  [9.5, 9.6, 8, 8.2], // 15 closes below 8.5: bearish BOS; swing low 8.0; the bullish order block of the break at 16
  [8.2, 10.5, 8.1, 10.4], // 16 closes above 10.2: bullish CHoCH; mitigates and invalidates the block of bar 13
];
