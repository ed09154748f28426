import { Command } from 'commander';
import { storeSampleUniverse } from '../app/generateSample.js';
import type { Timeframe } from '../core/Timeframe.js';
import { withCorrelationId } from '../observe/logger.js';
import { formatTable } from './formatTable.js';
import { globalOptionsOf, runtimeFor } from './globalOptions.js';
import { choice, integer, positiveInteger, positiveNumber, timeframe } from './parseOptions.js';
import { createProgress } from './progressBar.js';

interface GenerateOptions {
  symbols?: number;
  years?: number;
  timeframe?: Timeframe;
  seed?: number;
  market?: 'equity' | 'crypto';
  end?: string;
}

export function generateCommand(): Command {
  return new Command('generate')
    .description('generate a seeded synthetic market into the store (no network needed); defaults come from sample: in tickforge.yaml')
    .option('--symbols <n>', 'number of symbols (default 8)', positiveInteger)
    .option('--years <y>', 'years of history (default 3)', positiveNumber)
    .option('--timeframe <tf>', 'bar timeframe, 1m..1w (default 1d)', timeframe)
    .option('--seed <s>', 'random seed: the same seed gives the same market (default 42)', integer)
    .option('--market <kind>', 'equity (weekdays, 14:30-21:00 UTC session) or crypto (24/7)', choice(['equity', 'crypto'] as const))
    .option('--end <date>', 'last day of the data, ISO date (default 2025-12-31)')
    .action(async (options: GenerateOptions, command: Command) => {
      const runtime = runtimeFor(command);
      const progress = createProgress({ quiet: globalOptionsOf(command).quiet === true, unit: 'series' });
      try {
        const sample = {
          ...runtime.config.sample,
          ...(options.symbols !== undefined && { symbols: options.symbols }),
          ...(options.years !== undefined && { years: options.years }),
          ...(options.timeframe !== undefined && { timeframe: options.timeframe.code }),
          ...(options.seed !== undefined && { seed: options.seed }),
          ...(options.market !== undefined && { market: options.market }),
          ...(options.end !== undefined && { end: options.end }),
        };
        const store = await runtime.store();
        progress.start(sample.symbols, 'generating');
        const results = await withCorrelationId(() => storeSampleUniverse(store, sample, (done) => progress.update(done)));
        progress.stop();
        const rows = results.map((r) => [r.symbol, r.timeframe, r.received, r.inserted, r.updated, r.unchanged]);
        process.stdout.write(`${formatTable(['symbol', 'timeframe', 'bars', 'inserted', 'updated', 'unchanged'], rows)}\n`);
        process.stdout.write(`Generated ${results.length} symbols (seed ${sample.seed}, ${sample.market}, ${sample.timeframe}) into ${store.url}\n`);
      } finally {
        progress.stop();
        await runtime.close();
      }
    });
}
