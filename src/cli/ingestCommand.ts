import { Command } from 'commander';
import { providerForms } from '../app/createProvider.js';
import { ingestFiles, type IngestReport } from '../app/ingestFiles.js';
import { syncData } from '../app/syncData.js';
import { TickforgeError } from '../core/errors.js';
import type { Timeframe } from '../core/Timeframe.js';
import { formatValidationReport } from '../data/validate/formatValidationReport.js';
import { withCorrelationId } from '../observe/logger.js';
import { formatTable } from './formatTable.js';
import { globalOptionsOf, runtimeFor } from './globalOptions.js';
import { choice, instant, positiveInteger, symbolList, timeframe } from './parseOptions.js';
import { runSyncCommand } from './runSyncCommand.js';
import { createProgress } from './progressBar.js';

interface IngestCommandOptions {
  provider?: string;
  symbols?: string[];
  from?: number;
  to?: number;
  chunkSize?: number;
  symbol?: string;
  timeframe?: Timeframe;
  onInvalid?: 'error' | 'drop' | 'fix' | 'keep';
  onDuplicate?: 'error' | 'first' | 'last';
  onUnsorted?: 'error' | 'sort';
  allowMissingVolume?: boolean;
  format: 'table' | 'json';
}

export function ingestCommand(): Command {
  return new Command('ingest')
    .description(
      'validate bar files (CSV, CSV.gz, Parquet, or directories of them) and upsert them into the store; ' +
        'or, with --provider, fetch only the bars the store lacks from a provider (resumable, rate-limited, retried)',
    )
    .argument('[paths...]', 'files or directories (for file ingest and --provider file)')
    .option('--provider <name>', `fetch through a provider: ${providerForms.join(', ')}`)
    .option('--symbols <list>', 'with --provider: comma-separated symbols (default: every symbol of a file or synthetic provider)', symbolList)
    .option('--from <time>', 'with --provider: first bar time, e.g. 2024-01-01 (default: the provider\'s earliest)', instant)
    .option('--to <time>', 'with --provider: last bar time (default: now; bars still forming are never stored)', instant)
    .option('--chunk-size <bars>', 'with --provider: grid slots per fetched, validated and stored chunk (default: providers.chunkSize)', positiveInteger)
    .option('--symbol <symbol>', 'symbol for files without a symbol column (default: the file name, e.g. AAPL.csv -> AAPL)')
    .option('--timeframe <tf>', 'timeframe of the bars (default: inferred from the spacing of the times)', timeframe)
    .option('--on-invalid <policy>', 'rows breaking a rule: error (refuse the file), drop, fix (widen high/low), keep', choice(['error', 'drop', 'fix', 'keep'] as const))
    .option('--on-duplicate <policy>', 'rows sharing a time: error, first, last', choice(['error', 'first', 'last'] as const))
    .option('--on-unsorted <policy>', 'times going backwards: error, sort', choice(['error', 'sort'] as const))
    .option('--allow-missing-volume', 'accept files without a volume column (volume is then 0)')
    .option('--format <format>', 'report as table or json', choice(['table', 'json'] as const), 'table')
    .action(async (paths: string[], options: IngestCommandOptions, command: Command) => {
      if (options.provider !== undefined) return ingestFromProvider(paths, options, command);
      if (paths.length === 0) throw new TickforgeError('TF_ERR_CLI_USAGE', 'ingest needs files or directories to read, or --provider <name> to fetch from a provider.');
      const runtime = runtimeFor(command);
      const progress = createProgress({ quiet: globalOptionsOf(command).quiet === true || options.format === 'json', unit: 'bytes' });
      try {
        const store = await runtime.store();
        const defaults = runtime.config.ingest;
        let started = false;
        const report = await withCorrelationId(() =>
          ingestFiles(
            store,
            {
              paths,
              symbol: options.symbol,
              timeframe: options.timeframe,
              allowMissingVolume: options.allowMissingVolume,
              policy: {
                onInvalid: options.onInvalid ?? defaults.onInvalid,
                onDuplicate: options.onDuplicate ?? defaults.onDuplicate,
                onUnsorted: options.onUnsorted ?? defaults.onUnsorted,
              },
              onProgress: ({ bytesRead, totalBytes }) => {
                if (!started) progress.start(totalBytes, 'ingesting');
                started = true;
                progress.update(bytesRead);
              },
            },
            { logger: runtime.logger, metrics: runtime.ingestMetrics },
          ),
        );
        progress.stop();
        process.stdout.write(options.format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : `${formatIngestReport(report)}\n`);
      } finally {
        progress.stop();
        await runtime.close();
      }
    });
}

async function ingestFromProvider(paths: string[], options: IngestCommandOptions, command: Command): Promise<void> {
  if (options.timeframe === undefined) throw new TickforgeError('TF_ERR_CLI_USAGE', 'ingest --provider needs --timeframe (e.g. --timeframe 1h).');
  if (paths.length > 0 && options.provider !== 'file') {
    throw new TickforgeError('TF_ERR_CLI_USAGE', `ingest --provider ${options.provider} takes no paths (only --provider file reads files): got ${paths.join(', ')}.`);
  }
  const runtime = runtimeFor(command);
  if (options.onInvalid !== undefined) runtime.config.ingest.onInvalid = options.onInvalid;
  if (options.onDuplicate !== undefined) runtime.config.ingest.onDuplicate = options.onDuplicate;
  if (options.onUnsorted !== undefined) runtime.config.ingest.onUnsorted = options.onUnsorted;
  await runSyncCommand(runtime, command, options.format, (onProgress, signal) =>
    syncData(runtime, {
      provider: options.provider!,
      paths,
      symbols: options.symbols,
      timeframe: options.timeframe!,
      from: options.from,
      to: options.to,
      chunkSize: options.chunkSize,
      onProgress,
      signal,
    }),
  );
}

function formatIngestReport(report: IngestReport): string {
  const rows = report.series.map((s) => {
    const repairs = s.validation.repairs;
    const repaired = repairs.droppedInvalid + repairs.fixedBounds + repairs.droppedDuplicates + repairs.sortedRows + repairs.keptInvalid;
    return [s.symbol, s.timeframe, s.rowsRead, s.upsert.inserted, s.upsert.updated, s.upsert.unchanged, repaired, s.validation.gaps.count];
  });
  const table = formatTable(['symbol', 'timeframe', 'rows', 'inserted', 'updated', 'unchanged', 'repaired', 'gaps'], rows);
  // Every series with a repair, an issue or a gap gets its own summary: nothing changes unseen.
  const details = report.series
    .filter((s) => s.validation.invalidRows + s.validation.backwardSteps + s.validation.duplicates.extraRows + s.validation.gaps.count > 0)
    .map((s) => formatValidationReport(s.validation));
  const totals = report.series.reduce((t, s) => ({ inserted: t.inserted + s.upsert.inserted, updated: t.updated + s.upsert.updated }), { inserted: 0, updated: 0 });
  const summary = `${report.files} files, ${report.rowsRead} rows read, ${report.series.length} series: ${totals.inserted} bars inserted, ${totals.updated} updated`;
  return [table, ...details, summary].join('\n\n');
}
