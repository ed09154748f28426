import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Bars } from '../../core/Bars.js';
import { isTickforgeError } from '../../core/errors.js';
import { atr } from '../../indicators/volatility/atr.js';
import { randomWalkBars } from '../../../test/randomWalk.js';
import { loadSharedBars, requireSharedData } from '../../../test/sharedData.js';
import { expectNoLookAhead, gridBars, seriesArbitrary, withHoles, withoutRows } from '../../../test/smc/structureFixtures.js';
import { dealingRange } from './dealingRange.js';
import { equalLevels } from './equalLevels.js';
import { fairValueGaps } from './fairValueGaps.js';
import { orderBlocks } from './orderBlocks.js';
import { previousPeriodLevels } from './previousPeriodLevels.js';
import { analyzeStructure, StructureArena, StructureEngine, type StructureAnalysis } from './StructureEngine.js';
import { breakCode, structureBreaks, type StructureBreak } from './structureBreaks.js';
import type { StructureOptions } from './structureOptions.js';
import { swings, type SwingPoint } from './swings.js';

const options: StructureOptions = { swingLeft: 3, swingRight: 3, gapMinimumSize: 0.2, atrPeriod: 10, equalTolerance: 0.2 };

const codeOf = (event: StructureBreak | undefined) => (event === undefined ? 0 : event.kind === 'bos' ? breakCode.bos : breakCode.choch);
const outermost = (levels: number[], side: 'high' | 'low') => (levels.length === 0 ? NaN : side === 'high' ? Math.max(...levels) : Math.min(...levels));

/** Every column of an analysis by name, flattened once (reading them per row would dominate the test). */
function columnsByName(analysis: StructureAnalysis): [string, Float64Array | Int32Array | Int8Array][] {
  const groups = [analysis.swings, analysis.breaks, analysis.fairValueGaps, analysis.orderBlocks, analysis.equalLevels, analysis.previousLevels, analysis.dealingRange] as unknown as Record<string, unknown>[];
  const named: [string, Float64Array | Int32Array | Int8Array][] = [['atr', analysis.atr]];
  for (const group of groups) for (const [name, column] of Object.entries(group)) if (ArrayBuffer.isView(column)) named.push([name, column as Float64Array]);
  return named;
}

/** Row i of every batch column, read back from the engine's public per-bar fields after update i. */
function expectEngineRow(engine: StructureEngine, columns: [string, Float64Array | Int32Array | Int8Array][], i: number): void {
  const { swings: s, breaks: b, fairValueGaps: g, orderBlocks: o, equalLevels: e, previousLevels: p, dealingRange: d } = engine;
  const ended = (side: 'high' | 'low', outcome: 'swept' | 'broken') =>
    e.ended.length === 0 ? NaN : outermost(e.ended.filter((pool) => pool.side === side && pool.outcome === outcome).map((pool) => pool.level), side);
  const count = (blocks: readonly { direction: number }[], direction: number) => (blocks.length === 0 ? 0 : blocks.filter((block) => block.direction === direction).length);
  const fromEngine: Record<string, number> = {
    swingHigh: s.newHigh?.price ?? NaN, swingHighIndex: s.newHigh?.index ?? -1, swingLow: s.newLow?.price ?? NaN, swingLowIndex: s.newLow?.index ?? -1,
    bullishBreak: codeOf(b.newBullish), bullishLevel: b.newBullish?.level ?? NaN, bearishBreak: codeOf(b.newBearish), bearishLevel: b.newBearish?.level ?? NaN, trend: b.trend,
    gap: g.newGap?.direction ?? 0, gapTop: g.newGap?.top ?? NaN, gapBottom: g.newGap?.bottom ?? NaN, gapsEntered: g.entered.length, gapsFilled: g.filled.length,
    bullishBlockTop: o.newBullish?.top ?? NaN, bullishBlockBottom: o.newBullish?.bottom ?? NaN, bullishBlockCandle: o.newBullish?.candleIndex ?? -1,
    bearishBlockTop: o.newBearish?.top ?? NaN, bearishBlockBottom: o.newBearish?.bottom ?? NaN, bearishBlockCandle: o.newBearish?.candleIndex ?? -1,
    bullishBlocksMitigated: count(o.mitigated, 1), bearishBlocksMitigated: count(o.mitigated, -1), bullishBlocksInvalidated: count(o.invalidated, 1), bearishBlocksInvalidated: count(o.invalidated, -1),
    equalHighs: e.newHighPool?.level ?? NaN, equalLows: e.newLowPool?.level ?? NaN,
    equalHighsSwept: ended('high', 'swept'), equalLowsSwept: ended('low', 'swept'), equalHighsBroken: ended('high', 'broken'), equalLowsBroken: ended('low', 'broken'),
    previousDayHigh: p.previousDayHigh, previousDayLow: p.previousDayLow, previousWeekHigh: p.previousWeekHigh, previousWeekLow: p.previousWeekLow,
    rangeHigh: d.rangeHigh, rangeLow: d.rangeLow, equilibrium: d.equilibrium, rangePosition: d.rangePosition, zone: d.zone,
    atr: engine.atr,
  };
  // expect() only on a difference: thousands of bars x 40 columns stay fast.
  let same = columns.length === Object.keys(fromEngine).length;
  for (const [name, column] of columns) if (!Object.is(fromEngine[name], column[i])) same = false;
  if (!same) {
    const fromBatch = Object.fromEntries(columns.map(([name, column]) => [name, column[i]]));
    expect(Object.keys(fromEngine).sort(), 'every column is checked').toEqual(Object.keys(fromBatch).sort());
    expect(fromEngine, `bar ${i}`).toEqual(fromBatch);
  }
  checkedRows++;
}

let checkedRows = 0;

/** Feeds `bars` one at a time and checks every column on every bar and every event list at the end. */
function expectIncrementalEqualsBatch(bars: Bars, structureOptions: StructureOptions): StructureAnalysis {
  const analysis = analyzeStructure(bars, structureOptions);
  const engine = new StructureEngine(structureOptions);
  const columns = columnsByName(analysis);
  const points: SwingPoint[] = [];
  const breaks: StructureBreak[] = [];
  for (let i = 0; i < bars.length; i++) {
    engine.update(bars.open[i], bars.high[i], bars.low[i], bars.close[i], bars.volume[i], bars.time[i]);
    expectEngineRow(engine, columns, i);
    if (engine.swings.newHigh) points.push(engine.swings.newHigh);
    if (engine.swings.newLow) points.push(engine.swings.newLow);
    const bullish = engine.breaks.newBullish;
    const bearish = engine.breaks.newBearish;
    const both = [bullish, bearish].filter((event) => event !== undefined);
    breaks.push(...both.sort((x, y) => engine.breaks.breaks.indexOf(x) - engine.breaks.breaks.indexOf(y)));
  }
  expectSameEvents(points, analysis.swings.points, 'swings');
  expectSameEvents(breaks, analysis.breaks.breaks, 'breaks');
  expectSameEvents(engine.fairValueGaps.gaps, analysis.fairValueGaps.gaps, 'gaps');
  expectSameEvents(engine.orderBlocks.blocks, analysis.orderBlocks.blocks, 'order blocks');
  expectSameEvents(engine.equalLevels.pools, analysis.equalLevels.pools, 'pools');
  return analysis;
}

/**
 * Event lists equal field by field (NaN equal to NaN), compared through their JSON so that
 * thousands of records stay fast; on a difference, the first differing record is shown.
 */
function expectSameEvents(actual: readonly object[], expected: readonly object[], what: string): void {
  const encode = (event: object) => JSON.stringify(event, (_key, value: unknown) => (typeof value === 'number' && !Number.isFinite(value) ? String(value) : value));
  expect(actual.length, `${what}: count`).toBe(expected.length);
  const first = actual.findIndex((event, k) => encode(event) !== encode(expected[k]));
  if (first >= 0) expect(actual[first], `${what} #${first}`).toEqual(expected[first]);
}

describe('analyzeStructure and StructureEngine', () => {
  it('the engine fed bar by bar equals the batch on every column and event, on a long random walk', () => {
    checkedRows = 0;
    const analysis = expectIncrementalEqualsBatch(randomWalkBars(10_000, 31), options);
    expect(checkedRows).toBe(10_000);
    // Enough of everything to mean something.
    expect(analysis.breaks.breaks.length).toBeGreaterThan(300);
    expect(analysis.orderBlocks.blocks.length).toBeGreaterThan(300);
    expect(analysis.fairValueGaps.gaps.length).toBeGreaterThan(300);
    expect(analysis.equalLevels.pools.length).toBeGreaterThan(10);
  });

  it('and on an integer grid walk full of ties, with wick breaks and close fills', () => {
    expectIncrementalEqualsBatch(gridBars(8, 3_000), { swingLeft: 2, swingRight: 1, breakBy: 'wick', gapFillBy: 'close', equalTolerance: 0.005, equalToleranceUnit: 'relative' });
  });

  it('the batch kernels equal the engine on random series, for any options (property)', () => {
    const optionsArbitrary = fc.record({
      swingLeft: fc.integer({ min: 1, max: 6 }),
      swingRight: fc.integer({ min: 1, max: 6 }),
      breakBy: fc.constantFrom('close' as const, 'wick' as const),
      atrPeriod: fc.integer({ min: 1, max: 20 }),
      gapMinimumSize: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1, noNaN: true })),
      gapFillBy: fc.constantFrom('wick' as const, 'close' as const),
      equalTolerance: fc.double({ min: 0, max: 0.6, noNaN: true }),
      equalToleranceUnit: fc.constantFrom('atr' as const, 'relative' as const),
    });
    fc.assert(fc.property(seriesArbitrary, optionsArbitrary, (bars, structureOptions) => {
      const tolerance = structureOptions.equalToleranceUnit === 'relative' ? structureOptions.equalTolerance / 20 : structureOptions.equalTolerance;
      expectIncrementalEqualsBatch(bars, { ...structureOptions, equalTolerance: tolerance });
    }), { numRuns: 60 });
  });

  it('sharing swings and ATR changes nothing: each group equals its detector run alone', () => {
    const bars = randomWalkBars(2_000, 32);
    const all = analyzeStructure(bars, options);
    expect(all.swings).toEqual(swings(bars, options));
    expect(all.breaks).toEqual(structureBreaks(bars, options));
    expect(all.orderBlocks).toEqual(orderBlocks(bars, options));
    expect(all.fairValueGaps).toEqual(fairValueGaps(bars, options));
    expect(all.equalLevels).toEqual(equalLevels(bars, options));
    expect(all.previousLevels).toEqual(previousPeriodLevels(bars));
    expect(all.dealingRange).toEqual(dealingRange(bars, options));
  });

  it('its ATR is TA-Lib\'s ATR from the indicators', () => {
    const bars = randomWalkBars(2_000, 33);
    const reference = atr(bars.high, bars.low, bars.close, 10);
    const shared = analyzeStructure(bars, options).atr;
    for (let i = 0; i < bars.length; i++) {
      if (Number.isNaN(reference[i])) expect(shared[i]).toBeNaN();
      else expect(Math.abs(shared[i] - reference[i])).toBeLessThanOrEqual(1e-12 * reference[i]);
    }
    // Not computed when no option needs it.
    expect(analyzeStructure(bars, { equalToleranceUnit: 'relative' }).atr.every(Number.isNaN)).toBe(true);
  });

  it('skips non-finite bars in every detector alike: columns empty there, events as if the bars were absent', () => {
    const bars = randomWalkBars(3_000, 34);
    const holes = [0, 1, 500, 1_000, 1_001, 1_002, 2_999];
    const damaged = analyzeStructure(withHoles(bars, holes), options);
    const { bars: compact, kept } = withoutRows(bars, holes);
    const clean = analyzeStructure(compact, options);
    const map = (index: number) => (index < 0 ? -1 : kept[index]);
    expect(damaged.orderBlocks.blocks.map((block) => [block.candleIndex, block.index, block.mitigatedIndex, block.invalidatedIndex])).toEqual(
      clean.orderBlocks.blocks.map((block) => [block.candleIndex, block.index, block.mitigatedIndex, block.invalidatedIndex].map(map)),
    );
    expect(damaged.fairValueGaps.gaps.map((gap) => gap.filledIndex)).toEqual(clean.fairValueGaps.gaps.map((gap) => map(gap.filledIndex)));
    expect(damaged.equalLevels.pools.map((pool) => pool.endIndex)).toEqual(clean.equalLevels.pools.map((pool) => map(pool.endIndex)));
    for (const hole of holes) {
      expect([damaged.breaks.trend[hole], damaged.dealingRange.zone[hole], damaged.fairValueGaps.gapsEntered[hole]]).toEqual([0, 0, 0]);
      expect([damaged.atr[hole], damaged.dealingRange.rangeHigh[hole], damaged.previousLevels.previousDayHigh[hole], damaged.swings.swingHigh[hole]].every(Number.isNaN)).toBe(true);
    }
    const engine = new StructureEngine(options);
    expect(engine.update(1, 2, 0.5, Number.NaN, 1, 0)).toBe(false);
    expect(engine.update(1, 2, 0.5, 1.5, 1, Number.POSITIVE_INFINITY)).toBe(false);
    expect(engine.window.index).toBe(1);
    expect(engine.window.count).toBe(0);
  });

  it('a reused StructureArena gives what fresh columns give, whatever the lengths in turn, holes and options', () => {
    const arena = new StructureArena();
    const runs: [Bars, StructureOptions][] = [
      [randomWalkBars(1_500, 36), options], [randomWalkBars(1_500, 37), options], [randomWalkBars(700, 38), {}],
      [withHoles(randomWalkBars(1_200, 39), [0, 300, 301, 1_199]), options], [randomWalkBars(10, 40), options],
      [randomWalkBars(2_000, 41), { swingLeft: 2, swingRight: 4, breakBy: 'wick', gapFillBy: 'close', equalToleranceUnit: 'relative', equalTolerance: 0.004 }],
      [randomWalkBars(1_999, 42), {}],
    ];
    let kept: { gaps: unknown[]; copy: unknown } | undefined;
    for (const [bars, runOptions] of runs) {
      const reused = analyzeStructure(bars, runOptions, arena);
      expect(reused).toEqual(analyzeStructure(bars, runOptions));
      expect(reused.atr.length).toBe(bars.length);
      // The event lists are new each time: one kept from the analysis before is intact.
      if (kept !== undefined) expect(kept.gaps).toEqual(kept.copy);
      kept = { gaps: reused.fairValueGaps.gaps, copy: structuredClone(reused.fairValueGaps.gaps) };
    }
  });

  it('reset() starts over as if new', () => {
    const bars = randomWalkBars(1_500, 35);
    const engine = new StructureEngine(options);
    for (let i = 0; i < 700; i++) engine.update(bars.open[i], bars.high[i], bars.low[i], bars.close[i], bars.volume[i], bars.time[i]);
    engine.reset();
    for (let i = 0; i < bars.length; i++) engine.update(bars.open[i], bars.high[i], bars.low[i], bars.close[i], bars.volume[i], bars.time[i]);
    const batch = analyzeStructure(bars, options);
    expect(engine.orderBlocks.blocks).toEqual(batch.orderBlocks.blocks);
    expect(engine.equalLevels.pools).toEqual(batch.equalLevels.pools);
    expect(engine.breaks.trend).toBe(batch.breaks.trend[bars.length - 1]);
  });

  it('uses no bar after the one each output is reported at, in any detector (look-ahead)', () => {
    expectNoLookAhead((bars) => analyzeStructure(bars, options), 30);
    expectNoLookAhead((bars) => analyzeStructure(bars, { swingLeft: 1, swingRight: 2, breakBy: 'wick', gapFillBy: 'close', equalToleranceUnit: 'relative', equalTolerance: 0.01 }), 30);
  });

  it('rejects bad options naming the option and what is allowed', () => {
    const cases: [StructureOptions, RegExp][] = [
      [{ breakBy: 'body' as 'close' }, /breakBy must be one of 'close', 'wick', got "body"/],
      [{ gapMinimumSize: -1 }, /gapMinimumSize must be a finite number >= 0, got -1/],
      [{ equalTolerance: Number.POSITIVE_INFINITY }, /equalTolerance must be a finite number >= 0/],
      [{ atrPeriod: 0 }, /atrPeriod must be a whole number from 1 to 100000, got 0/],
      [{ equalToleranceUnit: 'pips' as 'atr' }, /equalToleranceUnit must be one of 'atr', 'relative'/],
    ];
    for (const [bad, message] of cases) {
      let thrown: unknown;
      try {
        analyzeStructure(randomWalkBars(10), bad);
      } catch (error) {
        thrown = error;
      }
      expect(isTickforgeError(thrown) && thrown.code, JSON.stringify(bad)).toBe('TF_ERR_CORE_ARGUMENT_INVALID');
      expect((thrown as Error).message).toMatch(message);
    }
  });
});

const haveData = requireSharedData('market-structure batch == incremental on real data');

describe.skipIf(!haveData)('analyzeStructure on real data', () => {
  it('batch equals incremental on daily stocks and hourly crypto (previous day and week included)', async () => {
    const daily = await loadSharedBars('us_daily_nvda_orcl_yhoo_1995-2015.csv.gz', ['NVDA']);
    const hourly = await loadSharedBars('binance_spot_1h_cdd_2017-2021.csv.gz', ['ETHUSDT']);
    const msft = await loadSharedBars('msft_2000_2001_ohlcv.csv.gz');
    for (const bars of [...daily, hourly[0].slice(0, 6_000), ...msft]) {
      const analysis = expectIncrementalEqualsBatch(bars, {});
      expect(analysis.breaks.breaks.length, bars.symbol).toBeGreaterThan(5);
      if (bars.timeframe.code === '1h') expect(analysis.previousLevels.previousDayHigh.filter(Number.isFinite).length).toBeGreaterThan(5_900);
    }
  });
});
