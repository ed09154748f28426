import { describe, expect, it } from 'vitest';
import { atr } from '../../indicators/volatility/atr.js';
import { mirrorPath, outline, pathBars, type Vertex } from '../../../test/patterns/patternFixtures.js';
import { chartPatterns } from './chartPatterns.js';
import type { ChartPatternOptions } from './chartPatternOptions.js';
import { chartPatternBit, chartPatternKindsOf } from './chartPatternTypes.js';

const strength = { swingLeft: 2, swingRight: 2 } as const;

/**
 * Swing low 88 @4, peak 100 @10 (known @12), trough 94 @16, peak 99.5 @22 (known @24), then a
 * fall of 1 a bar. At bar 24 (close 97.5): peaks 0.5 apart (tolerance 0.02 x 97.5 = 1.95),
 * depth 99.5 - 94 = 5.5 (minimum 0.05 x 97.5 = 4.875), and the rise came from 88, below the
 * trough. First close below 94: bar 28 (93.5). Height 100 - 94 = 6, target 94 - 6 = 88.
 */
const doubleTopPath: Vertex[] = [[0, 92], [4, 88], [10, 100], [16, 94], [22, 99.5], [42, 79.5]];

describe('double top and bottom: hand-labelled', () => {
  const options: ChartPatternOptions = { ...strength, kinds: ['double-top', 'double-bottom'] };

  it('finds a double top at the second peak\'s confirmation and follows it to its breakout below the neckline', () => {
    const bars = pathBars(doubleTopPath);
    const result = chartPatterns(bars, options);
    expect(result.patterns.map(outline)).toEqual([{
      kind: 'double-top', direction: 'bearish', points: [['high', 10, 100], ['low', 16, 94], ['high', 22, 99.5]],
      formedIndex: 24, status: 'breakout', breakoutIndex: 28, breakoutDirection: -1, endIndex: 28,
    }]);
    const [top] = result.patterns;
    expect(top).toMatchObject({
      upper: { slope: 0, intercept: 100 }, lower: { slope: 0, intercept: 94 }, height: 6, startIndex: 10, lastBreakoutIndex: 74,
      breakoutLevel: 94, breakoutPrice: 93.5, target: 88, formedTime: bars.time[24], breakoutTime: bars.time[28], endTime: bars.time[28],
    });
    expect(top.points.map((point) => point.confirmedIndex)).toEqual([12, 18, 24]);
    expect(chartPatternKindsOf(result.formedKinds[24])).toEqual(['double-top']);
    expect(result.breakoutKinds[28]).toBe(chartPatternBit('double-top'));
    expect(result.bearishTarget[28]).toBe(88);
    expect(Array.from(result.formedKinds).filter((mask) => mask !== 0)).toHaveLength(1);
    expect(Array.from(result.bullishTarget).every(Number.isNaN)).toBe(true);
  });

  it('finds the mirror image as a double bottom breaking out upwards', () => {
    const result = chartPatterns(pathBars(mirrorPath(doubleTopPath)), options);
    expect(result.patterns.map(outline)).toEqual([{
      kind: 'double-bottom', direction: 'bullish', points: [['low', 10, 100], ['high', 16, 106], ['low', 22, 100.5]],
      formedIndex: 24, status: 'breakout', breakoutIndex: 28, breakoutDirection: 1, endIndex: 28,
    }]);
    expect(result.patterns[0]).toMatchObject({ upper: { slope: 0, intercept: 106 }, lower: { slope: 0, intercept: 100 }, height: 6, breakoutLevel: 106, breakoutPrice: 106.5, target: 112 });
    expect(result.bullishTarget[28]).toBe(112);
  });

  it('is invalidated by a close above the higher peak before the neckline breaks', () => {
    const bars = pathBars([[0, 92], [4, 88], [10, 100], [16, 94], [22, 99.5], [25, 97], [33, 101]]);
    const [top] = chartPatterns(bars, options).patterns;
    // 97 + 0.5 a bar from bar 25: 100.5 at bar 32 is the first close above 100.
    expect(outline(top)).toMatchObject({ kind: 'double-top', status: 'invalidated', breakoutIndex: -1, endIndex: 32 });
    expect(top.target).toBeNaN();
    expect(chartPatterns(bars, options).failedKinds[32]).toBe(chartPatternBit('double-top'));
  });

  it('expires after `expireAfter` bars without a breakout', () => {
    const result = chartPatterns(pathBars(doubleTopPath), { ...options, expireAfter: 3 });
    expect(outline(result.patterns[0])).toMatchObject({ status: 'expired', breakoutIndex: -1, endIndex: 27 });
    expect(result.patterns[0].lastBreakoutIndex).toBe(27);
    expect(result.failedKinds[27]).toBe(chartPatternBit('double-top'));
  });

  it('is not reported when the neckline broke before the second peak was confirmed', () => {
    // The close at bar 24 (93.5) is already below the trough when the peak of bar 22 is confirmed.
    const bars = pathBars([[0, 92], [4, 88], [10, 100], [16, 94], [22, 99.5], [24, 93.5], [30, 80]]);
    expect(chartPatterns(bars, options).patterns).toEqual([]);
  });

  it('needs peaks within the tolerance, a deep enough trough and a rise to reverse', () => {
    const bars = pathBars(doubleTopPath);
    expect(chartPatterns(bars, { ...options, peakTolerance: 0.005 }).patterns).toEqual([]); // 0.4875 < 0.5
    expect(chartPatterns(bars, { ...options, minimumHeight: 0.06 }).patterns).toEqual([]); // 5.85 > 5.5
    expect(chartPatterns(bars, { ...options, maximumSpan: 11 }).patterns).toEqual([]); // peaks 12 bars apart
    // Without the swing low at 88 before the first peak there is no rise to reverse.
    expect(chartPatterns(pathBars([[0, 95], [10, 100], [16, 94], [22, 99.5], [42, 79.5]]), options).patterns).toEqual([]);
  });

  it('measures the tolerances in ATRs with the atr unit', () => {
    const bars = pathBars(doubleTopPath);
    const range = atr(bars.high, bars.low, bars.close, 14)[24];
    expect(range).toBeGreaterThan(1);
    expect(range).toBeLessThan(2);
    const atrOptions: ChartPatternOptions = { ...options, toleranceUnit: 'atr', minimumHeight: 2 };
    // Peaks 0.5 apart: within 0.5 ATR, not within 0.25 ATR.
    expect(chartPatterns(bars, { ...atrOptions, peakTolerance: 0.5 }).patterns.map((pattern) => pattern.kind)).toEqual(['double-top']);
    expect(chartPatterns(bars, { ...atrOptions, peakTolerance: 0.25 }).patterns).toEqual([]);
    // Depth 5.5: more than 2 ATRs, less than 5.
    expect(chartPatterns(bars, { ...atrOptions, peakTolerance: 1, minimumHeight: 5 }).patterns).toEqual([]);
  });
});

/**
 * Swing low 80 @4; left shoulder 92 @8, trough 86 @14, head 100 @22, trough 88 @30, right
 * shoulder 93 @36 (known @38, close 91); then a fall of 1 a bar. Neckline through (14, 86) and
 * (30, 88): slope 0.125, intercept 84.25, 87 at the head, so the height is 13. First close below
 * it: bar 40 (89 < 89.25). Target 89.25 - 13 = 76.25.
 */
const headAndShouldersPath: Vertex[] = [[0, 84], [4, 80], [8, 92], [14, 86], [22, 100], [30, 88], [36, 93], [56, 73]];

describe('head and shoulders: hand-labelled', () => {
  const options: ChartPatternOptions = { ...strength, kinds: ['head-and-shoulders', 'inverse-head-and-shoulders'] };

  it('finds it at the right shoulder\'s confirmation, with a sloping neckline, and its breakout', () => {
    const bars = pathBars(headAndShouldersPath);
    const result = chartPatterns(bars, options);
    expect(result.patterns.map(outline)).toEqual([{
      kind: 'head-and-shoulders', direction: 'bearish',
      points: [['high', 8, 92], ['low', 14, 86], ['high', 22, 100], ['low', 30, 88], ['high', 36, 93]],
      formedIndex: 38, status: 'breakout', breakoutIndex: 40, breakoutDirection: -1, endIndex: 40,
    }]);
    expect(result.patterns[0]).toMatchObject({
      upper: { slope: 0, intercept: 100 }, lower: { slope: 0.125, intercept: 84.25 }, height: 13, breakoutLevel: 89.25, breakoutPrice: 89, target: 76.25,
    });
    expect(result.formedKinds[38]).toBe(chartPatternBit('head-and-shoulders'));
    expect(result.bearishTarget[40]).toBe(76.25);
  });

  it('finds the inverse in the mirror image', () => {
    const result = chartPatterns(pathBars(mirrorPath(headAndShouldersPath)), options);
    expect(result.patterns.map(outline)).toEqual([{
      kind: 'inverse-head-and-shoulders', direction: 'bullish',
      points: [['low', 8, 108], ['high', 14, 114], ['low', 22, 100], ['high', 30, 112], ['low', 36, 107]],
      formedIndex: 38, status: 'breakout', breakoutIndex: 40, breakoutDirection: 1, endIndex: 40,
    }]);
    expect(result.patterns[0]).toMatchObject({ upper: { slope: -0.125, intercept: 115.75 }, height: 13, breakoutLevel: 110.75, target: 123.75 });
  });

  it('needs a head that stands out, level shoulders and a deep enough head', () => {
    const bars = pathBars(headAndShouldersPath);
    expect(chartPatterns(bars, { ...options, peakTolerance: 0.08 }).patterns).toEqual([]); // 7.28 > 100 - 93
    expect(chartPatterns(bars, { ...options, shoulderTolerance: 0.01 }).patterns).toEqual([]); // 0.91 < 93 - 92
    expect(chartPatterns(bars, { ...options, minimumHeight: 0.15 }).patterns).toEqual([]); // 13.65 > 13
    // A right shoulder at 90.5, 1.5 below the left one: level within 0.04 x 89.5 = 3.58, not within 0.01 x 89.5.
    const low = pathBars([[0, 84], [4, 80], [8, 92], [14, 86], [22, 100], [30, 88], [36, 90.5], [56, 80.5]]);
    expect(chartPatterns(low, { ...options, shoulderTolerance: 0.01 }).patterns).toEqual([]);
    expect(chartPatterns(low, options).patterns.map(outline)).toMatchObject([{ kind: 'head-and-shoulders', formedIndex: 38, breakoutIndex: 39 }]);
  });
});
