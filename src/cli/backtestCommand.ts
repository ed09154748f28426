import { Command } from 'commander';
import { reportBacktest } from '../app/reportBacktest.js';
import { chartFormatOf } from '../app/writeChart.js';
import { writeBacktestHtml, writeEquityPng } from '../app/writeBacktestReport.js';
import { backtestStrategy } from '../backtest/backtestStrategy.js';
import { TickforgeError } from '../core/errors.js';
import { attribution } from '../backtest/metrics/attribution.js';
import { backtestJson } from '../report/backtestJson.js';
import { backtestSummaryTable } from '../report/backtestSummaryTable.js';
import { formatTable } from './formatTable.js';
import { addCostOptions, simulationOptionsOf, type CostOptions } from './addCostOptions.js';
import { globalOptionsOf } from './globalOptions.js';
import { parseParameters } from './parseParameters.js';
import { positiveNumber, symbolList } from './parseOptions.js';
import { createProgress } from './progressBar.js';
import { addCommandSeriesOptions, readCommandSeries, type CommandSeriesOptions } from './readCommandSeries.js';
import { findStrategy } from '../strategy/strategyRegistry.js';
import { resolveStrategyParameters } from '../strategy/resolveStrategyParameters.js';

interface BacktestCommandOptions extends CommandSeriesOptions, CostOptions {
  strategy: string;
  params?: Record<string, number | string>;
  positionFraction?: number;
  json?: boolean;
  html?: string;
  png?: string;
}

export function backtestCommand(): Command {
  return addCostOptions(
    addCommandSeriesOptions(
      new Command('backtest')
        .description('backtest a strategy over one or many series as one portfolio, after costs, against buy-and-hold; prints the summary, or JSON; --html and --png draw the report')
        .requiredOption('--strategy <name>', 'a built-in strategy (see `tickforge signals --list`)')
        .option('--params <list>', 'strategy parameters as name=value pairs', parseParameters)
        .option('--symbols <list>', 'symbols to trade (default: every symbol of --input)', symbolList)
        .option('--symbol <symbol>', 'one symbol'),
      'drop',
    ),
  )
    .option('--position-fraction <f>', 'equity each entry commits (default 1/number of symbols)', positiveNumber)
    .option('--json', 'print the report as JSON (metrics, attribution, monthly returns, trades)')
    .option('--html <file>', 'write the HTML report (equity, drawdown, monthly heatmap, trades on the price charts, rolling ratios)')
    .option('--png <file>', 'write the equity and drawdown figure as a PNG')
    .action(async (options: BacktestCommandOptions, command: Command) => {
      const strategy = findStrategy(options.strategy);
      resolveStrategyParameters(strategy, options.params);
      if (options.png !== undefined && chartFormatOf(options.png) !== 'png') throw new TickforgeError('TF_ERR_CLI_USAGE', `--png needs a path ending in .png, got "${options.png}".`);
      if (options.html !== undefined && chartFormatOf(options.html) !== 'html') throw new TickforgeError('TF_ERR_CLI_USAGE', `--html needs a path ending in .html, got "${options.html}".`);
      const universe = await readCommandSeries(options, command, false);
      const progress = createProgress({ quiet: globalOptionsOf(command).quiet === true || options.json === true, unit: 'stage' });
      progress.start(2, `backtest ${strategy.name}`);
      const run = backtestStrategy(universe, {
        strategy, parameters: options.params, simulation: simulationOptionsOf(options),
        router: options.positionFraction === undefined ? undefined : { positionFraction: options.positionFraction },
      });
      progress.update(1);
      const report = reportBacktest(run, universe);
      progress.update(2);
      progress.stop();
      if (options.json) process.stdout.write(`${JSON.stringify(backtestJson(report), null, 2)}\n`);
      else {
        process.stdout.write(`${backtestSummaryTable(run.metrics, { title: report.title, benchmarkLabel: 'buy and hold' })}\n`);
        if (universe.length > 1) {
          const rows = attribution(run.result.trades, 'symbol').slice(0, 10).map((row) => [row.key, row.trades, row.pnl.toFixed(2), `${(row.winRate * 100).toFixed(1)}%`]);
          process.stdout.write(`\nPnL by symbol (top ${rows.length})\n${formatTable(['symbol', 'trades', 'pnl', 'win rate'], rows)}\n`);
        }
      }
      if (options.html !== undefined) {
        await writeBacktestHtml(report, options.html);
        process.stderr.write(`report written to ${options.html}\n`);
      }
      if (options.png !== undefined) {
        await writeEquityPng(run.result.curve, run.benchmark, options.png, { title: report.title, initialCapital: run.initialCapital, metrics: run.metrics, benchmarkLabel: 'buy and hold' });
        process.stderr.write(`figure written to ${options.png}\n`);
      }
    });
}
