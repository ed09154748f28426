import { extname } from 'node:path';
import { Command } from 'commander';
import { chartFormatOf, writeChart } from '../app/writeChart.js';
import type { Bars } from '../core/Bars.js';
import { signalsChart } from '../report/signalsChart.js';
import { resolveStrategyParameters } from '../strategy/resolveStrategyParameters.js';
import { prepareStrategy } from '../strategy/prepareStrategy.js';
import { runStrategy, strategyIndicators } from '../strategy/runStrategy.js';
import type { Signal } from '../strategy/Signal.js';
import type { Strategy } from '../strategy/Strategy.js';
import { builtInStrategies, findStrategy } from '../strategy/strategyRegistry.js';
import { describeParameter } from './describeParameter.js';
import { formatTable } from './formatTable.js';
import { globalOptionsOf } from './globalOptions.js';
import { parseParameters } from './parseParameters.js';
import { choice, symbolList } from './parseOptions.js';
import { createProgress } from './progressBar.js';
import { addCommandSeriesOptions, readCommandSeries, type CommandSeriesOptions } from './readCommandSeries.js';

interface SignalsCommandOptions extends CommandSeriesOptions {
  strategy?: string;
  params?: Record<string, number | string>;
  list?: boolean;
  format: 'csv' | 'json' | 'table';
  chart?: string;
  last?: number;
}

export function signalsCommand(): Command {
  return addCommandSeriesOptions(
    new Command('signals')
      .description("run a strategy over one or many series and print its signals with their reasons; --chart draws them over the candles; --list shows the strategies")
      .option('--strategy <name>', 'a built-in strategy, e.g. ma-cross, rsi-reversion, smc (see --list)')
      .option('--params <list>', 'strategy parameters as name=value pairs, e.g. fastPeriod=20,slowPeriod=50', parseParameters)
      .option('--symbols <list>', 'symbols to run (default: every symbol of --input)', symbolList)
      .option('--symbol <symbol>', 'one symbol'),
    'drop',
  )
    .option('--list', 'list the built-in strategies with their parameters')
    .option('--format <format>', 'csv, json or table', choice(['csv', 'json', 'table'] as const), 'csv')
    .option('--chart <file>', 'draw each series with its signals: .html (interactive), .png or .svg; several symbols give one file each (name-SYMBOL.ext)')
    .action(async (options: SignalsCommandOptions, command: Command) => {
      if (options.list) {
        process.stdout.write(options.format === 'json' ? `${JSON.stringify(builtInStrategies.map(describe), null, 2)}\n` : `${listTable()}\n`);
        return;
      }
      if (options.chart !== undefined) chartFormatOf(options.chart);
      const strategy = findStrategy(options.strategy ?? 'buy-and-hold');
      // Parameters are checked before any file is read.
      resolveStrategyParameters(strategy, options.params);
      const series = await readCommandSeries(options, command, false);
      const progress = createProgress({ quiet: globalOptionsOf(command).quiet === true || series.length < 20, unit: 'series' });
      progress.start(series.length, strategy.name);
      const results: Array<{ bars: Bars; signals: Signal[]; memo: Map<string, unknown> }> = [];
      for (const [k, bars] of series.entries()) {
        // The memo keeps the run's indicators for the chart's lines.
        const memo = new Map<string, unknown>();
        results.push({ bars, signals: runStrategy(strategy, bars, options.params, { memo }), memo });
        progress.update(k + 1);
      }
      progress.stop();
      const signals = results.flatMap((result) => result.signals);
      process.stdout.write(formatSignals(signals, options.format));
      if (options.chart !== undefined) {
        const prepared = prepareStrategy(strategy, options.params);
        for (const { bars, signals: own, memo } of results) {
          const path = results.length === 1 ? options.chart : chartPathFor(options.chart, bars.symbol);
          await writeChart(signalsChart(bars, own, { lines: priceLines(bars, strategyIndicators(prepared, bars, memo)) }), path);
          process.stderr.write(`chart written to ${path}\n`);
        }
      }
    });
}

/** The indicator columns that are prices (averages, bands), not oscillators: those are drawn as lines over the candles. */
function priceLines(bars: Bars, columns: ReadonlyMap<string, Float64Array>): Map<string, Float64Array> {
  const lines = new Map<string, Float64Array>();
  let total = 0;
  let count = 0;
  for (let i = 0; i < bars.length; i++) {
    if (Number.isFinite(bars.close[i])) {
      total += bars.close[i];
      count++;
    }
  }
  const typical = total / Math.max(count, 1);
  for (const [name, column] of columns) {
    let sum = 0;
    let n = 0;
    for (const value of column) {
      if (Number.isFinite(value)) {
        sum += value;
        n++;
      }
    }
    // A column whose mean is within a factor of two of the mean close lives on the price scale.
    if (n > 0 && sum / n > typical / 2 && sum / n < typical * 2) lines.set(name, column);
  }
  return lines;
}

function chartPathFor(path: string, symbol: string): string {
  const extension = extname(path);
  return `${path.slice(0, path.length - extension.length)}-${symbol.replace(/[^A-Za-z0-9._-]/g, '_')}${extension}`;
}

const columns = ['symbol', 'time', 'strategy', 'kind', 'side', 'size', 'stopLoss', 'takeProfit', 'trailingStop', 'tag', 'reason'] as const;

function formatSignals(signals: readonly Signal[], format: 'csv' | 'json' | 'table'): string {
  const rows = signals.map((signal) => ({
    symbol: signal.symbol, time: new Date(signal.time).toISOString(), strategy: signal.strategy, kind: signal.kind, side: signal.side,
    size: signal.size ?? null, stopLoss: signal.stopLoss ?? null, takeProfit: signal.takeProfit ?? null, trailingStop: signal.trailingStop ?? null,
    targets: signal.targets ?? [], tag: signal.tag ?? null, reason: signal.reason,
  }));
  if (format === 'json') return `${JSON.stringify(rows, null, 2)}\n`;
  const cell = (value: unknown) => (value === null ? '' : typeof value === 'number' ? String(Number(value.toPrecision(10))) : String(value));
  if (format === 'table') return `${formatTable(columns, rows.map((row) => columns.map((name) => cell(row[name]))))}\n${rows.length} signals\n`;
  const quote = (text: string) => (/[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
  return `${columns.join(',')}\n${rows.map((row) => columns.map((name) => quote(cell(row[name]))).join(',')).join('\n')}${rows.length > 0 ? '\n' : ''}`;
}

function describe(strategy: Strategy) {
  return { name: strategy.name, title: strategy.title, description: strategy.description, parameters: strategy.parameters };
}

function listTable(): string {
  const rows = builtInStrategies.map((s) => [s.name, s.title, s.parameters.map(describeParameter).join(' ')]);
  return `${formatTable(['name', 'title', 'parameters (default [range])'], rows)}\n${builtInStrategies.length} strategies`;
}
