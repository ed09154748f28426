import { Command, InvalidArgumentError } from 'commander';
import { evaluatePoint, resolveSweepSettings, type SweepSettings } from '../backtest/sweep/evaluatePoint.js';
import { monteCarloTrades, type MonteCarloResult } from '../backtest/sweep/monteCarloTrades.js';
import { parseGrid } from '../backtest/sweep/parameterSpace.js';
import type { SearchMode } from '../backtest/sweep/searchParameters.js';
import { parseSweepMetric } from '../backtest/sweep/sweepMetric.js';
import type { WalkForwardOptions } from '../backtest/sweep/walkForwardWindows.js';
import type { Bars } from '../core/Bars.js';
import { TickforgeError } from '../core/errors.js';
import { sweep, walkForwardSweep } from '../parallel/runParallelSweep.js';
import { findStrategy } from '../strategy/strategyRegistry.js';
import { addCostOptions, simulationOptionsOf, type CostOptions } from './addCostOptions.js';
import { formatSweep, formatWalkForward, sweepJson, walkForwardJson } from './formatSweep.js';
import { globalOptionsOf } from './globalOptions.js';
import { nonNegativeInteger, positiveInteger, symbolList } from './parseOptions.js';
import { createProgress } from './progressBar.js';
import { addCommandSeriesOptions, readCommandSeries, type CommandSeriesOptions } from './readCommandSeries.js';

interface SweepCommandOptions extends CommandSeriesOptions, CostOptions {
  strategy: string;
  grid: string;
  random?: number;
  evolve?: boolean;
  population?: number;
  generations?: number;
  seed: number;
  metric: string;
  workers?: number;
  walkForward?: WalkForwardOptions;
  monteCarlo?: number;
  top: number;
  json?: boolean;
}

export function sweepCommand(): Command {
  return addCostOptions(
    addCommandSeriesOptions(
      new Command('sweep')
        .description('search a strategy\'s parameters (grid, random or genetic) over one or many series, on worker threads, and rank the points; --walk-forward tests the choice on unseen bars')
        .requiredOption('--strategy <name>', 'a built-in strategy (see `tickforge signals --list`)')
        .requiredOption('--grid <spec>', 'the space, e.g. fastPeriod=5:50:5,slowPeriod=20:200:10,type=sma|ema (start:end:step, a|b|c, or one value)')
        .option('--random <count>', 'evaluate this many random points of the grid instead of all', positiveInteger)
        .option('--evolve', 'genetic search of the grid (for spaces too large to try every point)')
        .option('--population <n>', 'genetic search: individuals per generation (default 32)', positiveInteger)
        .option('--generations <n>', 'genetic search: generations after the first (default 10)', nonNegativeInteger)
        .option('--seed <n>', 'seed of the random and genetic searches and of the Monte Carlo resampling', nonNegativeInteger, 1)
        .option('--metric <name>', 'the objective: any numeric metric (sharpeRatio, totalReturn, calmarRatio, maxDrawdown, ...)', 'sharpeRatio')
        .option('--workers <n>', 'worker threads (0 = this thread; default: every core when the work is large)', nonNegativeInteger)
        .option('--walk-forward <in:out[:anchored]>', 'walk-forward analysis: in-sample and out-of-sample bars per window, e.g. 504:126 or 504:126:anchored', walkForwardSpec)
        .option('--monte-carlo <runs>', 'bootstrap the trades (of the best point, or the out-of-sample trades) this many times', positiveInteger)
        .option('--top <n>', 'rows of the ranking to print', positiveInteger, 20)
        .option('--symbols <list>', 'symbols to run (default: every symbol of --input)', symbolList)
        .option('--symbol <symbol>', 'one symbol')
        .option('--json', 'print the result as JSON'),
      'drop',
    ),
  ).action(async (options: SweepCommandOptions, command: Command) => {
    const strategy = findStrategy(options.strategy);
    const ranges = parseGrid(strategy, options.grid);
    const metric = parseSweepMetric(options.metric);
    const mode = searchMode(options);
    // Everything is checked before the bars are read.
    const settings: SweepSettings = { simulation: simulationOptionsOf(options), metric };
    resolveSweepSettings(settings);
    const series = await readCommandSeries(options, command, false);
    const progress = createProgress({ quiet: globalOptionsOf(command).quiet === true || options.json === true, unit: 'points' });
    let started = false;
    const onProgress = (done: number, total: number) => {
      if (!started) progress.start(total, `sweep ${strategy.name}`);
      started = true;
      progress.update(done);
    };
    const threads = options.workers ?? 'auto';
    try {
      if (options.walkForward !== undefined) {
        const result = await walkForwardSweep(strategy, series, {
          ...settings, ...options.walkForward, ranges, mode, threads, onProgress,
          monteCarlo: options.monteCarlo === undefined ? false : { runs: options.monteCarlo, seed: options.seed },
        });
        progress.stop();
        process.stdout.write(options.json ? `${JSON.stringify(walkForwardJson(strategy.name, series, result), null, 2)}\n` : `${formatWalkForward(strategy.name, series, result)}\n`);
        return;
      }
      const result = await sweep(strategy, series, { ...settings, ranges, mode, threads, onProgress });
      progress.stop();
      if (result.results.length === 0) throw new TickforgeError('TF_ERR_CLI_USAGE', `${strategy.name} refuses every point of --grid ${options.grid}: ${result.skipped.reasons[0] ?? 'the grid is empty'}`);
      const monteCarlo = options.monteCarlo === undefined ? undefined : bestPointMonteCarlo(strategy.name, series, settings, result.ranked[0].parameters, options);
      const view = { strategy: strategy.name, series, result, mode, top: options.top, monteCarlo };
      process.stdout.write(options.json ? `${JSON.stringify(sweepJson(view), null, 2)}\n` : `${formatSweep(view)}\n`);
    } finally {
      progress.stop();
    }
  });
}

function searchMode(options: SweepCommandOptions): SearchMode {
  if (options.random !== undefined && options.evolve === true) throw new TickforgeError('TF_ERR_CLI_USAGE', 'Give --random <count> or --evolve, not both.');
  if ((options.population !== undefined || options.generations !== undefined) && options.evolve !== true) {
    throw new TickforgeError('TF_ERR_CLI_USAGE', '--population and --generations shape the genetic search; add --evolve.');
  }
  if (options.random !== undefined) return { kind: 'random', count: options.random, seed: options.seed };
  if (options.evolve === true) return { kind: 'evolve', evolution: { population: options.population, generations: options.generations, seed: options.seed } };
  return { kind: 'grid' };
}

/** The best point's trades on every series, resampled. */
function bestPointMonteCarlo(name: string, series: readonly Bars[], settings: SweepSettings, parameters: Record<string, number | string>, options: SweepCommandOptions): MonteCarloResult {
  const strategy = findStrategy(name);
  const resolved = resolveSweepSettings(settings);
  const trades = series.flatMap((bars) => evaluatePoint(strategy, bars, parameters, resolved, { detail: true }).result!.trades);
  return monteCarloTrades(trades, { runs: options.monteCarlo, seed: options.seed });
}

/** `504:126` or `504:126:anchored`. */
function walkForwardSpec(value: string): WalkForwardOptions {
  const parts = value.split(':').map((part) => part.trim());
  const inSample = Number(parts[0]);
  const outOfSample = Number(parts[1]);
  const anchored = parts[2];
  if (parts.length < 2 || parts.length > 3 || !(Number.isInteger(inSample) && inSample > 0) || !(Number.isInteger(outOfSample) && outOfSample > 0) || (anchored !== undefined && anchored !== 'anchored' && anchored !== 'rolling')) {
    throw new InvalidArgumentError(`"${value}" is not in:out[:anchored] with whole numbers of bars, e.g. 504:126 or 504:126:anchored.`);
  }
  return { inSample, outOfSample, anchored: anchored === 'anchored' };
}
