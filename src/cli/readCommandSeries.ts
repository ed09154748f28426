import type { Command } from 'commander';
import { loadSeries } from '../app/loadSeries.js';
import type { Bars } from '../core/Bars.js';
import { TickforgeError } from '../core/errors.js';
import type { Timeframe } from '../core/Timeframe.js';
import { readBarsFile } from '../data/readBarsFile.js';
import { validateBars } from '../data/validate/validateBars.js';
import { runtimeFor } from './globalOptions.js';
import { choice, instant, timeframe } from './parseOptions.js';

/** Where a command's bars come from: a file (one or several symbols) or the store. */
export interface CommandSeriesOptions {
  input?: string;
  symbol?: string;
  symbols?: string[];
  timeframe?: Timeframe;
  /** First and last bar open to use, inclusive. */
  from?: number;
  to?: number;
  onInvalid: 'error' | 'drop' | 'fix' | 'keep';
  onDuplicate: 'error' | 'first' | 'last';
  onUnsorted: 'error' | 'sort';
}

/** The file/store and validation options shared by `indicator`, `structure` and `signals`. */
export function addCommandSeriesOptions(command: Command, invalidDefault: 'keep' | 'drop' = 'keep'): Command {
  return command
    .option('--input <file>', 'a CSV/CSV.gz/Parquet file of bars (without it, the stored series of --symbol)')
    .option('--timeframe <tf>', 'timeframe of the file (default: inferred) or of the stored series', timeframe)
    .option('--from <time>', 'first bar open, inclusive (ISO date or date-time, UTC, or epoch ms)', instant)
    .option('--to <time>', 'last bar open, inclusive', instant)
    .option('--on-invalid <policy>', 'invalid rows: keep (missing values are skipped), drop, fix, error', choice(['error', 'drop', 'fix', 'keep'] as const), invalidDefault)
    .option('--on-duplicate <policy>', 'rows sharing a time: error, first, last', choice(['error', 'first', 'last'] as const), 'error')
    .option('--on-unsorted <policy>', 'times going backwards: error, sort', choice(['error', 'sort'] as const), 'error');
}

/**
 * The series a command works on: from `--input` (every symbol of the file, or those named by
 * --symbol/--symbols), validated under the given policies; else from the store (--symbol or
 * --symbols). Only bars between --from and --to; a series with none there is left out. With
 * `single`, exactly one series or an error that lists the file's symbols.
 * @throws TF_ERR_CLI_USAGE naming the file and the symbols it holds, or when no bar lies in the range.
 */
export async function readCommandSeries(options: CommandSeriesOptions, command: Command, single: boolean): Promise<Bars[]> {
  const series = (await readSeries(options, command, single)).map((bars) => bars.range(options.from, options.to)).filter((bars) => bars.length > 0);
  if (series.length === 0) throw new TickforgeError('TF_ERR_CLI_USAGE', 'No bars lie between --from and --to; widen the range.');
  return series;
}

async function readSeries(options: CommandSeriesOptions, command: Command, single: boolean): Promise<Bars[]> {
  const wanted = options.symbols ?? (options.symbol === undefined ? undefined : [options.symbol]);
  if (options.input === undefined) {
    if (wanted === undefined || wanted.length === 0) throw new TickforgeError('TF_ERR_CLI_USAGE', 'Give --input <file>, or --symbol <symbol> to use a series from the store.');
    const runtime = runtimeFor(command);
    try {
      const store = await runtime.store();
      const series: Bars[] = [];
      for (const symbol of wanted) series.push(await loadSeries(store, { symbol, timeframe: options.timeframe, from: options.from, to: options.to }));
      return series;
    } finally {
      await runtime.close();
    }
  }
  // --symbol also names the series of a file without a symbol column.
  const file = await readBarsFile(options.input, { timeframe: options.timeframe, symbol: options.symbol });
  const symbols = file.tables.map((table) => table.symbol);
  const listed = `${symbols.slice(0, 10).join(', ')}${symbols.length > 10 ? ', ...' : ''}`;
  const missing = wanted?.filter((symbol) => !symbols.includes(symbol)) ?? [];
  if (missing.length > 0) {
    throw new TickforgeError('TF_ERR_CLI_USAGE', `${options.input} has no symbol ${missing.join(', ')}; it holds ${listed}.`, { details: { file: options.input, symbols: symbols.slice(0, 50) } });
  }
  const chosen = wanted === undefined ? file.tables : file.tables.filter((table) => wanted.includes(table.symbol));
  if (single && chosen.length !== 1) {
    throw new TickforgeError('TF_ERR_CLI_USAGE', `${options.input} holds ${symbols.length} symbols; choose one with --symbol (${listed}).`, { details: { file: options.input, symbols: symbols.slice(0, 50) } });
  }
  return chosen.map((table) => validateBars(table, { onInvalid: options.onInvalid, onDuplicate: options.onDuplicate, onUnsorted: options.onUnsorted }).bars);
}
