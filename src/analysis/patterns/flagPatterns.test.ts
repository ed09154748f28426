import { describe, expect, it } from 'vitest';
import { atr } from '../../indicators/volatility/atr.js';
import { mirrorPath, outline, pathBars, type Vertex } from '../../../test/patterns/patternFixtures.js';
import { chartPatterns } from './chartPatterns.js';
import type { ChartPatternOptions } from './chartPatternOptions.js';

const options: ChartPatternOptions = { swingLeft: 2, swingRight: 2, kinds: ['bull-flag', 'bear-flag'] };

/**
 * Pole: swing low 80 @2 to 100 @10 (2.5 a bar). Flag: down to 96 @14, up to 99 @18 (known @20), so the
 * upper line falls 1/8 a bar from 100 @10 (101.25 - x / 8) and the lower line runs parallel
 * through 96 @14 (97.75 - x / 8); the pullback is 4, a fifth of the pole. The close of bar 21
 * (99) is above the upper line (98.625): target 98.625 + 20.
 */
const bullFlagPath: Vertex[] = [[0, 84], [2, 80], [10, 100], [14, 96], [18, 99], [20, 98], [26, 104]];

describe('flags: hand-labelled', () => {
  it('bull flag: a pole of at least 3 ATRs from a swing low, a small falling channel, a breakout projected by the pole', () => {
    const bars = pathBars(bullFlagPath);
    const result = chartPatterns(bars, options);
    expect(result.patterns.map(outline)).toEqual([{
      kind: 'bull-flag', direction: 'bullish', points: [['low', 2, 80], ['high', 10, 100], ['low', 14, 96], ['high', 18, 99]],
      formedIndex: 20, status: 'breakout', breakoutIndex: 21, breakoutDirection: 1, endIndex: 21,
    }]);
    const [flag] = result.patterns;
    expect(flag.points.map((point) => point.confirmedIndex)).toEqual([4, 12, 16, 20]);
    expect(flag).toMatchObject({ upper: { slope: -0.125, intercept: 101.25 }, lower: { slope: -0.125, intercept: 97.75 }, height: 20, breakoutLevel: 98.625, breakoutPrice: 99, target: 118.625 });
    expect(result.bullishTarget[21]).toBe(118.625);
  });

  it('bear flag: the mirror image', () => {
    const result = chartPatterns(pathBars(mirrorPath(bullFlagPath)), options);
    expect(result.patterns.map(outline)).toEqual([{
      kind: 'bear-flag', direction: 'bearish', points: [['high', 2, 120], ['low', 10, 100], ['high', 14, 104], ['low', 18, 101]],
      formedIndex: 20, status: 'breakout', breakoutIndex: 21, breakoutDirection: -1, endIndex: 21,
    }]);
    expect(result.patterns[0]).toMatchObject({ height: 20, breakoutLevel: 101.375, target: 81.375 });
  });

  it('needs a long enough pole, a shallow pullback, a short flag and no new high', () => {
    const bars = pathBars(bullFlagPath);
    const range = atr(bars.high, bars.low, bars.close, 14)[20];
    // The pole of 20 is between 10 and 15 ATRs.
    expect(20 / range).toBeGreaterThan(10);
    expect(20 / range).toBeLessThan(15);
    expect(chartPatterns(bars, { ...options, poleMinimum: 15 }).patterns).toEqual([]);
    expect(chartPatterns(bars, { ...options, poleMinimum: 10 }).patterns).toHaveLength(1);
    expect(chartPatterns(bars, { ...options, flagRetracement: 0.15 }).patterns).toEqual([]); // 4 > 0.15 x 20
    expect(chartPatterns(bars, { ...options, flagMaximumBars: 7 }).patterns).toEqual([]); // 8 bars from pole top to the second high
    // Within 7 bars before the pole top there is no swing low to start a pole from.
    expect(chartPatterns(bars, { ...options, poleMaximumBars: 7 }).patterns).toEqual([]);
    expect(chartPatterns(bars, { ...options, poleMaximumBars: 8 }).patterns).toHaveLength(1);
    // A second high above the pole top is no flag.
    expect(chartPatterns(pathBars([[0, 84], [2, 80], [10, 100], [14, 96], [18, 102.5], [20, 101.5], [26, 110]]), options).patterns).toEqual([]);
  });

  it('is invalidated by a close below the lower line', () => {
    const [flag] = chartPatterns(pathBars([[0, 84], [2, 80], [10, 100], [14, 96], [18, 99], [24, 93]]), options).patterns;
    // From 99 @18 the close falls 1 a bar: 95 at bar 22 is below the lower line (95), 94 at 23 below 94.875.
    expect(outline(flag)).toMatchObject({ kind: 'bull-flag', status: 'invalidated', breakoutIndex: -1, endIndex: 23 });
  });
});
