import { Command } from 'commander';
import { stringify } from 'yaml';
import { maskSecrets } from '../config/maskSecrets.js';
import { choice } from './parseOptions.js';
import { runtimeFor } from './globalOptions.js';

export function configCommand(): Command {
  const config = new Command('config').description('inspect the effective configuration');
  config
    .command('show')
    .description('print the merged configuration (file, includes, environment overlay, variables) with secrets masked')
    .option('--format <format>', 'yaml or json', choice(['yaml', 'json'] as const), 'yaml')
    .action(async (options: { format: 'yaml' | 'json' }, command: Command) => {
      const runtime = runtimeFor(command);
      const masked = maskSecrets(runtime.config);
      if (options.format === 'json') process.stdout.write(`${JSON.stringify({ config: masked, sources: runtime.configSources }, null, 2)}\n`);
      else {
        const sources = runtime.configSources.length > 0 ? runtime.configSources.join(', ') : 'defaults only';
        process.stdout.write(`# sources: ${sources}\n${stringify(masked)}`);
      }
      await runtime.close();
    });
  return config;
}
