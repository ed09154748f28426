import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Bars } from '../../core/Bars.js';
import { atr } from '../../indicators/volatility/atr.js';
import { randomWalkBars } from '../../../test/randomWalk.js';
import { barsFromRows, expectNoLookAhead, seriesArbitrary, withHoles, withoutRows, type Row } from '../../../test/smc/structureFixtures.js';
import { FairValueGapDetector, fairValueGaps, type FairValueGap } from './fairValueGaps.js';

const rows: Row[] = [
  [10, 11, 9.5, 10.8], // 0
  [10.8, 13, 10.7, 12.8], // 1  displacement up
  [12.8, 13.5, 12, 13.2], // 2  low 12 > high[0] 11: bullish gap 11 .. 12
  [13.2, 13.4, 11.8, 12], // 3  low 11.8 <= 12: enters it
  [12, 12.2, 10.9, 11.1], // 4  low 10.9 <= 11: fills it by wick (close 11.1 is still above 11)
  [11.1, 11.2, 9, 9.2], // 5  high 11.2 < low[3] 11.8: bearish gap 11.2 .. 11.8; close 9.2 <= 11 fills the first gap by close
  [9.2, 9.5, 8.5, 9], // 6  high 9.5 < low[4] 10.9: bearish gap 9.5 .. 10.9
  [9, 10, 8.9, 9.9], // 7  high 10 >= 9.5: enters the gap of bar 6
  [9.9, 11.5, 9.8, 11.4], // 8  high 11.5 >= 10.9 fills the gap of bar 6 (wick and close), enters the gap of bar 5; low 9.8 > high[6] 9.5: bullish gap 9.5 .. 9.8
];

const brief = (gap: FairValueGap) => [gap.direction, gap.bottom, gap.top, gap.index, gap.enteredIndex, gap.filledIndex];

describe('fair value gaps: hand-labelled', () => {
  it('finds each three-bar gap at its third bar, and its entry and wick fill later', () => {
    const bars = barsFromRows(rows);
    const result = fairValueGaps(bars);
    expect(result.gaps.map(brief)).toEqual([
      [1, 11, 12, 2, 3, 4],
      [-1, 11.2, 11.8, 5, 8, -1],
      [-1, 9.5, 10.9, 6, 7, 8],
      [1, 9.5, 9.8, 8, -1, -1],
    ]);
    expect(result.gaps[0]).toMatchObject({ time: bars.time[2], enteredTime: bars.time[3], filledTime: bars.time[4] });
    expect(result.gaps[3].filledTime).toBeNaN();
    expect(Array.from(result.gap)).toEqual([0, 0, 1, 0, 0, -1, -1, 0, 1]);
    expect(Array.from(result.gapTop)).toEqual([NaN, NaN, 12, NaN, NaN, 11.8, 10.9, NaN, 9.8]);
    expect(Array.from(result.gapBottom)).toEqual([NaN, NaN, 11, NaN, NaN, 11.2, 9.5, NaN, 9.5]);
    expect(Array.from(result.gapsEntered)).toEqual([0, 0, 0, 1, 0, 0, 0, 1, 1]);
    expect(Array.from(result.gapsFilled)).toEqual([0, 0, 0, 0, 1, 0, 0, 0, 1]);
  });

  it('with gapFillBy close, a gap fills only when a close reaches its far side', () => {
    const result = fairValueGaps(barsFromRows(rows), { gapFillBy: 'close' });
    expect(result.gaps.map(brief)).toEqual([
      [1, 11, 12, 2, 3, 5],
      [-1, 11.2, 11.8, 5, 8, -1],
      [-1, 9.5, 10.9, 6, 7, 8],
      [1, 9.5, 9.8, 8, -1, -1],
    ]);
  });

  it('the incremental detector names what changed on each bar', () => {
    const bars = barsFromRows(rows);
    const detector = new FairValueGapDetector();
    const log: string[] = [];
    for (let i = 0; i < bars.length; i++) {
      detector.update(bars.open[i], bars.high[i], bars.low[i], bars.close[i], bars.volume[i], bars.time[i]);
      if (detector.newGap) log.push(`${i}: new ${detector.newGap.index}`);
      for (const gap of detector.entered) log.push(`${i}: entered ${gap.index}`);
      for (const gap of detector.filled) log.push(`${i}: filled ${gap.index}`);
    }
    expect(log).toEqual(['2: new 2', '3: entered 2', '4: filled 2', '5: new 5', '6: new 6', '7: entered 6', '8: new 8', '8: entered 5', '8: filled 6']);
    expect(detector.openGaps().map((gap) => gap.index).sort()).toEqual([5, 8]);
  });

  it('a minimum size in ATRs keeps exactly the gaps at least that many TA-Lib ATRs wide, none during warm-up', () => {
    const bars = randomWalkBars(2_000, 21);
    const all = fairValueGaps(bars).gaps;
    const average = atr(bars.high, bars.low, bars.close, 10);
    const kept = fairValueGaps(bars, { gapMinimumSize: 0.3, atrPeriod: 10 }).gaps;
    expect(kept.map(brief)).toEqual(all.filter((gap) => gap.top - gap.bottom >= 0.3 * average[gap.index]).map(brief));
    expect(kept.length).toBeGreaterThan(20);
    expect(kept.length).toBeLessThan(all.length);
    expect(kept.every((gap) => gap.index >= 10)).toBe(true);
  });
});

function checkGaps(bars: Bars, fillByClose: boolean): void {
  const result = fairValueGaps(bars, { gapFillBy: fillByClose ? 'close' : 'wick' });
  const { high, low, close } = bars;
  const expected: [number, number, number, number][] = [];
  for (let i = 2; i < bars.length; i++) {
    if (low[i] > high[i - 2]) expected.push([i, 1, high[i - 2], low[i]]);
    if (high[i] < low[i - 2]) expected.push([i, -1, high[i], low[i - 2]]);
  }
  // Every reported gap is a three-bar gap, and every three-bar gap is reported.
  expect(result.gaps.map((gap) => [gap.index, gap.direction, gap.bottom, gap.top])).toEqual(expected);
  const firstAfter = (from: number, test: (j: number) => boolean) => {
    for (let j = from + 1; j < bars.length; j++) if (test(j)) return j;
    return -1;
  };
  for (const gap of result.gaps) {
    const bullish = gap.direction === 1;
    expect(gap.top).toBeGreaterThan(gap.bottom);
    expect(gap.enteredIndex).toBe(firstAfter(gap.index, (j) => (bullish ? low[j] <= gap.top : high[j] >= gap.bottom)));
    const filled = firstAfter(gap.index, (j) => (bullish ? (fillByClose ? close[j] : low[j]) <= gap.bottom : (fillByClose ? close[j] : high[j]) >= gap.top));
    expect(gap.filledIndex).toBe(filled);
    if (filled >= 0) expect(gap.enteredIndex).toBeLessThanOrEqual(filled);
  }
  for (let i = 0; i < bars.length; i++) {
    expect(result.gapsEntered[i]).toBe(result.gaps.filter((gap) => gap.enteredIndex === i).length);
    expect(result.gapsFilled[i]).toBe(result.gaps.filter((gap) => gap.filledIndex === i).length);
  }
}

describe('fair value gaps: properties', () => {
  it('every gap is a three-bar gap and every three-bar gap is found; entry and fill are the first bars that reach it', () => {
    fc.assert(fc.property(seriesArbitrary, fc.boolean(), (bars, byClose) => checkGaps(bars, byClose)), { numRuns: 120 });
  });

  it('use no bar after the one they are reported at (look-ahead)', () => {
    expectNoLookAhead((bars) => fairValueGaps(bars));
    expectNoLookAhead((bars) => fairValueGaps(bars, { gapMinimumSize: 0.2, atrPeriod: 5, gapFillBy: 'close' }));
  });
});

describe('fair value gaps: incremental', () => {
  const bars = randomWalkBars(3_000, 12);
  const options = { gapMinimumSize: 0.1, atrPeriod: 7 };
  const batch = fairValueGaps(bars, options);

  it('the detector fed bar by bar holds on each bar what the batch columns hold, and the same gaps', () => {
    const detector = new FairValueGapDetector(options);
    const seen: FairValueGap[] = [];
    for (let i = 0; i < bars.length; i++) {
      detector.update(bars.open[i], bars.high[i], bars.low[i], bars.close[i], bars.volume[i], bars.time[i]);
      expect(detector.newGap?.direction ?? 0, `gap at ${i}`).toBe(batch.gap[i]);
      expect(detector.newGap?.top ?? NaN).toBe(batch.gapTop[i]);
      expect([detector.entered.length, detector.filled.length]).toEqual([batch.gapsEntered[i], batch.gapsFilled[i]]);
      if (detector.newGap) seen.push(detector.newGap);
    }
    expect(seen).toEqual(batch.gaps);
    detector.reset();
    expect(detector.openGaps()).toEqual([]);
    for (let i = 0; i < bars.length; i++) detector.update(bars.open[i], bars.high[i], bars.low[i], bars.close[i], bars.volume[i], bars.time[i]);
    expect(detector.gaps, 'after reset').toEqual(batch.gaps);
  });

  it('skips a non-finite bar: the three bars of a gap are the last three valid ones', () => {
    const holes = [3, 4, 1_500, 2_999];
    const damaged = fairValueGaps(withHoles(bars, holes), options);
    const { bars: compact, kept } = withoutRows(bars, holes);
    const expected = fairValueGaps(compact, options).gaps.map((gap) => ({
      ...gap, index: kept[gap.index], time: bars.time[kept[gap.index]],
      enteredIndex: gap.enteredIndex < 0 ? -1 : kept[gap.enteredIndex], filledIndex: gap.filledIndex < 0 ? -1 : kept[gap.filledIndex],
    }));
    expect(damaged.gaps).toEqual(expected);
    for (const hole of holes) expect([damaged.gap[hole], damaged.gapsEntered[hole], damaged.gapsFilled[hole]]).toEqual([0, 0, 0]);
  });
});
