import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { loadSeries } from '../app/loadSeries.js';
import type { Bars } from '../core/Bars.js';
import { TickforgeError } from '../core/errors.js';
import { writeCsvBars } from '../data/csv/writeCsvBars.js';
import { writeParquetBars } from '../data/parquet/writeParquetBars.js';
import { formatTable } from './formatTable.js';
import { globalOptionsOf, runtimeFor } from './globalOptions.js';
import { addSeriesOptions, type SeriesOptions } from './addSeriesOptions.js';
import { choice, symbolList } from './parseOptions.js';
import { createProgress } from './progressBar.js';

type FileFormat = 'csv' | 'csv.gz' | 'parquet';

interface ExportOptions extends SeriesOptions {
  out: string;
  symbols?: string[];
  fileFormat: FileFormat;
}

export function exportCommand(): Command {
  return addSeriesOptions(
    new Command('export')
      .description('write stored series to CSV, CSV.gz or Parquet: one file (by its extension) or one file per series in a directory')
      .requiredOption('--out <path>', 'a .csv, .csv.gz or .parquet file, or a directory (ending in / or existing) for one file per series')
      .option('--symbols <list>', 'symbols to export (default: all)', symbolList),
  )
    .option('--file-format <format>', 'file format in directory mode: csv, csv.gz or parquet', choice(['csv', 'csv.gz', 'parquet'] as const), 'csv.gz')
    .action(async (options: ExportOptions, command: Command) => {
      const runtime = runtimeFor(command);
      const progress = createProgress({ quiet: globalOptionsOf(command).quiet === true, unit: 'series' });
      try {
        const directoryMode = options.out.endsWith('/') || (existsSync(options.out) && statSync(options.out).isDirectory());
        const singleFormat = directoryMode ? undefined : formatOfPath(options.out);
        const store = await runtime.store();
        const symbols = options.symbols ?? (await store.listSymbols(options.timeframe));
        if (symbols.length === 0) throw new TickforgeError('TF_ERR_STORE_NOT_FOUND', `Nothing to export: ${store.url} holds no bars${options.timeframe ? ` of ${options.timeframe.code}` : ''}. See \`tickforge coverage\`.`);
        progress.start(symbols.length, 'exporting');
        const series: Bars[] = [];
        const written: Array<[string, string, number]> = [];
        if (directoryMode) mkdirSync(options.out, { recursive: true });
        for (const [index, symbol] of symbols.entries()) {
          const bars = await loadSeries(store, { symbol, timeframe: options.timeframe, from: options.from, to: options.to, resample: options.resample });
          if (directoryMode) {
            const file = join(options.out, `${symbol}_${bars.timeframe.code}.${options.fileFormat}`);
            written.push([file, symbol, await writeFile(file, options.fileFormat, bars)]);
          } else {
            series.push(bars);
          }
          progress.update(index + 1);
        }
        if (singleFormat !== undefined) {
          const rows = await writeFile(options.out, singleFormat, series, symbols.length > 1);
          written.push([options.out, symbols.length === 1 ? symbols[0] : `${symbols.length} symbols`, rows]);
        }
        progress.stop();
        process.stdout.write(`${formatTable(['file', 'symbols', 'bars'], written)}\n`);
      } finally {
        progress.stop();
        await runtime.close();
      }
    });
}

function formatOfPath(path: string): FileFormat {
  const lower = path.toLowerCase();
  if (lower.endsWith('.csv.gz')) return 'csv.gz';
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.parquet')) return 'parquet';
  throw new TickforgeError('TF_ERR_CLI_USAGE', `--out ${path}: name a .csv, .csv.gz or .parquet file, or a directory ending in "/" for one file per series.`, { details: { out: path } });
}

function writeFile(path: string, format: FileFormat, bars: Bars | Bars[], symbolColumn = false): Promise<number> {
  return format === 'parquet' ? writeParquetBars(path, bars, { symbolColumn }) : writeCsvBars(path, bars, { symbolColumn });
}
