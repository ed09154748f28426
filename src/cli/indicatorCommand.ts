import { Command } from 'commander';
import { TickforgeError } from '../core/errors.js';
import type { Timeframe } from '../core/Timeframe.js';
import { computeAll, resolvePlan } from '../indicators/computeAll.js';
import type { IndicatorDefinition } from '../indicators/registry/IndicatorDefinition.js';
import { indicatorDefinitions } from '../indicators/registry/registry.js';
import { describeParameter } from './describeParameter.js';
import { formatTable } from './formatTable.js';
import { writeIndicatorColumns } from './writeIndicatorColumns.js';
import { addCommandSeriesOptions, readCommandSeries, type CommandSeriesOptions } from './readCommandSeries.js';
import { parseParameters } from './parseParameters.js';
import { choice } from './parseOptions.js';

interface IndicatorOptions extends CommandSeriesOptions {
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
  return addCommandSeriesOptions(
    new Command('indicator')
    .description('compute one indicator or pattern over a file (or a stored series) and print every output column per bar; --list shows the registry')
    .argument('[name]', 'indicator or pattern name, e.g. rsi, bbands, cdlengulfing')
    .option('--list', 'list every indicator and pattern with its inputs, parameters and outputs')
    .option('--symbol <symbol>', 'the symbol to use from a multi-symbol file, or from the store')
    .option('--params <list>', 'parameters as name=value pairs, e.g. period=14 or fastperiod=12,slowperiod=26', parseParameters),
  )
    .option('--format <format>', 'csv, json or table (with --list: table or json)', choice(['csv', 'json', 'table'] as const))
    .action(async (name: string | undefined, options: IndicatorOptions, command: Command) => {
      if (options.list) {
        process.stdout.write(options.format === 'json' ? `${JSON.stringify(indicatorDefinitions.map(describe), null, 2)}\n` : `${listTable()}\n`);
        return;
      }
      if (name === undefined) throw new TickforgeError('TF_ERR_CLI_USAGE', 'Name an indicator (e.g. `tickforge indicator rsi --input bars.csv`), or use --list to see them all.');
      const plan = resolvePlan([{ name, parameters: options.params }]);
      const [bars] = await readCommandSeries(options, command, true);
      // One indicator: its output names are the column names (rsi, or upper/middle/lower...).
      const columns = new Map([...computeAll(bars, plan).values()].map((column, k) => [plan.entries[0].definition.outputs[k], column]));
      await writeIndicatorColumns(process.stdout, bars, columns, options.format ?? 'csv');
    });
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
