import { join } from 'node:path';
import * as technicalindicators from 'technicalindicators';
import * as tradingSignals from 'trading-signals';
import { IndicatorsSync } from '@ixjb94/indicators';
import { analyzeStructure, StructureArena, StructureEngine } from '../../src/analysis/smc/StructureEngine.js';
import { Bars } from '../../src/core/Bars.js';
import { readCsvBars } from '../../src/data/csv/readCsvBars.js';
import { validateBars } from '../../src/data/validate/validateBars.js';
import { movingAverageCross } from '../../src/strategy/builtin/movingAverageCross.js';
import { runStrategy } from '../../src/strategy/runStrategy.js';
import { StrategyRunner } from '../../src/strategy/StrategyRunner.js';
import { builtInStrategies } from '../../src/strategy/strategyRegistry.js';
import { compiled } from '../compiled.js';
import { garbageCollector } from '../garbageCollector.js';
import type { BenchMeasurement, BenchTarget, Suite } from '../harness.js';
import { timeRounds } from '../timeRounds.js';
import { toObjects, type BarObject } from '../peers/objectBarsPeer.js';

/**
 * Structure, patterns and strategies on the S&P 500 file (505 symbols x up to 1,259 days):
 * - the full SMC analysis of 1,000 bars and the incremental engine per bar (issue targets
 *   100 µs and 5 µs); the analysis with fresh columns per call (the target's figure) and with
 *   one reused StructureArena, as the universe scan runs it;
 * - one strategy (SMA 10/30 crossover) over the universe, tickforge's vectorized run beside the
 *   way JavaScript users write it today with technicalindicators, trading-signals and
 *   @ixjb94/indicators: the averages from the library, then a loop over an array of bar
 *   objects finding the crosses;
 * - the whole universe through structure, chart patterns, support/resistance and every
 *   built-in strategy through the compiled package (target 2 s on two cores).
 */
const FILE = 'sp500_5yr_daily_2013-2018.csv.gz';
const RUNS = 5;

interface Cross {
  index: number;
  up: boolean;
}

/** The crossover rule the peers run, on two plain arrays aligned at the end. */
function crosses(fast: ArrayLike<number>, slow: ArrayLike<number>, bars: readonly BarObject[]): Cross[] {
  const found: Cross[] = [];
  const offsetFast = bars.length - fast.length;
  const offsetSlow = bars.length - slow.length;
  let previous = NaN;
  bars.forEach((_bar, index) => {
    const f = fast[index - offsetFast];
    const s = slow[index - offsetSlow];
    if (f === undefined || s === undefined || Number.isNaN(f) || Number.isNaN(s)) return;
    const now = Math.sign(f - s);
    if (previous <= 0 && now > 0) found.push({ index, up: true });
    else if (previous >= 0 && now < 0) found.push({ index, up: false });
    previous = now;
  });
  return found;
}

export const run: Suite = async (context) => {
  if (context.sharedDataDir === undefined) {
    return { suite: 'signals', measurements: [], targets: [], notes: [`../shared/data is absent: the signals suite needs ${FILE}; nothing was measured.`] };
  }
  const gc = garbageCollector();
  const { tables } = await readCsvBars(join(context.sharedDataDir, FILE));
  const universe = tables.map((table) => validateBars(table, { onInvalid: 'drop', onDuplicate: 'last', onUnsorted: 'sort' }).bars);
  const totalBars = universe.reduce((n, bars) => n + bars.length, 0);
  const measurements: BenchMeasurement[] = [];
  const targets: BenchTarget[] = [];
  const notes: string[] = [];
  const timed = (work: () => unknown, runs = RUNS): Promise<number> => timeRounds(work, runs, gc);

  // 1. The full SMC analysis of 1,000 bars, over every symbol with that many (a different series each call).
  const long = universe.filter((bars) => bars.length >= 1_000).map((bars) => sliceBars(bars, 1_000));
  context.log(`signals: SMC analysis of 1,000 bars, ${long.length} series`);
  const analysisMs = await timed(() => long.forEach((bars) => analyzeStructure(bars)));
  const perAnalysis = (analysisMs * 1_000) / long.length;
  measurements.push({ case: 'SMC full analysis, 1,000 bars', implementation: 'tickforge', metric: 'time per series', value: perAnalysis, unit: 'µs', better: 'lower' });
  targets.push({ description: 'full SMC analysis of 1,000 bars', measured: perAnalysis, unit: 'µs', target: 100, met: perAnalysis < 100 });
  // The same loop with one StructureArena for every call, as the universe scan (scanSeries) runs it: the columns are reused instead of allocated.
  const arena = new StructureArena();
  const reusedMs = await timed(() => long.forEach((bars) => analyzeStructure(bars, {}, arena)));
  const perReused = (reusedMs * 1_000) / long.length;
  measurements.push({ case: 'SMC full analysis, 1,000 bars', implementation: 'tickforge (reused StructureArena)', metric: 'time per series', value: perReused, unit: 'µs', better: 'lower' });
  notes.push(
    `SMC full analysis of 1,000 bars: ${perAnalysis.toFixed(0)} µs per series with fresh columns for every call (the target's figure), ${perReused.toFixed(0)} µs with one StructureArena reused across the ${long.length} calls, as the universe scan runs it (analyzeStructure's third argument).`,
  );

  // 2. Incremental: the structure engine, and the SMC strategy through the StrategyRunner (indicators, higher timeframe, pipeline).
  const sample = universe.slice(0, 100);
  const sampleBars = sample.reduce((n, bars) => n + bars.length, 0);
  context.log(`signals: incremental updates over ${sample.length} series (${sampleBars} bars)`);
  const engineMs = await timed(() => sample.forEach((bars) => {
    const engine = new StructureEngine();
    for (let i = 0; i < bars.length; i++) engine.update(bars.open[i], bars.high[i], bars.low[i], bars.close[i], bars.volume[i], bars.time[i]);
  }), 3);
  const perEngineBar = (engineMs * 1_000) / sampleBars;
  measurements.push({ case: 'SMC structure engine, one update', implementation: 'tickforge', metric: 'time per bar', value: perEngineBar, unit: 'µs', better: 'lower' });
  const smc = builtInStrategies.find((strategy) => strategy.name === 'smc');
  if (smc === undefined) notes.push('the smc strategy is not registered: its incremental update was not measured');
  else {
    const runnerMs = await timed(() => sample.forEach((bars) => {
      const runner = new StrategyRunner(smc, bars.symbol, bars.timeframe);
      for (let i = 0; i < bars.length; i++) runner.update(bars.time[i], bars.open[i], bars.high[i], bars.low[i], bars.close[i], bars.volume[i]);
    }), 3);
    const perRunnerBar = (runnerMs * 1_000) / sampleBars;
    measurements.push({ case: 'SMC signal engine (strategy), one update', implementation: 'tickforge', metric: 'time per bar', value: perRunnerBar, unit: 'µs', better: 'lower' });
    targets.push({ description: 'incremental update of the SMC engine per bar', measured: perRunnerBar, unit: 'µs', target: 5, met: perRunnerBar < 5 });
  }

  // 3. One strategy over the universe beside the JavaScript way.
  const crossCase = `SMA 10/30 crossover signals, S&P 500 (${universe.length} symbols, ${totalBars.toLocaleString('en-US')} bars), one thread`;
  context.log(`signals: ${crossCase}`);
  const objects = universe.map(toObjects);
  const closes = objects.map((bars) => bars.map((bar) => bar.close));
  const ours = await timed(() => universe.forEach((bars) => runStrategy(movingAverageCross, bars)));
  measurements.push({ case: crossCase, implementation: 'tickforge', metric: 'time', value: ours, unit: 'ms', better: 'lower' });
  const ixjb = new IndicatorsSync();
  const peers: Array<[string, (k: number) => Cross[]]> = [
    ['technicalindicators', (k) => crosses(technicalindicators.SMA.calculate({ period: 10, values: closes[k] }), technicalindicators.SMA.calculate({ period: 30, values: closes[k] }), objects[k])],
    ['trading-signals', (k) => {
      const fast = new tradingSignals.SMA(10);
      const slow = new tradingSignals.SMA(30);
      const fastValues: number[] = [];
      const slowValues: number[] = [];
      for (const bar of objects[k]) {
        fastValues.push(fast.update(bar.close, false) ?? NaN);
        slowValues.push(slow.update(bar.close, false) ?? NaN);
      }
      return crosses(fastValues, slowValues, objects[k]);
    }],
    ['@ixjb94/indicators', (k) => crosses(ixjb.sma(closes[k], 10), ixjb.sma(closes[k], 30), objects[k])],
  ];
  const expected = universe.map((bars) => runStrategy(movingAverageCross, bars, { direction: 'both' }).filter((s) => s.kind === 'entry').length);
  for (const [name, peer] of peers) {
    const agreeing = universe.filter((_bars, k) => peer(k).length === expected[k]).length;
    notes.push(`${name}: the same number of crosses as tickforge on ${agreeing} of ${universe.length} series`);
    const value = await timed(() => universe.forEach((_bars, k) => peer(k)));
    measurements.push({ case: crossCase, implementation: name, metric: 'time', value, unit: 'ms', better: 'lower' });
  }

  // 4. The whole universe through structure, patterns, levels and every built-in strategy.
  // The compiled package, as users run it: its worker threads start without compiling TypeScript.
  const { scanUniverse } = await compiled<typeof import('../../src/parallel/scanUniverse.js')>('parallel/scanUniverse.js');
  const strategies = builtInStrategies.map((strategy) => ({ name: strategy.name }));
  const scanCase = `structure + chart patterns + S/R + ${strategies.length} strategies, S&P 500 (${universe.length} symbols, ${totalBars.toLocaleString('en-US')} bars)`;
  for (const [implementation, threads] of [['tickforge', 'auto'], ['tickforge (1 thread)', 0]] as const) {
    context.log(`signals: ${scanCase}, ${implementation}`);
    const value = await timed(() => scanUniverse(universe, { strategies, threads }), 3);
    measurements.push({ case: scanCase, implementation, metric: 'time', value, unit: 'ms', better: 'lower' });
    if (implementation === 'tickforge') targets.push({ description: 'S&P 500 through structure, patterns and all built-in strategies (two cores)', measured: value, unit: 'ms', target: 2_000, met: value < 2_000 });
  }
  notes.push(`strategies: ${strategies.map((s) => s.name).join(', ')}`);
  return { suite: 'signals', measurements, targets, notes };
};

function sliceBars(bars: Bars, length: number): Bars {
  const end = bars.length;
  const start = end - length;
  return new Bars(bars.symbol, bars.timeframe, {
    time: bars.time.slice(start, end), open: bars.open.slice(start, end), high: bars.high.slice(start, end),
    low: bars.low.slice(start, end), close: bars.close.slice(start, end), volume: bars.volume.slice(start, end),
  });
}
