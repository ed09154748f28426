import { join } from 'node:path';
import { parseGrid, gridSize } from '../src/backtest/sweep/parameterSpace.js';
import { readCsvBars } from '../src/data/csv/readCsvBars.js';
import { validateBars } from '../src/data/validate/validateBars.js';
import { movingAverageCross } from '../src/strategy/builtin/movingAverageCross.js';
import { compiled } from './compiled.js';
import type { BenchContext, BenchMeasurement, BenchTarget } from './harness.js';

const FILE = 'us_daily_nvda_orcl_yhoo_1995-2015.csv.gz';
/** 100 fast periods x 100 slow periods: 10,000 pairs, 200 distinct SMAs (fast and slow overlap). */
const GRID_SPEC = 'fastPeriod=2:101:1,slowPeriod=3:300:3';

/**
 * The grid case: 10,000 SMA-crossover pairs over ten years of NVDA daily bars
 * (2005-2014), each a full backtest with 0.1% fees and 5 bps slippage and its metrics, through
 * `sweep` of the compiled package (each distinct SMA computed once per worker chunk; every core). One run: a sweep
 * this size is the work itself, not a microbenchmark.
 */
export async function measureGrid(context: BenchContext): Promise<{ measurements: BenchMeasurement[]; targets: BenchTarget[]; notes: string[] }> {
  if (context.sharedDataDir === undefined) return { measurements: [], targets: [], notes: [`grid not measured: ../shared/data (${FILE}) is absent.`] };
  const { tables } = await readCsvBars(join(context.sharedDataDir, FILE));
  const nvda = tables.find((table) => table.symbol === 'NVDA');
  if (nvda === undefined) return { measurements: [], targets: [], notes: [`grid not measured: ${FILE} has no NVDA series.`] };
  const bars = validateBars(nvda, { onInvalid: 'drop', onDuplicate: 'last', onUnsorted: 'sort' }).bars.range(Date.UTC(2005, 0, 1), Date.UTC(2014, 11, 31));
  const ranges = parseGrid(movingAverageCross, GRID_SPEC);
  const points = gridSize(ranges);
  const caseName = `grid of ${points.toLocaleString('en-US')} SMA-crossover pairs, NVDA daily 2005-2014 (${bars.length} bars)`;
  const measurements: BenchMeasurement[] = [];
  const targets: BenchTarget[] = [];
  const { sweep } = await compiled<typeof import('../src/parallel/runParallelSweep.js')>('parallel/runParallelSweep.js');
  // The compiled package checks `instanceof` its own Bars: the series and the strategy go in as its own objects.
  const { Bars } = await compiled<typeof import('../src/core/Bars.js')>('core/Bars.js');
  const { Timeframe } = await compiled<typeof import('../src/core/Timeframe.js')>('core/Timeframe.js');
  const { movingAverageCross: strategy } = await compiled<typeof import('../src/strategy/builtin/movingAverageCross.js')>('strategy/builtin/movingAverageCross.js');
  const series = new Bars(bars.symbol, Timeframe.parse(bars.timeframe.code), bars.columns());
  let best = '';
  for (const [implementation, threads] of [['tickforge', 'auto'], ['tickforge (1 thread)', 0]] as const) {
    context.log(`backtest: ${caseName}, ${implementation}`);
    const start = performance.now();
    const result = await sweep(strategy, [series], { ranges, threads, simulation: { fees: { rate: 0.001 }, slippage: { bps: 5 } } });
    const elapsed = performance.now() - start;
    measurements.push({ case: caseName, implementation, metric: 'time', value: elapsed, unit: 'ms', better: 'lower' });
    if (implementation === 'tickforge') {
      targets.push({ description: '10,000 SMA-crossover pairs over 10 years of daily bars', measured: elapsed, unit: 'ms', target: 5_000, met: elapsed < 5_000 });
      const top = result.ranked[0];
      best = `best by Sharpe: ${JSON.stringify(top.parameters)} (Sharpe ${top.score.toFixed(3)})`;
    }
  }
  return { measurements, targets, notes: [`grid ${GRID_SPEC}: ${points} backtests with metrics; ${best}; the time includes starting the worker threads of the compiled package (dist/).`] };
}
