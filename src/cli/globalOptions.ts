import type { Command } from 'commander';
import { createRuntime, type Runtime } from '../app/createRuntime.js';
import { logLevels } from '../config/configSchema.js';
import { choice } from './parseOptions.js';

export interface GlobalOptions {
  config?: string;
  env?: string;
  store?: string;
  logLevel?: (typeof logLevels)[number];
  quiet?: boolean;
}

/** Options every command accepts; declared once on the program so `tickforge --store X cmd` and `cmd --store X` both work. */
export function addGlobalOptions(program: Command): Command {
  return program
    .option('--config <file>', 'config file (default: ./tickforge.yaml when present)')
    .option('--env <name>', 'environment overlay from the config file (default: $TICKFORGE_ENV)')
    .option('--store <url>', 'store URL: duckdb:<path>, duckdb::memory:, postgres://user:password@host:port/db[?schema=name] (default: duckdb:./.tickforge/tickforge.duckdb)')
    .option('--log-level <level>', `log level: ${logLevels.join(', ')}`, choice(logLevels))
    .option('-q, --quiet', 'no progress bars and no log lines below warn');
}

export function globalOptionsOf(command: Command): GlobalOptions {
  return command.optsWithGlobals<GlobalOptions>();
}

export function runtimeFor(command: Command): Runtime {
  const options = globalOptionsOf(command);
  return createRuntime({
    configFile: options.config,
    environment: options.env,
    storeUrl: options.store,
    logLevel: options.logLevel ?? (options.quiet ? 'warn' : undefined),
  });
}
