import { Command } from 'commander';
import { runMainJob } from '../app/runMainJob.js';
import { withCorrelationId } from '../observe/logger.js';
import { formatCoverage } from './formatCoverage.js';
import { globalOptionsOf, runtimeFor } from './globalOptions.js';
import { choice } from './parseOptions.js';
import { createProgress } from './progressBar.js';
import { addCostOptions, simulationOptionsOf, type CostOptions } from './addCostOptions.js';
import { rankedTable } from '../report/rankedTable.js';
import { formatUniverseForecasts } from './formatUniverseForecasts.js';

interface RunOptions extends CostOptions {
  format: 'table' | 'json';
  report: string | false;
  forecast: boolean;
}

export function runCommand(): Command {
  const command = new Command('run')
    .description('the main job: ensure the store exists (seeding the sample universe when empty), report its coverage, backtest every built-in strategy over the stored universe and rank them, with an HTML report of the best')
    .option('--format <format>', 'table or json', choice(['table', 'json'] as const), 'table')
    .option('--report <file>', 'where the HTML report of the best strategy goes', '.tickforge/report.html')
    .option('--no-report', 'write no HTML report')
    .option('--no-forecast', 'skip the forecast stage (expected return and volatility per symbol)');
  return addCostOptions(command).action(async (options: RunOptions, command: Command) => {
      const runtime = runtimeFor(command);
      const quiet = globalOptionsOf(command).quiet === true || options.format === 'json';
      const progress = createProgress({ quiet, unit: 'series' });
      const backtests = createProgress({ quiet, unit: 'strategies' });
      const forecasting = createProgress({ quiet, unit: 'symbols' });
      try {
        const report = await withCorrelationId(() =>
          runMainJob(
            runtime,
            {
              onGenerateStart: (series) => progress.start(series, 'generating sample universe'),
              onProgress: (done) => progress.update(done),
              onBacktestStart: (strategies) => backtests.start(strategies, 'backtesting'),
              onBacktestProgress: (done) => backtests.update(done),
              onForecastStart: (symbols) => {
                backtests.stop();
                forecasting.start(symbols, 'forecasting');
              },
              onForecastProgress: (done) => forecasting.update(done),
            },
            { simulation: simulationOptionsOf(options), reportPath: options.report === false ? undefined : options.report, skipForecasts: !options.forecast },
          ),
        );
        backtests.stop();
        forecasting.stop();
        progress.stop();
        if (options.format === 'json') {
          process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
        } else {
          if (report.generated !== undefined) {
            const bars = report.generated.reduce((n, r) => n + r.inserted, 0);
            process.stdout.write(`Store was empty: generated the sample universe (${report.generated.length} series, ${bars} bars).\n`);
          }
          process.stdout.write(`Store ${report.store}\n${formatCoverage(report.coverage)}\n`);
          if (report.ranking.length > 0) {
            const { timeframe, symbols, bars } = report.universe;
            process.stdout.write(`\nBuilt-in strategies on ${symbols} ${timeframe} series (${bars} bars), each one portfolio after costs, by Sharpe:\n`);
            process.stdout.write(`${rankedTable(report.ranking, { by: 'sharpeRatio' })}\n`);
          }
          if (report.forecasts !== undefined) process.stdout.write(`\n${formatUniverseForecasts(report.forecasts)}\n`);
          if (report.reportPath !== undefined) process.stdout.write(`\nReport of the best strategy: ${report.reportPath}\n`);
        }
      } finally {
        progress.stop();
        backtests.stop();
        forecasting.stop();
        await runtime.close();
      }
    });
}
