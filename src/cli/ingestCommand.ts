import { Command } from 'commander';
import { ingestFiles, type IngestReport } from '../app/ingestFiles.js';
import type { Timeframe } from '../core/Timeframe.js';
import { formatValidationReport } from '../data/validate/formatValidationReport.js';
import { withCorrelationId } from '../observe/logger.js';
import { formatTable } from './formatTable.js';
import { globalOptionsOf, runtimeFor } from './globalOptions.js';
import { choice, timeframe } from './parseOptions.js';
import { createProgress } from './progressBar.js';

interface IngestCommandOptions {
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
    .description('validate bar files (CSV, CSV.gz, Parquet, or directories of them) and upsert them into the store')
    .argument('<paths...>', 'files or directories')
    .option('--symbol <symbol>', 'symbol for files without a symbol column (default: the file name, e.g. AAPL.csv -> AAPL)')
    .option('--timeframe <tf>', 'timeframe of the bars (default: inferred from the spacing of the times)', timeframe)
    .option('--on-invalid <policy>', 'rows breaking a rule: error (refuse the file), drop, fix (widen high/low), keep', choice(['error', 'drop', 'fix', 'keep'] as const))
    .option('--on-duplicate <policy>', 'rows sharing a time: error, first, last', choice(['error', 'first', 'last'] as const))
    .option('--on-unsorted <policy>', 'times going backwards: error, sort', choice(['error', 'sort'] as const))
    .option('--allow-missing-volume', 'accept files without a volume column (volume is then 0)')
    .option('--format <format>', 'report as table or json', choice(['table', 'json'] as const), 'table')
    .action(async (paths: string[], options: IngestCommandOptions, command: Command) => {
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
