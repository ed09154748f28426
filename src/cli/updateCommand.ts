import { Command } from 'commander';
import { providerForms } from '../app/createProvider.js';
import { updateData } from '../app/syncData.js';
import type { Timeframe } from '../core/Timeframe.js';
import { runtimeFor } from './globalOptions.js';
import { choice, symbolList, timeframe } from './parseOptions.js';
import { runSyncCommand } from './runSyncCommand.js';

interface UpdateCommandOptions {
  provider?: string;
  symbols?: string[];
  timeframe?: Timeframe;
  format: 'table' | 'json';
}

export function updateCommand(): Command {
  return new Command('update')
    .description('bring every stored series up to now, fetching only the bars after its last one (a current store makes no request)')
    .option('--provider <name>', `provider for every series (default: the one that last served each series): ${providerForms.join(', ')}`)
    .option('--symbols <list>', 'only these symbols (comma-separated)', symbolList)
    .option('--timeframe <tf>', 'only series of this timeframe', timeframe)
    .option('--format <format>', 'report as table or json', choice(['table', 'json'] as const), 'table')
    .action(async (options: UpdateCommandOptions, command: Command) => {
      const runtime = runtimeFor(command);
      await runSyncCommand(runtime, command, options.format, (onProgress, signal) =>
        updateData(runtime, { provider: options.provider, symbols: options.symbols, timeframe: options.timeframe, onProgress, signal }),
      );
    });
}
