import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Bars } from '../../core/Bars.js';
import { randomWalkBars } from '../../../test/randomWalk.js';
import { barsFromRows, expectNoLookAhead, seriesArbitrary, trendRows, withHoles, withoutRows, type Row } from '../../../test/smc/structureFixtures.js';
import { breakCode, StructureBreakDetector, structureBreaks, type StructureBreak } from './structureBreaks.js';
import { swings } from './swings.js';

const strength = { swingLeft: 1, swingRight: 1 };
const brief = (event: StructureBreak) => [event.kind, event.direction, event.level, event.swing.index, event.index];

describe('structure breaks: hand-labelled', () => {
  it('close-based: BOS with the trend, CHoCH against it, the first break a BOS', () => {
    const bars = barsFromRows(trendRows);
    const result = structureBreaks(bars, strength);
    expect(result.breaks.map(brief)).toEqual([
      ['bos', 1, 13, 2, 6],
      ['choch', -1, 11.5, 9, 11],
      ['bos', -1, 8.5, 12, 15],
      ['choch', 1, 10.2, 14, 16],
    ]);
    expect(result.breaks[0].swing).toEqual({ kind: 'high', index: 2, time: bars.time[2], price: 13, confirmedIndex: 3, confirmedTime: bars.time[3] });
    expect(result.breaks[0].time).toBe(bars.time[6]);
    expect(Array.from(result.trend)).toEqual([0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, -1, -1, -1, -1, -1, 1]);
    expect(Array.from(result.bullishBreak)).toEqual([0, 0, 0, 0, 0, 0, breakCode.bos, 0, 0, 0, 0, 0, 0, 0, 0, 0, breakCode.choch]);
    expect(Array.from(result.bearishBreak)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, breakCode.choch, 0, 0, 0, breakCode.bos, 0]);
    expect(result.bullishLevel[6]).toBe(13);
    expect(result.bearishLevel[11]).toBe(11.5);
    expect(result.bullishLevel[7]).toBeNaN();
  });

  it('wick-based breaks come on the bar whose wick crosses; close-based wait for a close', () => {
    // Bar 6 now closes at 12.9, below the swing high 13, with its high at 13.5 above it.
    const rows = trendRows.map((row, i) => (i === 6 ? ([10.8, 13.5, 10.6, 12.9] as Row) : row));
    const bars = barsFromRows(rows);
    expect(structureBreaks(bars, { ...strength, breakBy: 'close' }).breaks[0].index).toBe(7);
    expect(structureBreaks(bars, { ...strength, breakBy: 'wick' }).breaks[0].index).toBe(6);
  });

  it('a bar breaking both sides is ordered by its colour: an up candle went low first', () => {
    // Swing high 12 @1 (known @2), swing low 9 @3 (known @4); bar 5 spans 8.5 .. 12.5.
    const head: Row[] = [[10, 10.5, 9.5, 10], [10, 12, 9.8, 11], [11, 11.5, 10.5, 11], [11, 11.2, 9, 9.5], [9.5, 10.5, 9.2, 10]];
    const up = structureBreaks(barsFromRows([...head, [10, 12.5, 8.5, 11]]), { ...strength, breakBy: 'wick' });
    expect(up.breaks.map(brief)).toEqual([['bos', -1, 9, 3, 5], ['choch', 1, 12, 1, 5]]);
    expect(up.trend[5]).toBe(1);
    expect([up.bullishBreak[5], up.bearishBreak[5]]).toEqual([breakCode.choch, breakCode.bos]);
    const down = structureBreaks(barsFromRows([...head, [11, 12.5, 8.5, 10]]), { ...strength, breakBy: 'wick' });
    expect(down.breaks.map(brief)).toEqual([['bos', 1, 12, 1, 5], ['choch', -1, 9, 3, 5]]);
    expect(down.trend[5]).toBe(-1);
    // Its close (11 or 10) is inside both levels: no close-based break at all.
    expect(structureBreaks(barsFromRows([...head, [10, 12.5, 8.5, 11]]), strength).breaks).toEqual([]);
  });

  it('a newer swing replaces an unbroken older one: only the latest swing high can break', () => {
    const result = structureBreaks(barsFromRows(trendRows), strength);
    // The swing high 14 @7 was replaced by 12.6 @10 (known @11) before anything closed above it.
    expect(result.breaks.some((event) => event.swing.index === 7)).toBe(false);
  });
});

/** Checks every break against the definitions, from the swings and the bars alone. */
function checkBreaks(bars: Bars, left: number, right: number, byWick: boolean): void {
  const points = swings(bars, { swingLeft: left, swingRight: right }).points;
  const result = structureBreaks(bars, { swingLeft: left, swingRight: right, breakBy: byWick ? 'wick' : 'close' });
  const crossesUp = (j: number, level: number) => (byWick ? bars.high[j] : bars.close[j]) > level;
  const crossesDown = (j: number, level: number) => (byWick ? bars.low[j] : bars.close[j]) < level;
  // Each swing can break only before the next swing of its kind is confirmed, at its first crossing.
  const expected: { swing: number; index: number }[] = [];
  for (const point of points) {
    const next = points.find((other) => other.kind === point.kind && other.confirmedIndex > point.confirmedIndex);
    const last = next === undefined ? bars.length - 1 : next.confirmedIndex - 1;
    for (let j = point.confirmedIndex + 1; j <= last; j++) {
      if (point.kind === 'high' ? crossesUp(j, point.price) : crossesDown(j, point.price)) {
        expected.push({ swing: points.indexOf(point), index: j });
        break;
      }
    }
    // Never on the confirmation bar itself.
    expect(point.kind === 'high' ? crossesUp(point.confirmedIndex, point.price) : crossesDown(point.confirmedIndex, point.price)).toBe(false);
  }
  const actual = result.breaks.map((event) => ({ swing: points.findIndex((point) => point.kind === event.swing.kind && point.index === event.swing.index), index: event.index }));
  expect(actual.slice().sort((a, b) => a.index - b.index || a.swing - b.swing)).toEqual(expected.sort((a, b) => a.index - b.index || a.swing - b.swing));
  result.breaks.forEach((event, k) => {
    expect(event.level).toBe(event.swing.price);
    expect(event.swing.confirmedIndex).toBeLessThan(event.index);
    expect(event.direction === 1 ? crossesUp(event.index, event.level) : crossesDown(event.index, event.level)).toBe(true);
    const previous = result.breaks[k - 1];
    expect(event.kind, `break ${k}`).toBe(previous !== undefined && previous.direction !== event.direction ? 'choch' : 'bos');
  });
  let trend = 0;
  let next = 0;
  for (let i = 0; i < bars.length; i++) {
    while (next < result.breaks.length && result.breaks[next].index === i) trend = result.breaks[next++].direction;
    expect(result.trend[i]).toBe(trend);
  }
}

describe('structure breaks: properties', () => {
  it('every break crosses (by close or wick, as asked) a previously confirmed swing, at the first crossing after its confirmation', () => {
    fc.assert(
      fc.property(seriesArbitrary, fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }), fc.boolean(), (bars, left, right, byWick) => checkBreaks(bars, left, right, byWick)),
      { numRuns: 120 },
    );
  });

  it('use no bar after the one they are reported at (look-ahead)', () => {
    expectNoLookAhead((bars) => structureBreaks(bars, { swingLeft: 2, swingRight: 2 }));
    expectNoLookAhead((bars) => structureBreaks(bars, { swingLeft: 3, swingRight: 1, breakBy: 'wick' }));
  });
});

describe('structure breaks: incremental', () => {
  const bars = randomWalkBars(3_000, 9);
  const options = { swingLeft: 3, swingRight: 3, breakBy: 'wick' } as const;
  const batch = structureBreaks(bars, options);

  it('the detector fed bar by bar holds on each bar what the batch columns hold, and the same breaks', () => {
    const detector = new StructureBreakDetector(options);
    const seen: StructureBreak[] = [];
    for (let i = 0; i < bars.length; i++) {
      detector.update(bars.open[i], bars.high[i], bars.low[i], bars.close[i], bars.volume[i], bars.time[i]);
      expect(detector.trend, `trend at ${i}`).toBe(batch.trend[i]);
      expect(detector.newBullish?.level ?? NaN).toBe(batch.bullishLevel[i]);
      expect(detector.newBearish?.level ?? NaN).toBe(batch.bearishLevel[i]);
      if (detector.newBullish && detector.newBearish) {
        const order = [detector.newBullish, detector.newBearish].sort((a, b) => detector.breaks.indexOf(a) - detector.breaks.indexOf(b));
        seen.push(...order);
      } else {
        if (detector.newBullish) seen.push(detector.newBullish);
        if (detector.newBearish) seen.push(detector.newBearish);
      }
    }
    expect(seen).toEqual(batch.breaks);
    expect(batch.breaks.length).toBeGreaterThan(100);
    detector.reset();
    expect(detector.trend).toBe(0);
    for (let i = 0; i < bars.length; i++) detector.update(bars.open[i], bars.high[i], bars.low[i], bars.close[i], bars.volume[i], bars.time[i]);
    expect(detector.breaks, 'after reset').toEqual(batch.breaks);
  });

  it('skips a non-finite bar: empty columns there, the rest as if the bar were absent', () => {
    const holes = [5, 999, 1_000, 2_222];
    const damaged = structureBreaks(withHoles(bars, holes), options);
    const { bars: compact, kept } = withoutRows(bars, holes);
    const expected = structureBreaks(compact, options);
    expect(damaged.breaks.map((event) => event.index)).toEqual(expected.breaks.map((event) => kept[event.index]));
    for (const hole of holes) expect([damaged.trend[hole], damaged.bullishBreak[hole], damaged.bearishBreak[hole]]).toEqual([0, 0, 0]);
  });
});
