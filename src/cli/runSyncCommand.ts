import type { Command } from 'commander';
import type { Runtime } from '../app/createRuntime.js';
import type { SyncProgress, SyncReport } from '../data/sync/SyncReport.js';
import { withCorrelationId } from '../observe/logger.js';
import { failureOf, formatSyncReport } from './formatSyncReport.js';
import { globalOptionsOf } from './globalOptions.js';
import { createProgress } from './progressBar.js';

/**
 * Runs a sync (ingest --provider, update) with a progress bar over its chunks; Ctrl-C stops it
 * between chunks, and the report of what was done is printed either way. A series that failed
 * makes the command fail with that series' error code after the report.
 */
export async function runSyncCommand(
  runtime: Runtime,
  command: Command,
  format: 'table' | 'json',
  work: (onProgress: (progress: SyncProgress) => void, signal: AbortSignal) => Promise<SyncReport>,
): Promise<void> {
  const progress = createProgress({ quiet: globalOptionsOf(command).quiet === true || format === 'json', unit: 'chunks' });
  const controller = new AbortController();
  const interrupt = () => {
    process.stderr.write('\ninterrupted: finishing the chunk in flight; run the same command again to resume\n');
    controller.abort();
  };
  process.once('SIGINT', interrupt);
  let started = false;
  try {
    const report = await withCorrelationId(() =>
      work((event) => {
        if (!started) progress.start(event.total, 'fetching');
        started = true;
        progress.update(event.done);
      }, controller.signal),
    );
    progress.stop();
    process.stdout.write(format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : `${formatSyncReport(report)}\n`);
    const failure = failureOf(report);
    if (failure !== undefined) throw failure;
  } finally {
    process.off('SIGINT', interrupt);
    progress.stop();
    await runtime.close();
  }
}
