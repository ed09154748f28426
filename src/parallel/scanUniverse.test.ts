import { describe, expect, it } from 'vitest';
import { randomWalkBars } from '../../test/randomWalk.js';
import { chartPatterns } from '../analysis/patterns/chartPatterns.js';
import { analyzeStructure } from '../analysis/smc/StructureEngine.js';
import { runStrategy } from '../strategy/runStrategy.js';
import { builtInStrategies, findStrategy } from '../strategy/strategyRegistry.js';
import { scanSeries } from './scanSeries.js';
import { scanUniverse } from './scanUniverse.js';

const strategies = builtInStrategies.map((strategy) => ({ name: strategy.name }));

describe('scanSeries', () => {
  const bars = randomWalkBars(1_500, 31);

  it('gives the structure, patterns and signals that each part gives on its own', () => {
    const scan = scanSeries(bars, { strategies });
    const analysis = analyzeStructure(bars);
    expect(scan.structure!.breaks).toEqual(analysis.breaks.breaks);
    expect(scan.structure!.swings).toBe(analysis.swings.points.length);
    // The patterns reuse the analysis's swings and ATR: the same events as a scan of their own.
    expect(scan.patterns).toEqual(chartPatterns(bars).patterns);
    expect(scan.patterns!.length).toBeGreaterThan(0);
    const separately = strategies.flatMap(({ name }) => runStrategy(findStrategy(name), bars));
    expect(scan.signals).toEqual(separately);
    expect(new Set(scan.signals.map((s) => s.strategy)).size).toBeGreaterThan(5);
  });

  it('scans patterns on their own swings when the options differ from the structure', () => {
    const scan = scanSeries(bars, { strategies: [], structure: { swingLeft: 3, swingRight: 3 }, patterns: { swingLeft: 4, swingRight: 4 } });
    expect(scan.patterns).toEqual(chartPatterns(bars, { swingLeft: 4, swingRight: 4 }).patterns);
  });
});

describe('scanUniverse', () => {
  const universe = Array.from({ length: 12 }, (_, k) => randomWalkBars(400 + 37 * k, 100 + k, `S${k}`));

  it('on worker threads equals the run on this thread, in input order', async () => {
    const request = { strategies: [{ name: 'ma-cross', parameters: { fastPeriod: 5, slowPeriod: 20 } }, { name: 'smc' }, { name: 'rsi-reversion' }] };
    let progress = 0;
    const threaded = await scanUniverse(universe, { ...request, threads: 2, onProgress: (done) => (progress = done) });
    const here = await scanUniverse(universe, { ...request, threads: 0 });
    expect(threaded.map((scan) => scan.symbol)).toEqual(universe.map((bars) => bars.symbol));
    expect(threaded).toEqual(here);
    expect(progress).toBe(universe.length);
  }, 60_000);

  it('with auto on a large universe scans on this thread and workers alike, equal to this thread alone, in input order', async () => {
    // More than `autoParallelBars` bars, so auto goes parallel (this thread plus a worker per other core).
    const large = Array.from({ length: 28 }, (_, k) => randomWalkBars(7_500 + 11 * k, 300 + k, `L${k}`));
    const request = { strategies: [{ name: 'ma-cross' }, { name: 'smc' }] };
    let progress = 0;
    const auto = await scanUniverse(large, { ...request, threads: 'auto', onProgress: (done) => (progress = done) });
    const here = await scanUniverse(large, { ...request, threads: 0 });
    expect(auto.map((scan) => scan.symbol)).toEqual(large.map((bars) => bars.symbol));
    expect(auto).toEqual(here);
    expect(progress).toBe(large.length);
  }, 120_000);

  it('checks strategy names and parameters before any work', async () => {
    await expect(scanUniverse(universe, { strategies: [{ name: 'nope' }] })).rejects.toThrow(/No strategy named "nope"/);
    await expect(scanUniverse(universe, { strategies: [{ name: 'ma-cross', parameters: { fastPeriod: 0 } }] })).rejects.toThrow(/fastPeriod must be/);
  });
});
