import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Bars } from '../../core/Bars.js';
import { analyzeStructure, StructureEngine } from '../../analysis/smc/StructureEngine.js';
import { PlanStream } from '../../indicators/PlanStream.js';
import { gridBars, withHoles } from '../../../test/smc/structureFixtures.js';
import { randomWalkBars } from '../../../test/randomWalk.js';
import type { StrategyBar } from '../Strategy.js';
import { AnalysisMarket, EngineMarket, type SmcMarket, type ZoneFilter } from './smcMarket.js';
import { smcParameters, smcSettings } from './smcSettings.js';

const defaults = Object.fromEntries(smcParameters.map((parameter) => [parameter.name, parameter.default]));

/** Everything the pipeline reads from a market at one bar, in a comparable form. */
function snapshot(market: SmcMarket): unknown {
  const { index, time, open, high, low, close, atr, rangeHigh, rangeLow, swingHigh, swingLow, previousDayHigh, previousDayLow, previousWeekHigh, previousWeekLow } = market;
  const touched = market.touched.map((zone) => JSON.stringify(zone)).sort();
  const pools = market.openPools().map((pool) => `${pool.side} ${pool.level} ${pool.index}`).sort();
  return { index, time, open, high, low, close, atr, rangeHigh, rangeLow, swingHigh, swingLow, previousDayHigh, previousDayLow, previousWeekHigh, previousWeekLow, touched, pools };
}

/** The snapshots of both sources at every bar (null for a missing bar). */
function bothSources(bars: Bars, parameters: Record<string, number | string>, filter?: ZoneFilter) {
  const settings = smcSettings({ ...defaults, ...parameters });
  const zones = filter ?? settings;
  const analysis = new AnalysisMarket(bars, analyzeStructure(bars, settings.structure), zones);
  const engine = new EngineMarket(new StructureEngine(settings.structure), zones);
  const bar: StrategyBar = { index: -1, time: NaN, open: NaN, high: NaN, low: NaN, close: NaN, volume: NaN, indicators: new PlanStream([]) };
  const fromAnalysis: unknown[] = [];
  const fromEngine: unknown[] = [];
  let touches = 0;
  for (let i = 0; i < bars.length; i++) {
    Object.assign(bar, { index: i, time: bars.time[i], open: bars.open[i], high: bars.high[i], low: bars.low[i], close: bars.close[i], volume: bars.volume[i] });
    fromAnalysis.push(analysis.load(i) ? snapshot(analysis) : null);
    fromEngine.push(engine.load(bar) ? snapshot(engine) : null);
    touches += analysis.touched.length;
  }
  return { fromAnalysis, fromEngine, touches };
}

describe('the market each form of the strategy reads', () => {
  it('is the same from the whole-series analysis and from the engine at every bar of random walks and grids', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), fc.boolean(), fc.integer({ min: 1, max: 4 }), fc.constantFrom(0, 0.2), (seed, grid, swing, gapMinimumSize) => {
        const bars = grid ? gridBars(seed, 300) : randomWalkBars(300, seed);
        const { fromAnalysis, fromEngine, touches } = bothSources(bars, { swingLength: swing, gapMinimumSize });
        expect(fromEngine).toEqual(fromAnalysis);
        expect(touches).toBeGreaterThan(0);
      }),
      { numRuns: 30 },
    );
  });

  it('is the same with missing bars, which both skip, the latest swings carried across them', () => {
    const bars = withHoles(randomWalkBars(400, 5), [3, 50, 51, 52, 200, 399]);
    const { fromAnalysis, fromEngine } = bothSources(bars, {});
    expect(fromAnalysis[50]).toBeNull();
    expect(fromEngine).toEqual(fromAnalysis);
  });

  it('lists only the zones the filter admits', () => {
    const bars = randomWalkBars(600, 9);
    const all = bothSources(bars, {}).touches;
    const blocks = bothSources(bars, {}, { zones: 'order-blocks', allowLong: true, allowShort: true }).touches;
    const gaps = bothSources(bars, {}, { zones: 'fair-value-gaps', allowLong: true, allowShort: true }).touches;
    const longGaps = bothSources(bars, {}, { zones: 'fair-value-gaps', allowLong: true, allowShort: false });
    expect(blocks + gaps).toBe(all);
    expect(blocks).toBeGreaterThan(0);
    expect(longGaps.touches).toBeLessThan(gaps);
    for (const row of longGaps.fromAnalysis as { touched: string[] }[]) for (const zone of row.touched) expect(zone).toMatch(/"direction":1/);
  });
});
