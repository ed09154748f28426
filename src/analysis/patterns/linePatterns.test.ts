import { describe, expect, it } from 'vitest';
import { mirrorPath, outline, pathBars, type Vertex } from '../../../test/patterns/patternFixtures.js';
import { chartPatterns } from './chartPatterns.js';
import type { ChartPatternOptions } from './chartPatternOptions.js';
import { lineValue, type ChartPattern, type ChartPatternKind } from './chartPatternTypes.js';

const lineKinds: ChartPatternKind[] = [
  'ascending-triangle', 'descending-triangle', 'symmetric-triangle', 'rising-wedge', 'falling-wedge', 'ascending-channel', 'descending-channel', 'horizontal-channel',
];
const options: ChartPatternOptions = { swingLeft: 2, swingRight: 2, kinds: lineKinds };

/** Every case: highs at bars 6 and 18, lows at 12 and 24; the pattern is known at bar 26, the low's confirmation. */
function only(vertices: readonly Vertex[], extra: ChartPatternOptions = {}): ChartPattern {
  const result = chartPatterns(pathBars(vertices), { ...options, ...extra });
  expect(result.patterns).toHaveLength(1);
  return result.patterns[0];
}

function expectLine(line: { slope: number; intercept: number }, at: [number, number][]): void {
  for (const [index, price] of at) expect(lineValue(line, index)).toBeCloseTo(price, 9);
}

describe('triangles: hand-labelled', () => {
  // Flat top at 100 (6, 18), bottom rising 1/3 a bar (90 @12, 94 @24): width 12 at bar 6, 6 at
  // bar 24. Apex at 6 + 12 / (1/3) = 42, so the last bar to break out is 41. The rise from 94
  // closes above 100 at bar 31 (101).
  const ascending: Vertex[] = [[0, 85], [6, 100], [12, 90], [18, 100], [24, 94], [34, 104]];

  it('ascending triangle: flat top, rising bottom, breaks out upwards by the widest height', () => {
    const pattern = only(ascending);
    expect(outline(pattern)).toEqual({
      kind: 'ascending-triangle', direction: 'bullish', points: [['high', 6, 100], ['low', 12, 90], ['high', 18, 100], ['low', 24, 94]],
      formedIndex: 26, status: 'breakout', breakoutIndex: 31, breakoutDirection: 1, endIndex: 31,
    });
    expectLine(pattern.upper, [[6, 100], [40, 100]]);
    expectLine(pattern.lower, [[12, 90], [24, 94], [42, 100]]);
    expect(pattern.height).toBeCloseTo(12, 9);
    expect(pattern.lastBreakoutIndex).toBe(41);
    expect(pattern.breakoutLevel).toBeCloseTo(100, 9);
    expect(pattern.breakoutPrice).toBe(101);
    expect(pattern.target).toBeCloseTo(112, 9);
  });

  it('descending triangle: the mirror image, breaking down', () => {
    const pattern = only(mirrorPath(ascending));
    expect(outline(pattern)).toMatchObject({ kind: 'descending-triangle', direction: 'bearish', formedIndex: 26, breakoutIndex: 31, breakoutDirection: -1 });
    expect(pattern.target).toBeCloseTo(88, 9);
  });

  it('expires at the last bar before the apex when nothing breaks', () => {
    // After the last low the price rises to 96.5, then creeps up 0.236 a bar, inside the lines up to bar 41 (99.8 > 99.667).
    const pattern = only([[0, 85], [6, 100], [12, 90], [18, 100], [24, 94], [27, 96.5], [41, 99.8]]);
    expect(outline(pattern)).toMatchObject({ kind: 'ascending-triangle', status: 'expired', endIndex: 41, breakoutIndex: -1 });
  });

  // Top falling 1/3 a bar (104 @6, 100 @18), bottom rising 1/3 (86 @12, 90 @24): width 20 at bar
  // 6, 8 at bar 24, apex at 36 (last bar 35). Closes rise 1 a bar from bar 24: 97 > 95.667 at bar 31.
  const symmetric: Vertex[] = [[0, 80], [6, 104], [12, 86], [18, 100], [24, 90], [34, 100]];

  it('symmetric triangle: neutral, broken upwards here, target the widest height above the broken line', () => {
    const pattern = only(symmetric);
    expect(outline(pattern)).toMatchObject({ kind: 'symmetric-triangle', direction: 'neutral', formedIndex: 26, breakoutIndex: 31, breakoutDirection: 1 });
    expect(pattern.lastBreakoutIndex).toBe(35);
    expect(pattern.height).toBeCloseTo(20, 9);
    expect(pattern.breakoutLevel).toBeCloseTo(104 - 25 / 3, 9);
    expect(pattern.target).toBeCloseTo(104 - 25 / 3 + 20, 9);
  });

  it('symmetric triangle broken downwards: the same pattern, the other side', () => {
    const pattern = only(mirrorPath(symmetric));
    expect(outline(pattern)).toMatchObject({ kind: 'symmetric-triangle', direction: 'neutral', breakoutIndex: 31, breakoutDirection: -1 });
    expect(pattern.target).toBeCloseTo(200 - (104 - 25 / 3 + 20), 9);
  });
});

describe('wedges: hand-labelled', () => {
  // Top rising 1/3 a bar (100 @6, 104 @18), bottom rising 7/12 (94 @12, 101 @24): width 9.5 at bar
  // 6, 5 at bar 24, apex at 44 (last bar 43). After a bounce to 103.5 @27 the close of bar 28 (102.5) falls
  // below the lower line (103.333).
  const rising: Vertex[] = [[0, 88], [6, 100], [12, 94], [18, 104], [24, 101], [27, 103.5], [40, 90.5]];

  it('rising wedge: both lines rising and converging, bearish', () => {
    const pattern = only(rising);
    expect(outline(pattern)).toEqual({
      kind: 'rising-wedge', direction: 'bearish', points: [['high', 6, 100], ['low', 12, 94], ['high', 18, 104], ['low', 24, 101]],
      formedIndex: 26, status: 'breakout', breakoutIndex: 28, breakoutDirection: -1, endIndex: 28,
    });
    expect(pattern.lastBreakoutIndex).toBe(43);
    expect(pattern.height).toBeCloseTo(9.5, 9);
    expect(pattern.breakoutLevel).toBeCloseTo(94 + (7 * 16) / 12, 9);
    expect(pattern.breakoutPrice).toBe(102.5);
    expect(pattern.target).toBeCloseTo(94 + (7 * 16) / 12 - 9.5, 9);
  });

  it('falling wedge: the mirror image, bullish', () => {
    const pattern = only(mirrorPath(rising));
    expect(outline(pattern)).toMatchObject({ kind: 'falling-wedge', direction: 'bullish', breakoutIndex: 28, breakoutDirection: 1 });
    expect(pattern.target).toBeCloseTo(200 - (94 + (7 * 16) / 12 - 9.5), 9);
  });

  it('a rising wedge closing above its upper line is invalidated', () => {
    // From the low at 24 the price climbs 2 a bar: 107 at bar 27 touches the upper line (107), 109 at bar 28 closes above it (107.333).
    const pattern = only([[0, 88], [6, 100], [12, 94], [18, 104], [24, 101], [30, 113]]);
    expect(outline(pattern)).toMatchObject({ kind: 'rising-wedge', status: 'invalidated', endIndex: 28, breakoutIndex: -1 });
  });
});

describe('channels: hand-labelled', () => {
  // Parallel lines rising 0.5 a bar, 9 apart: highs 100 @6, 106 @18; lows 94 @12, 100 @24. The close
  // of bar 29 (101) is below the lower line (102.5).
  const ascending: Vertex[] = [[0, 90], [6, 100], [12, 94], [18, 106], [24, 100], [27, 103], [40, 90]];

  it('ascending channel: parallel rising lines, neutral, broken downwards by the channel width', () => {
    const pattern = only(ascending);
    expect(outline(pattern)).toMatchObject({ kind: 'ascending-channel', direction: 'neutral', formedIndex: 26, breakoutIndex: 29, breakoutDirection: -1 });
    expectLine(pattern.upper, [[6, 100], [18, 106]]);
    expectLine(pattern.lower, [[12, 94], [24, 100]]);
    expect(pattern.lastBreakoutIndex).toBe(76);
    expect(pattern.height).toBeCloseTo(9, 9);
    expect(pattern.breakoutLevel).toBeCloseTo(102.5, 9);
    expect(pattern.target).toBeCloseTo(93.5, 9);
  });

  it('descending channel: the mirror image, broken upwards', () => {
    const pattern = only(mirrorPath(ascending));
    expect(outline(pattern)).toMatchObject({ kind: 'descending-channel', direction: 'neutral', breakoutIndex: 29, breakoutDirection: 1 });
    expect(pattern.target).toBeCloseTo(106.5, 9);
  });

  it('horizontal channel: both lines flat (within 2% of the close) and parallel', () => {
    // Highs 100, 100.5; lows 92, 92.5: each line moves 0.75 over the 18 bars (flat: 0.02 x 95 = 1.9).
    const pattern = only([[0, 90], [6, 100], [12, 92], [18, 100.5], [24, 92.5], [34, 105]]);
    expect(outline(pattern)).toMatchObject({ kind: 'horizontal-channel', direction: 'neutral', formedIndex: 26, breakoutIndex: 31, breakoutDirection: 1 });
    expect(pattern.height).toBeCloseTo(8.25, 9);
    expect(pattern.breakoutLevel).toBeCloseTo(100 + 25 / 24, 9);
    expect(pattern.target).toBeCloseTo(100 + 25 / 24 + 8.25, 9);
  });

  it('the same highs and lows read differently as the thresholds change', () => {
    const channel: Vertex[] = [[0, 90], [6, 100], [12, 92], [18, 100.5], [24, 92.5], [34, 105]];
    // Flatness 0.5% of 95 = 0.475 < 0.75: both lines rise in parallel.
    expect(only(channel, { flatTolerance: 0.005 }).kind).toBe('ascending-channel');
    // Too small for a 10% minimum height.
    expect(chartPatterns(pathBars(channel), { ...options, minimumHeight: 0.1 }).patterns).toEqual([]);
    // Broadening (top rising, bottom falling) is no pattern.
    expect(chartPatterns(pathBars([[0, 90], [6, 100], [12, 92], [18, 104], [24, 88], [34, 95]]), options).patterns).toEqual([]);
  });

  it('fits three swings a side by least squares and rejects a swing off its line', () => {
    const vertices: Vertex[] = [[0, 90], [6, 100], [12, 94], [18, 106], [24, 100], [30, 112], [36, 106], [39, 107.5], [52, 95]];
    const pattern = only(vertices, { boundarySwings: 3 });
    expect(outline(pattern)).toMatchObject({ kind: 'ascending-channel', formedIndex: 38, points: [['high', 6, 100], ['low', 12, 94], ['high', 18, 106], ['low', 24, 100], ['high', 30, 112], ['low', 36, 106]] });
    expectLine(pattern.upper, [[6, 100], [30, 112]]);
    // The third low 2 above the line through the others: 2/3 from the fitted line, beyond 0.005 x 109 = 0.545.
    const bent: Vertex[] = [[0, 90], [6, 100], [12, 94], [18, 106], [24, 100], [30, 112], [36, 108], [39, 109.5], [52, 95]];
    expect(chartPatterns(pathBars(bent), { ...options, boundarySwings: 3 }).patterns).toEqual([]);
    // A looser tolerance accepts the fit, whose lower line now rises faster than the upper one.
    expect(only(bent, { boundarySwings: 3, lineTolerance: 0.007 }).kind).toBe('rising-wedge');
  });
});
