import { Command } from 'commander';
import { loadSeries } from '../app/loadSeries.js';
import type { Bars } from '../core/Bars.js';
import { TickforgeError } from '../core/errors.js';
import type { Timeframe } from '../core/Timeframe.js';
import { readBarsFile } from '../data/readBarsFile.js';
import { validateBars } from '../data/validate/validateBars.js';
import { computeAll, resolvePlan } from '../indicators/computeAll.js';
import type { IndicatorDefinition, ParameterDefinition } from '../indicators/registry/IndicatorDefinition.js';
import { indicatorDefinitions } from '../indicators/registry/registry.js';
import { formatTable } from './formatTable.js';
import { writeIndicatorColumns } from './writeIndicatorColumns.js';
import { runtimeFor } from './globalOptions.js';
import { parseParameters } from './parseParameters.js';
import { choice, timeframe } from './parseOptions.js';

interface IndicatorOptions {
  list?: boolean;
  input?: string;
  symbol?: string;
  timeframe?: Timeframe;
  params?: Record<string, number | string>;
  onInvalid: 'error' | 'drop' | 'fix' | 'keep';
  onDuplicate: 'error' | 'first' | 'last';
  onUnsorted: 'error' | 'sort';
  format: 'csv' | 'json' | 'table';
}

export function indicatorCommand(): Command {
  return new Command('indicator')
    .description('compute one indicator or pattern over a file (or a stored series) and print every output column per bar; --list shows the registry')
    .argument('[name]', 'indicator or pattern name, e.g. rsi, bbands, cdlengulfing')
    .option('--list', 'list every indicator and pattern with its inputs, parameters and outputs')
    .option('--input <file>', 'a CSV/CSV.gz/Parquet file of bars (without it, the stored series of --symbol)')
    .option('--symbol <symbol>', 'the symbol to use from a multi-symbol file, or from the store')
    .option('--timeframe <tf>', 'timeframe of the file (default: inferred) or of the stored series', timeframe)
    .option('--params <list>', 'parameters as name=value pairs, e.g. period=14 or fastperiod=12,slowperiod=26', parseParameters)
    .option('--on-invalid <policy>', 'invalid rows: keep (default: missing values are skipped by every indicator), drop, fix, error', choice(['error', 'drop', 'fix', 'keep'] as const), 'keep')
    .option('--on-duplicate <policy>', 'rows sharing a time: error, first, last', choice(['error', 'first', 'last'] as const), 'error')
    .option('--on-unsorted <policy>', 'times going backwards: error, sort', choice(['error', 'sort'] as const), 'error')
    .option('--format <format>', 'csv, json or table (with --list: table or json)', choice(['csv', 'json', 'table'] as const))
    .action(async (name: string | undefined, options: IndicatorOptions, command: Command) => {
      if (options.list) {
        process.stdout.write(options.format === 'json' ? `${JSON.stringify(indicatorDefinitions.map(describe), null, 2)}\n` : `${listTable()}\n`);
        return;
      }
      if (name === undefined) throw new TickforgeError('TF_ERR_CLI_USAGE', 'Name an indicator (e.g. `tickforge indicator rsi --input bars.csv`), or use --list to see them all.');
      const plan = resolvePlan([{ name, parameters: options.params }]);
      const bars = await loadBars(options, command);
      // One indicator: its output names are the column names (rsi, or upper/middle/lower...).
      const columns = new Map([...computeAll(bars, plan).values()].map((column, k) => [plan.entries[0].definition.outputs[k], column]));
      await writeIndicatorColumns(process.stdout, bars, columns, options.format ?? 'csv');
    });
}

async function loadBars(options: IndicatorOptions, command: Command): Promise<Bars> {
  if (options.input === undefined) {
    if (options.symbol === undefined) throw new TickforgeError('TF_ERR_CLI_USAGE', 'Give --input <file>, or --symbol <symbol> to use a series from the store.');
    const runtime = runtimeFor(command);
    try {
      return await loadSeries(await runtime.store(), { symbol: options.symbol, timeframe: options.timeframe });
    } finally {
      await runtime.close();
    }
  }
  const file = await readBarsFile(options.input, { timeframe: options.timeframe, symbol: options.symbol });
  const tables = options.symbol === undefined ? file.tables : file.tables.filter((table) => table.symbol === options.symbol);
  if (tables.length !== 1) {
    const symbols = file.tables.map((table) => table.symbol);
    const why = tables.length === 0 ? `has no symbol ${options.symbol}` : `holds ${symbols.length} symbols`;
    throw new TickforgeError('TF_ERR_CLI_USAGE', `${options.input} ${why}; choose one with --symbol (${symbols.slice(0, 10).join(', ')}${symbols.length > 10 ? ', ...' : ''}).`, {
      details: { file: options.input, symbols: symbols.slice(0, 50) },
    });
  }
  return validateBars(tables[0], { onInvalid: options.onInvalid, onDuplicate: options.onDuplicate, onUnsorted: options.onUnsorted }).bars;
}

function describeParameter(parameter: ParameterDefinition): string {
  return parameter.kind === 'choice' ? `${parameter.name}=${parameter.default} (${parameter.choices.join('|')})` : `${parameter.name}=${parameter.default} [${parameter.min}..${parameter.max}]`;
}

function describe(definition: IndicatorDefinition) {
  const defaults = Object.fromEntries(definition.parameters.map((p) => [p.name, p.default]));
  return {
    name: definition.name,
    title: definition.title,
    group: definition.group,
    inputs: definition.inputs,
    parameters: definition.parameters,
    outputs: definition.outputs,
    lookback: definition.lookback(defaults),
    streaming: definition.createStream !== undefined,
  };
}

function listTable(): string {
  const rows = indicatorDefinitions.map((d) => [d.name, d.group, d.title, d.inputs.join(','), d.parameters.map(describeParameter).join(' '), d.outputs.join(',')]);
  return `${formatTable(['name', 'group', 'title', 'inputs', 'parameters (default [range])', 'outputs'], rows)}\n${indicatorDefinitions.length} indicators and patterns`;
}
