import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isTickforgeError } from '../../core/errors.js';
import { atr } from '../../indicators/volatility/atr.js';
import { randomWalkBars } from '../../../test/randomWalk.js';
import { loadSharedBars, requireSharedData } from '../../../test/sharedData.js';
import { pathBars } from '../../../test/patterns/patternFixtures.js';
import { gridBars, seriesArbitrary, spliceAfter, withHoles } from '../../../test/smc/structureFixtures.js';
import { streamedAtr } from '../smc/BarWindow.js';
import { swings } from '../smc/swings.js';
import { supportResistanceLevels, SupportResistanceTracker, type SupportResistanceOptions, type SupportResistanceResult } from './supportResistance.js';

/**
 * Swings (strength 2): lows 90 @4, 90.5 @12, 91 @20, 94 @28; highs 100 @8, 100.5 @16, 99.8 @24.
 * Within 1%: the lows 90, 90.5, 91 (each within 1% of the running mean) and the highs 99.8,
 * 100, 100.5; 94 stands alone. The last close is 97.
 */
const rangeBars = pathBars([[0, 95], [4, 90], [8, 100], [12, 90.5], [16, 100.5], [20, 91], [24, 99.8], [28, 94], [32, 97]]);
const strength = { swingLeft: 2, swingRight: 2 } as const;

const brief = (result: SupportResistanceResult) => result.levels.map((level) => [level.kind, Math.round(level.price * 1e9) / 1e9, level.touches, level.firstTouchIndex, level.lastTouchIndex, level.lowest, level.highest]);
const weight = (asOf: number, indexes: number[], halfLife = 100) => indexes.reduce((sum, index) => sum + 0.5 ** ((asOf - index) / halfLife), 0);

describe('support and resistance: hand-labelled', () => {
  it('clusters swing prices within the tolerance into levels, counting touches', () => {
    const result = supportResistanceLevels(rangeBars, strength);
    expect(result.asOf).toBe(32);
    expect(result.close).toBe(97);
    expect(brief(result)).toEqual([
      ['support', 90.5, 3, 4, 20, 90, 91],
      ['resistance', 100.1, 3, 8, 24, 99.8, 100.5],
    ]);
    expect(result.levels[0].strength).toBeCloseTo(weight(32, [4, 12, 20]), 12);
    expect(result.levels[1].strength).toBeCloseTo(weight(32, [8, 16, 24]), 12);
    expect(result.support).toBe(result.levels[0]);
    expect(result.resistance).toBe(result.levels[1]);
  });

  it('at an earlier bar, sees only the swings confirmed by then', () => {
    // At bar 20 the swings known are 90 @4, 100 @8, 90.5 @12 and 100.5 @16 (confirmed @18); the close is 91.
    const result = supportResistanceLevels(rangeBars, { ...strength, asOf: 20 });
    expect(brief(result)).toEqual([
      ['support', 90.25, 2, 4, 12, 90, 90.5],
      ['resistance', 100.25, 2, 8, 16, 100, 100.5],
    ]);
    expect(result.levels[0].strength).toBeCloseTo(weight(20, [4, 12]), 12);
  });

  it('does not let a dense run of swings creep into one wide level', () => {
    // Lows 99.9, 100.8, 100.8, 101.4, 101.6, 101.9: each within 1% of the running mean of those
    // below it, but 101.9 is 2.0 above the lowest, beyond twice 1% of it (1.998): it starts a new
    // cluster, a single swing and so no level.
    const lows = [99.9, 100.8, 100.8, 101.4, 101.6, 101.9];
    const vertices: [number, number][] = [[0, 108]];
    lows.forEach((low, k) => vertices.push([6 * k + 3, low], [6 * k + 6, 110]));
    vertices.push([39, 106]);
    const result = supportResistanceLevels(pathBars(vertices), strength);
    expect(brief(result)).toEqual([['support', 100.9, 5, 3, 27, 99.9, 101.6], ['resistance', 110, 6, 6, 36, 110, 110]]);
  });

  it('honours the touch minimum, the lookback, the half-life and the tolerance', () => {
    expect(supportResistanceLevels(rangeBars, { ...strength, minimumTouches: 4 }).levels).toEqual([]);
    // Only pivots from bar 20 on: 91, 94 and 99.8, one touch each.
    expect(brief(supportResistanceLevels(rangeBars, { ...strength, lookback: 12, minimumTouches: 1 }))).toEqual([
      ['support', 91, 1, 20, 20, 91, 91],
      ['support', 94, 1, 28, 28, 94, 94],
      ['resistance', 99.8, 1, 24, 24, 99.8, 99.8],
    ]);
    expect(supportResistanceLevels(rangeBars, { ...strength, strengthHalfLife: 0 }).levels.map((level) => level.strength)).toEqual([3, 3]);
    // 0.4% joins 90 and 90.5 (0.5 <= 0.36? no): nothing pairs but 99.8 and 100 (0.2 <= 0.399).
    expect(brief(supportResistanceLevels(rangeBars, { ...strength, levelTolerance: 0.004 }))).toEqual([['resistance', 99.9, 2, 8, 24, 99.8, 100]]);
  });

  it('measures the tolerance in ATRs at the bar with the atr unit, and has no levels while the ATR warms up', () => {
    const range = atr(rangeBars.high, rangeBars.low, rangeBars.close, 14)[32];
    // 0.5 ATR covers the 0.5 step between 90 and 90.5 (and 90.25 to 91 = 0.75) only when the ATR is above 1.5.
    expect(range).toBeGreaterThan(1.5);
    expect(brief(supportResistanceLevels(rangeBars, { ...strength, toleranceUnit: 'atr' }))).toEqual(brief(supportResistanceLevels(rangeBars, strength)));
    expect(supportResistanceLevels(rangeBars, { ...strength, toleranceUnit: 'atr', levelTolerance: 0.3 / range }).levels.map((level) => level.touches)).toEqual([2]);
    expect(supportResistanceLevels(rangeBars, { ...strength, toleranceUnit: 'atr', asOf: 12 }).levels).toEqual([]);
  });

  it('rejects bad options eagerly, naming the option, the value and the range', () => {
    const cases: [SupportResistanceOptions, RegExp][] = [
      [{ levelTolerance: -1 }, /levelTolerance must be a finite number >= 0, got -1/],
      [{ minimumTouches: 0 }, /minimumTouches must be a whole number from 1 to 1000, got 0/],
      [{ lookback: -5 }, /lookback must be a whole number from 0/],
      [{ toleranceUnit: 'pips' as never }, /toleranceUnit must be one of 'relative', 'atr', got "pips"/],
      [{ asOf: 33 }, /asOf must be a whole number from 0 to 32, got 33/],
      [{ swingRight: 0 }, /swingRight must be a whole number from 1 to 1000/],
    ];
    for (const [options, message] of cases) {
      let thrown: unknown;
      try {
        supportResistanceLevels(rangeBars, options);
      } catch (error) {
        thrown = error;
      }
      expect(isTickforgeError(thrown) && thrown.code).toBe('TF_ERR_CORE_ARGUMENT_INVALID');
      expect((thrown as Error).message).toMatch(/^Support\/resistance option /);
      expect((thrown as Error).message).toMatch(message);
    }
    expect(() => new SupportResistanceTracker({ strengthHalfLife: Number.POSITIVE_INFINITY })).toThrow(/strengthHalfLife must be a finite number >= 0, got Infinity/);
  });

  it('gives no levels for no bars', () => {
    expect(supportResistanceLevels(randomWalkBars(0))).toMatchObject({ asOf: -1, levels: [], support: undefined, resistance: undefined });
  });
});

describe('support and resistance: properties', () => {
  const optionsArbitrary = fc.record({
    swingLeft: fc.integer({ min: 1, max: 4 }),
    swingRight: fc.integer({ min: 1, max: 4 }),
    levelTolerance: fc.constantFrom(0.002, 0.01, 0.03),
    minimumTouches: fc.integer({ min: 1, max: 3 }),
    lookback: fc.constantFrom(0, 50),
    toleranceUnit: fc.constantFrom('relative' as const, 'atr' as const),
    atrPeriod: fc.constantFrom(3, 14),
  });

  it('levels are disjoint clusters of confirmed swings, sorted, classified against the close', () => {
    fc.assert(
      fc.property(seriesArbitrary, optionsArbitrary, fc.double({ min: 0, max: 1, noNaN: true }), (bars, options, where) => {
        if (bars.length === 0) return;
        const asOf = Math.floor(where * (bars.length - 1));
        const result = supportResistanceLevels(bars, { ...options, asOf });
        const scale = options.toleranceUnit === 'atr' ? streamedAtr(bars.high, bars.low, bars.close, options.atrPeriod)[asOf] : NaN;
        const taken = swings(bars, options).points.filter((point) => point.confirmedIndex <= asOf && (options.lookback === 0 || point.index >= asOf - options.lookback));
        expect(result.levels.reduce((sum, level) => sum + level.touches, 0)).toBeLessThanOrEqual(taken.length);
        result.levels.forEach((level, k) => {
          expect(level.touches).toBeGreaterThanOrEqual(options.minimumTouches);
          expect(level.lowest).toBeLessThanOrEqual(level.price + 1e-9);
          expect(level.highest).toBeGreaterThanOrEqual(level.price - 1e-9);
          // However dense the swings, a level spans at most twice the tolerance.
          expect(level.highest - level.lowest).toBeLessThanOrEqual(2 * options.levelTolerance * (options.toleranceUnit === 'atr' ? scale : level.lowest) + 1e-9);
          expect(level.firstTouchIndex).toBeLessThanOrEqual(level.lastTouchIndex);
          expect(level.lastTouchIndex).toBeLessThanOrEqual(asOf);
          expect(level.kind).toBe(level.price > bars.close[asOf] ? 'resistance' : 'support');
          expect(level.strength).toBeGreaterThan(0);
          expect(level.strength).toBeLessThanOrEqual(level.touches);
          // The touches are the swings in the level's price range.
          expect(taken.filter((point) => point.price >= level.lowest && point.price <= level.highest)).toHaveLength(level.touches);
          if (k > 0) expect(level.lowest).toBeGreaterThan(result.levels[k - 1].highest);
        });
        const supports = result.levels.filter((level) => level.kind === 'support');
        expect(result.support).toBe(supports[supports.length - 1]);
        expect(result.resistance).toBe(result.levels.find((level) => level.kind === 'resistance'));
      }),
      { numRuns: 300 },
    );
  });

  it('use no bar after `asOf` (look-ahead), and equal the tracker fed up to it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 0, max: 298 }), fc.boolean(), (seed, otherSeed, cut, grid) => {
        const bars = grid ? gridBars(seed, 300) : randomWalkBars(300, seed);
        const spliced = spliceAfter(bars, cut, otherSeed === seed ? seed + 1 : otherSeed);
        for (const options of [{ swingLeft: 2, swingRight: 2 }, { swingLeft: 2, swingRight: 1, toleranceUnit: 'atr' as const, atrPeriod: 5 }]) {
          const original = supportResistanceLevels(bars, { ...options, asOf: cut });
          expect(supportResistanceLevels(spliced, { ...options, asOf: cut })).toEqual(original);
          expect(supportResistanceLevels(bars.slice(0, cut + 1), options)).toEqual(original);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('the tracker fed bar by bar gives on every bar what the batch gives at that bar', () => {
    for (const [bars, options] of [
      [gridBars(31, 600), { swingLeft: 2, swingRight: 2, levelTolerance: 0.005 }],
      [randomWalkBars(600, 32), { swingLeft: 3, swingRight: 2, toleranceUnit: 'atr', lookback: 100 }],
      [withHoles(randomWalkBars(600, 33), [3, 250, 251, 599]), { swingLeft: 2, swingRight: 2 }],
    ] as const) {
      const tracker = new SupportResistanceTracker(options);
      let levels = 0;
      for (let i = 0; i < bars.length; i++) {
        tracker.update(bars.open[i], bars.high[i], bars.low[i], bars.close[i], bars.volume[i], bars.time[i]);
        if (Number.isNaN(bars.close[i])) continue;
        const batch = supportResistanceLevels(bars, { ...options, asOf: i });
        expect(tracker.levels(), `bar ${i}`).toEqual(batch);
        levels += batch.levels.length;
      }
      expect(levels).toBeGreaterThan(100);
    }
  });
});

describe('support and resistance: real data', () => {
  const available = requireSharedData('support/resistance on the S&P 500 file');

  it.runIf(available)('finds levels on both sides of the price for most symbols', async () => {
    const series = await loadSharedBars('sp500_5yr_daily_2013-2018.csv.gz', ['AAPL', 'GE', 'XOM', 'NVDA', 'JPM']);
    expect(series).toHaveLength(5);
    for (const bars of series) {
      const result = supportResistanceLevels(bars, { lookback: 250 });
      expect(result.levels.length, bars.symbol).toBeGreaterThan(1);
      expect(result.levels.every((level) => level.lastTouchIndex >= bars.length - 1 - 250)).toBe(true);
      const tracker = new SupportResistanceTracker({ lookback: 250 });
      for (let i = 0; i < bars.length; i++) tracker.update(bars.open[i], bars.high[i], bars.low[i], bars.close[i], bars.volume[i], bars.time[i]);
      expect(tracker.levels()).toEqual(result);
    }
  });
});
