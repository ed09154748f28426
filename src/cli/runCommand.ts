import { Command } from 'commander';
import { runMainJob } from '../app/runMainJob.js';
import { withCorrelationId } from '../observe/logger.js';
import { formatCoverage } from './formatCoverage.js';
import { globalOptionsOf, runtimeFor } from './globalOptions.js';
import { choice } from './parseOptions.js';
import { createProgress } from './progressBar.js';

export function runCommand(): Command {
  return new Command('run')
    .description('the main job: ensure the store exists (seeding the sample universe when empty) and report its coverage')
    .option('--format <format>', 'table or json', choice(['table', 'json'] as const), 'table')
    .action(async (options: { format: 'table' | 'json' }, command: Command) => {
      const runtime = runtimeFor(command);
      const progress = createProgress({ quiet: globalOptionsOf(command).quiet === true || options.format === 'json', unit: 'series' });
      try {
        const report = await withCorrelationId(() =>
          runMainJob(runtime, {
            onGenerateStart: (series) => progress.start(series, 'generating sample universe'),
            onProgress: (done) => progress.update(done),
          }),
        );
        progress.stop();
        if (options.format === 'json') {
          process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
        } else {
          if (report.generated !== undefined) {
            const bars = report.generated.reduce((n, r) => n + r.inserted, 0);
            process.stdout.write(`Store was empty: generated the sample universe (${report.generated.length} series, ${bars} bars).\n`);
          }
          process.stdout.write(`Store ${report.store}\n${formatCoverage(report.coverage)}\n`);
        }
      } finally {
        progress.stop();
        await runtime.close();
      }
    });
}
