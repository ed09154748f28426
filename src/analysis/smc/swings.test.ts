import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isTickforgeError } from '../../core/errors.js';
import { randomWalkBars } from '../../../test/randomWalk.js';
import { barsFromRows, expectNoLookAhead, seriesArbitrary, withHoles, withoutRows, type Row } from '../../../test/smc/structureFixtures.js';
import type { Bars } from '../../core/Bars.js';
import { SwingDetector, swings, type SwingPoint } from './swings.js';

/** Pivots by the definition, written independently: all-of over the two windows. */
function referenceSwings(bars: Bars, left: number, right: number): Omit<SwingPoint, 'time' | 'confirmedTime'>[] {
  const points: Omit<SwingPoint, 'time' | 'confirmedTime'>[] = [];
  for (let p = left; p + right < bars.length; p++) {
    const before = Array.from({ length: left }, (_, k) => p - 1 - k);
    const after = Array.from({ length: right }, (_, k) => p + 1 + k);
    if (before.every((j) => bars.high[p] > bars.high[j]) && after.every((j) => bars.high[p] >= bars.high[j])) {
      points.push({ kind: 'high', index: p, price: bars.high[p], confirmedIndex: p + right });
    }
    if (before.every((j) => bars.low[p] < bars.low[j]) && after.every((j) => bars.low[p] <= bars.low[j])) {
      points.push({ kind: 'low', index: p, price: bars.low[p], confirmedIndex: p + right });
    }
  }
  return points;
}

describe('swings: hand-labelled', () => {
  // left = right = 2. Highs 10 11 13 12 11 12 14 12 11; lows 9 10 12 11 10 11 13 11 10.
  const rows: Row[] = [
    [9.5, 10, 9, 9.8],
    [10.2, 11, 10, 10.5],
    [12.5, 13, 12, 12.8], // swing high 13 (pivot 2), known at bar 4
    [12, 12, 11, 11.2],
    [11, 11, 10, 10.2], // swing low 10 (pivot 4), known at bar 6
    [11, 12, 11, 11.8],
    [13.5, 14, 13, 13.2], // swing high 14 (pivot 6), known at bar 8
    [12, 12, 11, 11.5],
    [11, 11, 10, 10.5],
  ];

  it('reports each pivot exactly `right` bars later, carrying the pivot bar, time and price', () => {
    const bars = barsFromRows(rows);
    const result = swings(bars, { swingLeft: 2, swingRight: 2 });
    expect(result.points).toEqual([
      { kind: 'high', index: 2, time: bars.time[2], price: 13, confirmedIndex: 4, confirmedTime: bars.time[4] },
      { kind: 'low', index: 4, time: bars.time[4], price: 10, confirmedIndex: 6, confirmedTime: bars.time[6] },
      { kind: 'high', index: 6, time: bars.time[6], price: 14, confirmedIndex: 8, confirmedTime: bars.time[8] },
    ]);
    // Columns: set on the confirmation bar only, never on the pivot bar.
    expect(Array.from(result.swingHigh)).toEqual([NaN, NaN, NaN, NaN, 13, NaN, NaN, NaN, 14]);
    expect(Array.from(result.swingHighIndex)).toEqual([-1, -1, -1, -1, 2, -1, -1, -1, 6]);
    expect(Array.from(result.swingLow)).toEqual([NaN, NaN, NaN, NaN, NaN, NaN, 10, NaN, NaN]);
    expect(Array.from(result.swingLowIndex)).toEqual([-1, -1, -1, -1, -1, -1, 4, -1, -1]);
  });

  it('a flat top of equal highs is one swing at its first bar', () => {
    // Highs 10 10.5 12 12 11 10 9: bar 2 beats its left bars and ties bar 3 on the right (allowed);
    // bar 3 ties bar 2 on its left (not strictly above), so it is no pivot.
    const bars = barsFromRows([
      [9.8, 10, 9, 9.9], [9.9, 10.5, 9.5, 10.4], [10.4, 12, 10.2, 11.8], [11.8, 12, 11, 11.2], [11.2, 11, 10.5, 10.6], [10.6, 10.6, 9.5, 9.6], [9.6, 9.6, 8.5, 8.8],
    ].map((row) => [row[0], Math.max(...row), Math.min(...row), row[3]] as Row));
    const highs = swings(bars, { swingLeft: 2, swingRight: 2 }).points.filter((point) => point.kind === 'high');
    expect(highs.map((point) => [point.index, point.price, point.confirmedIndex])).toEqual([[2, 12, 4]]);
  });

  it('an outside bar can be a swing high and a swing low at once; the high is listed first', () => {
    // left = right = 1: bar 1 has the highest high and the lowest low of bars 0..2.
    const bars = barsFromRows([[10, 11, 9, 10.5], [10.5, 13, 7, 8], [8, 10, 8, 9.5]]);
    const result = swings(bars, { swingLeft: 1, swingRight: 1 });
    expect(result.points.map((point) => [point.kind, point.index, point.price, point.confirmedIndex])).toEqual([['high', 1, 13, 2], ['low', 1, 7, 2]]);
    expect(result.swingHigh[2]).toBe(13);
    expect(result.swingLow[2]).toBe(7);
  });

  it('the first `left` bars cannot be pivots and nothing is confirmed before `right` bars have passed', () => {
    // Bar 0 has the highest high of all but no left bars.
    const bars = barsFromRows([[14, 15, 13, 14], [13, 14, 12, 13], [12, 13, 11, 12], [11, 12, 10, 11]]);
    expect(swings(bars, { swingLeft: 1, swingRight: 1 }).points.filter((point) => point.kind === 'high')).toEqual([]);
    expect(swings(barsFromRows([[10, 11, 9, 10]]), { swingLeft: 1, swingRight: 1 }).points).toEqual([]);
    expect(swings(barsFromRows([]), {}).points).toEqual([]);
  });

  it('rejects bad strengths with the option, the value and the range', () => {
    for (const options of [{ swingLeft: 0 }, { swingRight: 2.5 }, { swingLeft: 1001 }, { swingRight: Number.NaN }]) {
      let thrown: unknown;
      try {
        new SwingDetector(options);
      } catch (error) {
        thrown = error;
      }
      expect(isTickforgeError(thrown) && thrown.code).toBe('TF_ERR_CORE_ARGUMENT_INVALID');
      expect((thrown as Error).message).toMatch(/swing(Left|Right) must be a whole number from 1 to 1000/);
    }
  });
});

describe('swings: properties', () => {
  it('equal the definition written out, and each is reported exactly `right` bars after its pivot', () => {
    fc.assert(
      fc.property(seriesArbitrary, fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 }), (bars, left, right) => {
        const result = swings(bars, { swingLeft: left, swingRight: right });
        expect(result.points.map(({ kind, index, price, confirmedIndex }) => ({ kind, index, price, confirmedIndex }))).toEqual(referenceSwings(bars, left, right));
        for (const point of result.points) {
          expect(point.confirmedIndex - point.index).toBe(right);
          expect(point.time).toBe(bars.time[point.index]);
          expect(point.confirmedTime).toBe(bars.time[point.confirmedIndex]);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('the default strength, five bars each side (a kernel of its own), equals the definition too, flat tops and all', () => {
    fc.assert(
      fc.property(seriesArbitrary, (bars) => {
        const result = swings(bars);
        expect(result.points.map(({ kind, index, price, confirmedIndex }) => ({ kind, index, price, confirmedIndex }))).toEqual(referenceSwings(bars, 5, 5));
        for (const point of result.points) {
          const column = point.kind === 'high' ? result.swingHigh : result.swingLow;
          expect(column[point.confirmedIndex]).toBe(point.price);
          expect((point.kind === 'high' ? result.swingHighIndex : result.swingLowIndex)[point.confirmedIndex]).toBe(point.index);
        }
        const marked = [...result.swingHigh, ...result.swingLow].filter((value) => !Number.isNaN(value)).length;
        expect(marked).toBe(result.points.length);
      }),
      { numRuns: 150 },
    );
  });

  it('use no bar after the one they are reported at (look-ahead)', () => {
    expectNoLookAhead((bars) => swings(bars, { swingLeft: 3, swingRight: 2 }));
  });
});

describe('swings: incremental', () => {
  const bars = randomWalkBars(3_000, 5);
  const batch = swings(bars, { swingLeft: 4, swingRight: 3 });

  it('the detector fed bar by bar reports on each bar what the batch columns hold, and the same points', () => {
    const detector = new SwingDetector({ swingLeft: 4, swingRight: 3 });
    const seen: SwingPoint[] = [];
    for (let i = 0; i < bars.length; i++) {
      expect(detector.update(bars.open[i], bars.high[i], bars.low[i], bars.close[i], bars.volume[i], bars.time[i])).toBe(true);
      expect(detector.newHigh?.price ?? NaN, `high at ${i}`).toBe(batch.swingHigh[i]);
      expect(detector.newLow?.index ?? -1, `low at ${i}`).toBe(batch.swingLowIndex[i]);
      if (detector.newHigh) seen.push(detector.newHigh);
      if (detector.newLow) seen.push(detector.newLow);
    }
    expect(seen).toEqual(batch.points);
    expect(detector.latestHigh).toEqual(batch.points.filter((point) => point.kind === 'high').at(-1));
    detector.reset();
    for (let i = 0; i < bars.length; i++) detector.update(bars.open[i], bars.high[i], bars.low[i], bars.close[i], bars.volume[i], bars.time[i]);
    expect(detector.points, 'after reset').toEqual(batch.points);
  });

  it('skips a bar with a non-finite price: it enters no window, and indexes still name the caller\'s bars', () => {
    const holes = [10, 400, 401, 1_700];
    const damaged = swings(withHoles(bars, holes), { swingLeft: 4, swingRight: 3 });
    const { bars: compact, kept } = withoutRows(bars, holes);
    const expected = swings(compact, { swingLeft: 4, swingRight: 3 }).points.map((point) => ({ ...point, index: kept[point.index], confirmedIndex: kept[point.confirmedIndex] }));
    expect(damaged.points).toEqual(expected);
    for (const hole of holes) expect(damaged.swingHigh[hole]).toBeNaN();
  });
});
