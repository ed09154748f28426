#!/usr/bin/env node
import { createRequire } from 'node:module';
import { Command, CommanderError } from 'commander';
import { isTickforgeError } from '../core/errors.js';
import { addGlobalOptions } from './globalOptions.js';
import { backtestCommand } from './backtestCommand.js';
import { cacheCommand } from './cacheCommand.js';
import { computeCommand } from './computeCommand.js';
import { configCommand } from './configCommand.js';
import { coverageCommand } from './coverageCommand.js';
import { exportCommand } from './exportCommand.js';
import { forecastCommand } from './forecastCommand.js';
import { generateCommand } from './generateCommand.js';
import { indicatorCommand } from './indicatorCommand.js';
import { ingestCommand } from './ingestCommand.js';
import { runCommand } from './runCommand.js';
import { showCommand } from './showCommand.js';
import { signalsCommand } from './signalsCommand.js';
import { structureCommand } from './structureCommand.js';
import { sweepCommand } from './sweepCommand.js';
import { updateCommand } from './updateCommand.js';

// src/cli and dist/cli both sit two levels below package.json.
const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };

/** Exit codes: 0 ok, 1 runtime failure, 2 bad usage or bad input. */
export async function main(argv: readonly string[]): Promise<number> {
  const program = addGlobalOptions(new Command('tickforge'))
    .description('Market data, indicators, backtests and paper trading: one fast TypeScript engine.')
    .version(version)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  for (const command of [runCommand(), ingestCommand(), updateCommand(), generateCommand(), showCommand(), coverageCommand(), exportCommand(), indicatorCommand(), computeCommand(), structureCommand(), signalsCommand(), backtestCommand(), sweepCommand(), forecastCommand(), cacheCommand(), configCommand()]) {
    program.addCommand(command.exitOverride());
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    return reportError(error);
  }
}

function reportError(error: unknown): number {
  if (error instanceof CommanderError) {
    // Commander has printed the message already; help and version exit cleanly.
    return error.exitCode === 0 || error.code === 'commander.helpDisplayed' || error.code === 'commander.version' ? 0 : 2;
  }
  if (isTickforgeError(error)) {
    process.stderr.write(`error ${error.code}: ${error.message}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`error: ${message}\n`);
  return 1;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`fatal: ${String(error)}\n`);
    process.exitCode = 1;
  },
);
