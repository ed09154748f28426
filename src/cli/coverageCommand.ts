import { Command } from 'commander';
import { choice, symbolList, timeframe } from './parseOptions.js';
import { runtimeFor } from './globalOptions.js';
import { formatCoverage } from './formatCoverage.js';
import type { Timeframe } from '../core/Timeframe.js';

export function coverageCommand(): Command {
  return new Command('coverage')
    .description('list stored series: first and last bar, bar count, gaps and missing bars')
    .option('--symbols <list>', 'only these symbols (comma-separated, repeatable)', symbolList)
    .option('--timeframe <tf>', 'only this timeframe', timeframe)
    .option('--format <format>', 'table or json', choice(['table', 'json'] as const), 'table')
    .action(async (options: { symbols?: string[]; timeframe?: Timeframe; format: 'table' | 'json' }, command: Command) => {
      const runtime = runtimeFor(command);
      try {
        const store = await runtime.store();
        const entries = await store.coverage({ symbols: options.symbols, timeframe: options.timeframe });
        process.stdout.write(options.format === 'json' ? `${JSON.stringify(entries, null, 2)}\n` : `${formatCoverage(entries)}\n`);
      } finally {
        await runtime.close();
      }
    });
}
