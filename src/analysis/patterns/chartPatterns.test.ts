import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Bars } from '../../core/Bars.js';
import { isTickforgeError } from '../../core/errors.js';
import { randomWalkBars } from '../../../test/randomWalk.js';
import { loadSharedBars, requireSharedData } from '../../../test/sharedData.js';
import { outline, pathBars, patternsKnownAt } from '../../../test/patterns/patternFixtures.js';
import { gridBars, seriesArbitrary, spliceAfter, withHoles } from '../../../test/smc/structureFixtures.js';
import { streamedAtr } from '../smc/BarWindow.js';
import { swings, type SwingPoint } from '../smc/swings.js';
import { ChartPatternDetector, chartPatterns, createChartPatternColumns, type ChartPatternResult } from './chartPatterns.js';
import { chartPatternDefaults, resolveChartPatternOptions, type ChartPatternOptions } from './chartPatternOptions.js';
import { chartPatternBit, chartPatternKinds, chartPatternKindsOf, lineValue, type ChartPattern, type ChartPatternKind } from './chartPatternTypes.js';

const expectedDirection: Record<ChartPatternKind, ChartPattern['direction']> = {
  'double-top': 'bearish', 'double-bottom': 'bullish', 'head-and-shoulders': 'bearish', 'inverse-head-and-shoulders': 'bullish',
  'ascending-triangle': 'bullish', 'descending-triangle': 'bearish', 'symmetric-triangle': 'neutral', 'rising-wedge': 'bearish', 'falling-wedge': 'bullish',
  'bull-flag': 'bullish', 'bear-flag': 'bearish', 'ascending-channel': 'neutral', 'descending-channel': 'neutral', 'horizontal-channel': 'neutral',
};

/** Looser thresholds and short swings: random walks then show every kind. */
const looseOptions: ChartPatternOptions = { swingLeft: 2, swingRight: 2, minimumHeight: 0.02, poleMinimum: 2, flagRetracement: 0.6 };

/** The outcome of a pattern by its definition, read off the bars independently of the scanner. */
function expectedFollowUp(bars: Bars, pattern: ChartPattern) {
  const { close } = bars;
  const last = Math.min(bars.length - 1, pattern.lastBreakoutIndex);
  for (let j = pattern.formedIndex + 1; j <= last; j++) {
    const upper = lineValue(pattern.upper, j);
    const lower = lineValue(pattern.lower, j);
    if (close[j] > upper) return pattern.direction === 'bearish' ? { status: 'invalidated', endIndex: j } : { status: 'breakout', endIndex: j, direction: 1, level: upper };
    if (close[j] < lower) return pattern.direction === 'bullish' ? { status: 'invalidated', endIndex: j } : { status: 'breakout', endIndex: j, direction: -1, level: lower };
    if (j === pattern.lastBreakoutIndex) return { status: 'expired', endIndex: j };
  }
  return { status: 'pending', endIndex: -1 };
}

/** Every property a pattern list must have, checked against the swings and the bars. */
function checkPatterns(bars: Bars, options: ChartPatternOptions, result: ChartPatternResult): void {
  const resolved = resolveChartPatternOptions(options);
  const confirmed = new Map(swings(bars, resolved).points.map((point) => [`${point.kind}${point.index}`, point]));
  const scaleAt = resolved.toleranceUnit === 'relative' ? bars.close : streamedAtr(bars.high, bars.low, bars.close, resolved.atrPeriod);
  const { close, high, low } = bars;
  for (const pattern of result.patterns) {
    const { points, formedIndex } = pattern;
    const scale = scaleAt[formedIndex];
    expect(pattern.direction).toBe(expectedDirection[pattern.kind]);
    expect(pattern.startIndex).toBe(points[0].index);
    expect(pattern.formedTime).toBe(bars.time[formedIndex]);
    expect(pattern.height).toBeGreaterThan(0);
    points.forEach((point, k) => {
      if (k > 0) expect(point.index).toBeGreaterThanOrEqual(points[k - 1].index);
      if (point.confirmedIndex >= 0) {
        // A swing known by the formation bar, the last one exactly then.
        expect(confirmed.get(`${point.kind}${point.index}`)).toEqual(point);
        expect(point.confirmedIndex).toBeLessThanOrEqual(formedIndex);
      } else {
        expect(point.price).toBe(point.kind === 'high' ? high[point.index] : low[point.index]);
        expect(point.index).toBeLessThan(formedIndex);
      }
    });
    expect(Math.max(...points.map((point) => point.confirmedIndex))).toBe(formedIndex);
    // The lines hold the pattern up to its last breakout bar, and no close left them between the last point and the formation.
    const name = `${pattern.kind} formed at ${formedIndex}`;
    expect(lineValue(pattern.upper, formedIndex), name).toBeGreaterThan(lineValue(pattern.lower, formedIndex));
    expect(lineValue(pattern.upper, pattern.lastBreakoutIndex), name).toBeGreaterThan(lineValue(pattern.lower, pattern.lastBreakoutIndex));
    expect(pattern.lastBreakoutIndex).toBeGreaterThan(formedIndex);
    expect(pattern.lastBreakoutIndex).toBeLessThanOrEqual(formedIndex + resolved.expireAfter);
    for (let j = points[points.length - 1].index + 1; j <= formedIndex; j++) {
      expect(close[j] <= lineValue(pattern.upper, j) && close[j] >= lineValue(pattern.lower, j), `close ${j} inside the lines`).toBe(true);
    }
    const expected = expectedFollowUp(bars, pattern);
    expect(pattern.status).toBe(expected.status);
    expect(pattern.endIndex).toBe(expected.endIndex);
    expect(pattern.endTime).toBe(expected.endIndex < 0 ? NaN : bars.time[expected.endIndex]);
    if (expected.status === 'breakout') {
      expect(pattern.breakoutIndex).toBe(expected.endIndex);
      expect(pattern.breakoutIndex).toBeGreaterThan(formedIndex);
      expect(pattern.breakoutDirection).toBe(expected.direction);
      expect(pattern.breakoutLevel).toBe(expected.level);
      expect(pattern.breakoutPrice).toBe(close[pattern.breakoutIndex]);
      expect(pattern.target).toBe(pattern.breakoutLevel + pattern.breakoutDirection * pattern.height);
      expect(Math.sign(pattern.target - pattern.breakoutLevel)).toBe(pattern.breakoutDirection);
      if (pattern.direction !== 'neutral') expect(pattern.breakoutDirection).toBe(pattern.direction === 'bullish' ? 1 : -1);
    } else {
      expect([pattern.breakoutIndex, pattern.breakoutDirection, pattern.target]).toEqual([-1, 0, NaN]);
    }
    checkShape(pattern, resolved, scale, confirmed);
  }
  checkColumns(bars, result);
}

function checkShape(pattern: ChartPattern, options: ReturnType<typeof resolveChartPatternOptions>, scale: number, confirmed: Map<string, SwingPoint>): void {
  const prices = pattern.points.map((point) => point.price);
  const between = (kind: 'high' | 'low', from: number, to: number) => [...confirmed.values()].filter((point) => point.kind === kind && point.index > from && point.index < to);
  if (pattern.kind === 'double-top' || pattern.kind === 'double-bottom') {
    const top = pattern.kind === 'double-top';
    const [first, trough, second] = pattern.points;
    expect([first.kind, trough.kind, second.kind]).toEqual(top ? ['high', 'low', 'high'] : ['low', 'high', 'low']);
    expect(Math.abs(first.price - second.price)).toBeLessThanOrEqual(options.peakTolerance * scale);
    expect(second.index - first.index).toBeLessThanOrEqual(options.maximumSpan);
    const sign = top ? 1 : -1;
    // Measured outwards: `sign * price` is larger the farther a peak (trough of a bottom) stands out.
    const inner = Math.min(sign * first.price, sign * second.price);
    const outer = Math.max(sign * first.price, sign * second.price);
    expect(inner - sign * trough.price).toBeGreaterThanOrEqual(options.minimumHeight * scale);
    // The trough is the deepest swing between the peaks, and every swing peak between them is below both.
    for (const other of between(trough.kind, first.index, second.index)) expect(sign * other.price).toBeGreaterThanOrEqual(sign * trough.price);
    for (const other of between(first.kind, first.index, second.index)) expect(sign * other.price).toBeLessThan(inner);
    expect(pattern.height).toBe(outer - sign * trough.price);
  } else if (pattern.kind === 'head-and-shoulders' || pattern.kind === 'inverse-head-and-shoulders') {
    const sign = pattern.kind === 'head-and-shoulders' ? 1 : -1;
    const [left, , head, , right] = prices;
    expect(sign * (head - left)).toBeGreaterThan(options.peakTolerance * scale);
    expect(sign * (head - right)).toBeGreaterThan(options.peakTolerance * scale);
    expect(Math.abs(left - right)).toBeLessThanOrEqual(options.shoulderTolerance * scale);
    const neckline = sign === 1 ? pattern.lower : pattern.upper;
    expect(pattern.height).toBe(sign * (head - lineValue(neckline, pattern.points[2].index)));
  } else if (pattern.kind === 'bull-flag' || pattern.kind === 'bear-flag') {
    const sign = pattern.kind === 'bull-flag' ? 1 : -1;
    const [start, top, dip, second] = prices;
    expect(pattern.height).toBe(sign * (top - start));
    expect(sign * (second - top)).toBeLessThanOrEqual(options.flatTolerance * scale);
    expect(sign * (top - dip)).toBeLessThanOrEqual(options.flagRetracement * pattern.height);
    expect(pattern.upper.slope).toBe(pattern.lower.slope);
  } else {
    const highs = pattern.points.filter((point) => point.kind === 'high');
    expect(highs).toHaveLength(options.boundarySwings);
    expect(pattern.points).toHaveLength(2 * options.boundarySwings);
    expect(pattern.points[pattern.points.length - 1].index - pattern.points[0].index).toBeLessThanOrEqual(options.maximumSpan);
  }
}

/** The per-bar columns, rebuilt from the patterns. */
function checkColumns(bars: Bars, result: ChartPatternResult): void {
  const expected = createChartPatternColumns(bars.length);
  for (const pattern of result.patterns) {
    const bit = chartPatternBit(pattern.kind);
    expected.formedKinds[pattern.formedIndex] |= bit;
    if (pattern.status === 'breakout') {
      expected.breakoutKinds[pattern.breakoutIndex] |= bit;
      const column = pattern.breakoutDirection === 1 ? expected.bullishTarget : expected.bearishTarget;
      const current = column[pattern.breakoutIndex];
      column[pattern.breakoutIndex] = Number.isNaN(current) ? pattern.target : pattern.breakoutDirection === 1 ? Math.min(current, pattern.target) : Math.max(current, pattern.target);
    } else if (pattern.status !== 'pending') {
      expected.failedKinds[pattern.endIndex] |= bit;
    }
  }
  for (const name of Object.keys(expected) as (keyof typeof expected)[]) expect(Array.from(result[name]), name).toEqual(Array.from(expected[name]));
}

describe('chart patterns: options', () => {
  it('fill unit-dependent defaults', () => {
    expect(resolveChartPatternOptions()).toMatchObject({ toleranceUnit: 'relative', peakTolerance: 0.02, minimumHeight: 0.05, swingLeft: 5, kinds: chartPatternKinds });
    expect(resolveChartPatternOptions({ toleranceUnit: 'atr' })).toMatchObject({ peakTolerance: 1, minimumHeight: 2.5, lineTolerance: 0.25 });
    expect(resolveChartPatternOptions({ kinds: ['bull-flag', 'double-top'] }).kindMask).toBe(chartPatternBit('bull-flag') | chartPatternBit('double-top'));
    expect(chartPatternDefaults.byUnit.relative.peakTolerance).toBe(0.02);
  });

  it('reject bad values eagerly, naming the option, the value and the allowed range', () => {
    const cases: [ChartPatternOptions, RegExp][] = [
      [{ swingLeft: 0 }, /swingLeft must be a whole number from 1 to 1000, got 0/],
      [{ peakTolerance: -0.1 }, /peakTolerance must be a finite number >= 0, got -0.1/],
      [{ minimumHeight: Number.NaN }, /minimumHeight must be a finite number >= 0, got NaN/],
      [{ parallelTolerance: 1 }, /parallelTolerance must be a number from 0 to 0.95, got 1/],
      [{ boundarySwings: 1 }, /boundarySwings must be a whole number from 2 to 10, got 1/],
      [{ maximumSpan: 20_000 }, /maximumSpan must be a whole number from 2 to 10000/],
      [{ expireAfter: 2.5 }, /expireAfter must be a whole number/],
      [{ flagRetracement: 0 }, /flagRetracement must be a number above 0 and at most 1, got 0/],
      [{ toleranceUnit: 'percent' as never }, /toleranceUnit must be one of 'relative', 'atr', got "percent"/],
      [{ kinds: [] }, /kinds must be a non-empty list/],
      [{ kinds: ['cup-and-handle' as never] }, /kinds must be one of 'double-top'.*got "cup-and-handle"/],
    ];
    for (const [options, message] of cases) {
      let thrown: unknown;
      try {
        new ChartPatternDetector(options);
      } catch (error) {
        thrown = error;
      }
      expect(isTickforgeError(thrown) && thrown.code, JSON.stringify(options)).toBe('TF_ERR_CORE_ARGUMENT_INVALID');
      expect((thrown as Error).message).toMatch(/^Chart pattern option /);
      expect((thrown as Error).message).toMatch(message);
      expect(() => chartPatterns(randomWalkBars(10), options)).toThrow(message);
    }
  });
});

describe('chart patterns: the whole scan', () => {
  it('reads one path as every pattern its shape fits: a double top whose right half is also a failed bull flag', () => {
    // The double-top path of reversalPatterns.test.ts: 88 -> 100 is also a pole of 12 (10 ATRs), and 100 -> 94 -> 99.5 a flag retracing half of it.
    const bars = pathBars([[0, 92], [4, 88], [10, 100], [16, 94], [22, 99.5], [42, 79.5]]);
    const result = chartPatterns(bars, { swingLeft: 2, swingRight: 2 });
    expect(result.patterns.map(outline)).toEqual([
      { kind: 'double-top', direction: 'bearish', points: [['high', 10, 100], ['low', 16, 94], ['high', 22, 99.5]], formedIndex: 24, status: 'breakout', breakoutIndex: 28, breakoutDirection: -1, endIndex: 28 },
      { kind: 'bull-flag', direction: 'bullish', points: [['low', 4, 88], ['high', 10, 100], ['low', 16, 94], ['high', 22, 99.5]], formedIndex: 24, status: 'invalidated', breakoutIndex: -1, breakoutDirection: 0, endIndex: 29 },
    ]);
    expect(chartPatternKindsOf(result.formedKinds[24])).toEqual(['double-top', 'bull-flag']);
    expect(chartPatternKindsOf(result.failedKinds[29])).toEqual(['bull-flag']);
    checkPatterns(bars, { swingLeft: 2, swingRight: 2 }, result);
  });

  it('finds nothing in too few bars, and nothing in an empty series', () => {
    expect(chartPatterns(randomWalkBars(8, 3)).patterns).toEqual([]);
    const empty = chartPatterns(randomWalkBars(0));
    expect(empty.patterns).toEqual([]);
    expect(empty.formedKinds).toHaveLength(0);
  });
});

describe('chart patterns: properties', () => {
  it('every pattern is shaped by swings confirmed by its formation bar, and its breakout is the first close beyond its lines', () => {
    fc.assert(
      fc.property(seriesArbitrary, fc.integer({ min: 1, max: 4 }), fc.constantFrom<ChartPatternOptions>(looseOptions, {}, { ...looseOptions, toleranceUnit: 'atr', atrPeriod: 5 }, { ...looseOptions, boundarySwings: 3 }), (bars, right, options) => {
        const withStrength = { ...options, swingRight: right };
        checkPatterns(bars, withStrength, chartPatterns(bars, withStrength));
      }),
      { numRuns: 150 },
    );
  });

  it('long random walks show every kind and every outcome', () => {
    const seen = new Set<string>();
    const outcomes = new Set<string>();
    for (let seed = 1; seed <= 6; seed++) {
      for (const bars of [randomWalkBars(4_000, seed), gridBars(seed, 4_000)]) {
        const result = chartPatterns(bars, looseOptions);
        checkPatterns(bars, looseOptions, result);
        for (const pattern of result.patterns) {
          seen.add(pattern.kind);
          outcomes.add(pattern.status);
        }
      }
    }
    expect([...seen].sort()).toEqual([...chartPatternKinds].sort());
    expect([...outcomes].sort()).toEqual(['breakout', 'expired', 'invalidated', 'pending']);
  });

  it('use no bar after the one they are reported at (look-ahead)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 0, max: 398 }), fc.boolean(), (seed, otherSeed, cut, grid) => {
        const bars = grid ? gridBars(seed, 400) : randomWalkBars(400, seed);
        const spliced = spliceAfter(bars, cut, otherSeed === seed ? seed + 1 : otherSeed);
        for (const options of [looseOptions, { ...looseOptions, toleranceUnit: 'atr' as const, atrPeriod: 7 }]) {
          const known = patternsKnownAt(chartPatterns(bars, options), cut);
          expect(patternsKnownAt(chartPatterns(spliced, options), cut), `bars after ${cut} replaced`).toEqual(known);
        }
      }),
      { numRuns: 60 },
    );
  });
});

/** Feeds `bars` one at a time: on every bar the detector's lists match the batch columns; at the end the patterns are equal. */
function expectIncrementalEqualsBatch(bars: Bars, options: ChartPatternOptions): ChartPatternResult {
  const batch = chartPatterns(bars, options);
  const detector = new ChartPatternDetector(options);
  const columns = createChartPatternColumns(bars.length);
  for (let i = 0; i < bars.length; i++) {
    detector.update(bars.open[i], bars.high[i], bars.low[i], bars.close[i], bars.volume[i], bars.time[i]);
    detector.writeColumns(columns, i);
    for (const pattern of detector.formed) expect(pattern.formedIndex).toBe(i);
    for (const pattern of detector.brokenOut) expect(pattern.breakoutIndex).toBe(i);
    for (const pattern of detector.failed) expect(pattern.endIndex).toBe(i);
  }
  for (const name of Object.keys(columns) as (keyof typeof columns)[]) expect(Array.from(columns[name]), name).toEqual(Array.from(batch[name]));
  expect(detector.patterns).toEqual(batch.patterns);
  expect(detector.pending()).toEqual(batch.patterns.filter((pattern) => pattern.status === 'pending'));
  return batch;
}

describe('chart patterns: incremental', () => {
  it('the detector fed bar by bar gives the batch columns and patterns on long walks', () => {
    const cases: [Bars, ChartPatternOptions][] = [
      [randomWalkBars(5_000, 11), looseOptions],
      [gridBars(12, 5_000), looseOptions],
      [randomWalkBars(5_000, 13), {}],
      [randomWalkBars(5_000, 14), { ...looseOptions, toleranceUnit: 'atr', boundarySwings: 3, swingRight: 3 }],
    ];
    for (const [bars, options] of cases) expect(expectIncrementalEqualsBatch(bars, options).patterns.length).toBeGreaterThan(10);
  });

  it('reset() starts over', () => {
    const first = randomWalkBars(1_500, 20);
    const bars = randomWalkBars(2_000, 21);
    const detector = new ChartPatternDetector(looseOptions);
    for (const series of [first, bars, bars]) {
      detector.reset();
      for (let i = 0; i < series.length; i++) detector.update(series.open[i], series.high[i], series.low[i], series.close[i], series.volume[i], series.time[i]);
      expect(detector.patterns).toEqual(chartPatterns(series, looseOptions).patterns);
    }
  });

  it('skips a bar with a non-finite price: no events on it, and indexes still name the caller\'s bars', () => {
    const bars = randomWalkBars(3_000, 22);
    const holes = [5, 600, 601, 1_500, 2_999];
    const damaged = withHoles(bars, holes);
    const result = expectIncrementalEqualsBatch(damaged, looseOptions);
    expect(result.patterns.length).toBeGreaterThan(10);
    for (const pattern of result.patterns) {
      for (const index of [pattern.formedIndex, pattern.breakoutIndex, pattern.endIndex, ...pattern.points.map((point) => point.index)]) expect(holes).not.toContain(index);
    }
    for (const hole of holes) expect(result.formedKinds[hole] | result.breakoutKinds[hole] | result.failedKinds[hole]).toBe(0);
  });
});

describe('chart patterns: real data', () => {
  const available = requireSharedData('chart patterns on the S&P 500 file');

  it.runIf(available)('batch and incremental agree on every S&P 500 series, and every pattern keeps its properties', async () => {
    const series = await loadSharedBars('sp500_5yr_daily_2013-2018.csv.gz');
    expect(series.length).toBeGreaterThan(500);
    const kinds = new Set<string>();
    series.forEach((bars, k) => {
      const result = expectIncrementalEqualsBatch(bars, {});
      if (k % 10 === 0) checkPatterns(bars, {}, result);
      for (const pattern of result.patterns) kinds.add(pattern.kind);
    });
    expect([...kinds].sort()).toEqual([...chartPatternKinds].sort());
    // Another reading on a few symbols: ATR-based tolerances, longer swings.
    const atrOptions: ChartPatternOptions = { toleranceUnit: 'atr', swingLeft: 3, swingRight: 3, boundarySwings: 3 };
    for (const bars of series.slice(0, 30)) checkPatterns(bars, atrOptions, expectIncrementalEqualsBatch(bars, atrOptions));
  });
});
