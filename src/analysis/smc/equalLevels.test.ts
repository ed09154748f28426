import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Bars } from '../../core/Bars.js';
import { atr } from '../../indicators/volatility/atr.js';
import { randomWalkBars } from '../../../test/randomWalk.js';
import { barsFromRows, expectNoLookAhead, gridBars, seriesArbitrary, withHoles, withoutRows, type Row } from '../../../test/smc/structureFixtures.js';
import { EqualLevelDetector, equalLevels, type LiquidityPool } from './equalLevels.js';
import { swings } from './swings.js';

const relative = { swingLeft: 1, swingRight: 1, equalTolerance: 0.01, equalToleranceUnit: 'relative' } as const;

// Swing highs 100 @1 (known @2) and 100.5 @4 (known @5), within 1% of each other; bar 7 wicks to 101.
const equalHighRows: Row[] = [
  [95, 96, 94, 95.5], // 0
  [95.5, 100, 95, 99], // 1  swing high 100
  [99, 99.5, 97, 97.5], // 2
  [97.5, 98, 96, 96.5], // 3  swing low 96
  [96.5, 100.5, 96.2, 99.5], // 4  swing high 100.5: equal to 100 within 1.005
  [99.5, 99.8, 98, 98.5], // 5  the pool of equal highs forms here, level 100.5
  [98.5, 99, 97, 97.5], // 6  swing low 97: 1 away from 96, beyond its 0.97 tolerance
  [97.5, 101, 97.2, 100.2], // 7  wick above 100.5, close back below: swept
  [100.2, 100.4, 99, 99.5], // 8  swing high 101 @7: nothing left to pair with
];

const brief = (pool: LiquidityPool) => [pool.side, pool.level, pool.swings.map((swing) => swing.index), pool.index, pool.updatedIndex, pool.endIndex, pool.outcome];

describe('equal highs and lows: hand-labelled', () => {
  it('two swing highs within the tolerance form a pool at the second one\'s confirmation; a wick beyond that closes back sweeps it', () => {
    const bars = barsFromRows(equalHighRows);
    const result = equalLevels(bars, relative);
    expect(result.pools.map(brief)).toEqual([['high', 100.5, [1, 4], 5, 5, 7, 'swept']]);
    expect(result.pools[0]).toMatchObject({ time: bars.time[5], endTime: bars.time[7] });
    expect(Array.from(result.equalHighs)).toEqual([NaN, NaN, NaN, NaN, NaN, 100.5, NaN, NaN, NaN]);
    expect(Array.from(result.equalHighsSwept)).toEqual([NaN, NaN, NaN, NaN, NaN, NaN, NaN, 100.5, NaN]);
    expect(result.equalHighsBroken.every(Number.isNaN)).toBe(true);
    expect(result.equalLows.every(Number.isNaN)).toBe(true);
  });

  it('a close beyond the level breaks the pool instead of sweeping it', () => {
    const rows = equalHighRows.map((row, i) => (i === 7 ? ([97.5, 101, 97.2, 100.8] as Row) : row));
    const result = equalLevels(barsFromRows(rows), relative);
    expect(result.pools.map(brief)).toEqual([['high', 100.5, [1, 4], 5, 5, 7, 'broken']]);
    expect(result.equalHighsBroken[7]).toBe(100.5);
    expect(result.equalHighsSwept[7]).toBeNaN();
  });

  it('a tighter tolerance finds no pool', () => {
    expect(equalLevels(barsFromRows(equalHighRows), { ...relative, equalTolerance: 0.004 }).pools).toEqual([]);
  });

  it('a third equal low joins the pool; the pool level is the lowest low', () => {
    const bars = barsFromRows([
      [105, 106, 104, 104.5], // 0
      [104.5, 105, 100, 101], // 1  swing low 100
      [101, 103, 101, 102.5], // 2
      [102.5, 103.5, 102, 103], // 3  swing high 103.5
      [103, 103.2, 100.3, 100.8], // 4  swing low 100.3: pool with 100 at bar 5
      [100.8, 102, 100.6, 101.8], // 5
      [101.8, 102.3, 101.5, 102], // 6  swing high 102.3: 1.2 from 103.5, beyond 1%
      [102, 102.2, 100.1, 100.5], // 7  swing low 100.1 (low above 100: the pool survives)
      [100.5, 101.5, 100.4, 101.2], // 8  100.1 joins the pool
      [101.2, 101.4, 99.5, 99.8], // 9  below 100 and closes below: broken
    ]);
    const detector = new EqualLevelDetector(relative);
    const log: string[] = [];
    for (let i = 0; i < bars.length; i++) {
      detector.update(bars.open[i], bars.high[i], bars.low[i], bars.close[i], bars.volume[i], bars.time[i]);
      if (detector.newLowPool) log.push(`${i}: pool ${detector.newLowPool.swings.length}`);
      for (const pool of detector.ended) log.push(`${i}: ${pool.outcome}`);
    }
    expect(log).toEqual(['5: pool 2', '8: pool 3', '9: broken']);
    expect(detector.pools.map(brief)).toEqual([['low', 100, [1, 4, 7], 5, 8, 9, 'broken']]);
    expect(detector.openPools()).toEqual([]);
    const columns = equalLevels(bars, relative);
    expect(columns.equalLows[5]).toBe(100);
    expect(columns.equalLows[8]).toBe(100);
    expect(columns.equalLowsBroken[9]).toBe(100);
  });
});

function checkPools(bars: Bars, byAtr: boolean): void {
  const options = byAtr
    ? ({ swingLeft: 2, swingRight: 2, equalTolerance: 0.3, equalToleranceUnit: 'atr', atrPeriod: 5 } as const)
    : ({ swingLeft: 2, swingRight: 2, equalTolerance: 0.01, equalToleranceUnit: 'relative' } as const);
  const result = equalLevels(bars, options);
  const average = atr(bars.high, bars.low, bars.close, 5);
  const points = swings(bars, options).points;
  const { high, low, close } = bars;
  for (const pool of result.pools) {
    const isHigh = pool.side === 'high';
    expect(pool.swings.length).toBeGreaterThanOrEqual(2);
    expect(pool.swings.every((swing) => swing.kind === pool.side && points.some((point) => point.index === swing.index && point.kind === swing.kind))).toBe(true);
    const prices = pool.swings.map((swing) => swing.price);
    expect(pool.level).toBe(isHigh ? Math.max(...prices) : Math.min(...prices));
    expect(pool.index).toBe(pool.swings[1].confirmedIndex);
    expect(pool.updatedIndex).toBe(pool.swings.at(-1)!.confirmedIndex);
    pool.swings.slice(1).forEach((swing, k) => {
      const tolerance = options.equalTolerance * (byAtr ? average[swing.confirmedIndex] : swing.price);
      expect(pool.swings.slice(0, k + 1).some((earlier) => Math.abs(earlier.price - swing.price) <= tolerance), `swing ${k + 1} is equal to an earlier one`).toBe(true);
    });
    // The pool ends at the first bar beyond its level after it formed, and nothing joins it after that.
    let end = -1;
    for (let j = pool.index + 1; j < bars.length && end < 0; j++) if (isHigh ? high[j] > pool.level : low[j] < pool.level) end = j;
    expect(pool.endIndex).toBe(end);
    if (end >= 0) {
      expect(pool.outcome).toBe((isHigh ? close[end] <= pool.level : close[end] >= pool.level) ? 'swept' : 'broken');
      expect(pool.updatedIndex).toBeLessThan(end);
    } else {
      expect(pool.outcome).toBe('open');
    }
  }
  // No swing sits in two pools.
  const members = result.pools.flatMap((pool) => pool.swings.map((swing) => `${swing.kind}${swing.index}`));
  expect(new Set(members).size).toBe(members.length);
  for (let i = 0; i < bars.length; i++) {
    const formed = result.pools.filter((pool) => pool.side === 'high' && pool.swings.slice(1).some((swing) => swing.confirmedIndex === i));
    expect(result.equalHighs[i]).toBe(formed.length > 0 ? formed[0].level : NaN);
  }
}

describe('equal highs and lows: properties', () => {
  it('every pool holds two or more confirmed swings, each equal to an earlier member; it ends at the first bar beyond its level', () => {
    fc.assert(fc.property(seriesArbitrary, fc.boolean(), (bars, byAtr) => checkPools(bars, byAtr)), { numRuns: 100 });
  });

  it('find pools on a long grid walk, sweeps and breaks alike', () => {
    const result = equalLevels(gridBars(3, 3_000), { ...relative, swingLeft: 2, swingRight: 2 });
    const outcomes = new Set(result.pools.map((pool) => pool.outcome));
    expect(result.pools.length).toBeGreaterThan(20);
    expect(outcomes).toEqual(new Set(['swept', 'broken', 'open']));
  });

  it('use no bar after the one they are reported at (look-ahead)', () => {
    expectNoLookAhead((bars) => equalLevels(bars, { swingLeft: 2, swingRight: 2, equalTolerance: 0.01, equalToleranceUnit: 'relative' }));
    expectNoLookAhead((bars) => equalLevels(bars, { swingLeft: 2, swingRight: 1, equalTolerance: 0.5, atrPeriod: 4 }));
  });
});

describe('equal highs and lows: incremental', () => {
  const bars = gridBars(17, 3_000);
  const options = { swingLeft: 2, swingRight: 2, equalTolerance: 0.25, atrPeriod: 10 };
  const batch = equalLevels(bars, options);

  it('the detector fed bar by bar holds on each bar what the batch columns hold, and the same pools', () => {
    const detector = new EqualLevelDetector(options);
    for (let i = 0; i < bars.length; i++) {
      detector.update(bars.open[i], bars.high[i], bars.low[i], bars.close[i], bars.volume[i], bars.time[i]);
      expect(detector.newHighPool?.level ?? NaN, `bar ${i}`).toBe(batch.equalHighs[i]);
      expect(detector.newLowPool?.level ?? NaN).toBe(batch.equalLows[i]);
      const swept = detector.ended.filter((pool) => pool.side === 'low' && pool.outcome === 'swept');
      expect(swept.length > 0 ? Math.min(...swept.map((pool) => pool.level)) : NaN).toBe(batch.equalLowsSwept[i]);
    }
    expect(detector.pools).toEqual(batch.pools);
    expect(batch.pools.length).toBeGreaterThan(10);
    detector.reset();
    for (let i = 0; i < bars.length; i++) detector.update(bars.open[i], bars.high[i], bars.low[i], bars.close[i], bars.volume[i], bars.time[i]);
    expect(detector.pools, 'after reset').toEqual(batch.pools);
  });

  it('skips a non-finite bar as if it were absent', () => {
    const walk = randomWalkBars(2_000, 4);
    const walkOptions = { swingLeft: 2, swingRight: 2, equalTolerance: 0.005, equalToleranceUnit: 'relative' } as const;
    const holes = [2, 700, 701, 1_999];
    const damaged = equalLevels(withHoles(walk, holes), walkOptions);
    const { bars: compact, kept } = withoutRows(walk, holes);
    const map = (index: number) => (index < 0 ? -1 : kept[index]);
    const expected = equalLevels(compact, walkOptions).pools.map((pool) => [pool.index, pool.endIndex, ...pool.swings.map((swing) => swing.index)].map(map));
    expect(damaged.pools.map((pool) => [pool.index, pool.endIndex, ...pool.swings.map((swing) => swing.index)])).toEqual(expected);
    expect(expected.length).toBeGreaterThan(5);
  });
});
