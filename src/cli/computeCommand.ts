import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { PassThrough } from 'node:stream';
import { createGzip } from 'node:zlib';
import { Command, InvalidArgumentError } from 'commander';
import { loadSeries } from '../app/loadSeries.js';
import type { Bars } from '../core/Bars.js';
import { TickforgeError } from '../core/errors.js';
import type { Timeframe } from '../core/Timeframe.js';
import { readBarsFiles } from '../data/readBarsFile.js';
import { validateBars } from '../data/validate/validateBars.js';
import { resolvePlan, type PlanEntry } from '../indicators/computeAll.js';
import { defaultIndicatorPlan } from '../indicators/defaultIndicatorPlan.js';
import { computeUniverse } from '../parallel/computeUniverse.js';
import { formatTable } from './formatTable.js';
import { globalOptionsOf, runtimeFor } from './globalOptions.js';
import { parseParameters } from './parseParameters.js';
import { nonNegativeInteger, symbolList, timeframe } from './parseOptions.js';
import { createProgress } from './progressBar.js';
import { writeIndicatorColumns } from './writeIndicatorColumns.js';

interface ComputeOptions {
  input?: string[];
  symbols?: string[];
  timeframe?: Timeframe;
  indicator?: PlanEntry[];
  threads?: number;
  out?: string;
}

export function computeCommand(): Command {
  return new Command('compute')
    .description('compute a plan of indicators over every series of the store (or of files) on worker threads; print a summary, write columns with --out')
    .option('--input <paths...>', 'bar files or directories instead of the store')
    .option('--symbols <list>', 'only these symbols (default: all)', symbolList)
    .option('--timeframe <tf>', 'timeframe of the stored series (default: each symbol\'s only one, or 1d)', timeframe)
    .option('--indicator <spec>', 'name[:param=value,...], repeatable (default: the default plan, see `tickforge indicator --list`)', collectPlan)
    .option('--threads <n>', 'worker threads; 0 = this thread (default: all cores for large universes, this thread for small ones)', nonNegativeInteger)
    .option('--out <dir>', 'write <SYMBOL>_<tf>.csv.gz per series with the time and every output column')
    .action(async (options: ComputeOptions, command: Command) => {
      const plan = options.indicator ?? defaultIndicatorPlan;
      const resolved = resolvePlan(plan);
      const progress = createProgress({ quiet: globalOptionsOf(command).quiet === true, unit: 'series' });
      const universe = await loadUniverse(options, command);
      if (universe.length === 0) throw new TickforgeError('TF_ERR_STORE_NOT_FOUND', 'No series to compute: the store (or the input) holds none that match. See `tickforge coverage`.');
      const started = performance.now();
      progress.start(universe.length, 'computing');
      const results = await computeUniverse(universe, { plan, threads: options.threads, onProgress: (done) => progress.update(done) });
      progress.stop();
      const seconds = (performance.now() - started) / 1000;
      if (options.out !== undefined) {
        mkdirSync(options.out, { recursive: true });
        for (const [index, result] of results.entries()) {
          const file = join(options.out, `${result.symbol}_${result.timeframe}.csv.gz`);
          const text = new PassThrough();
          const done = pipeline(text, createGzip(), createWriteStream(file));
          await writeIndicatorColumns(text, universe[index], result.columns, 'csv');
          text.end();
          await done;
        }
      }
      const rows = results.map((result, index) => [result.symbol, result.timeframe, universe[index].length, result.columns.size]);
      const bars = universe.reduce((n, b) => n + b.length, 0);
      process.stdout.write(`${formatTable(['symbol', 'timeframe', 'bars', 'columns'], rows)}\n`);
      process.stdout.write(`${resolved.entries.length} indicators (${resolved.columns.length} columns) over ${universe.length} series, ${bars} bars, in ${seconds.toFixed(2)} s${options.out ? `; written to ${options.out}` : ''}\n`);
    });
}

function collectPlan(spec: string, previous: PlanEntry[] = []): PlanEntry[] {
  const colon = spec.indexOf(':');
  const name = (colon < 0 ? spec : spec.slice(0, colon)).trim();
  if (name === '') throw new InvalidArgumentError(`"${spec}" names no indicator; use name or name:param=value,...`);
  return [...previous, { name, parameters: colon < 0 ? {} : parseParameters(spec.slice(colon + 1)) }];
}

async function loadUniverse(options: ComputeOptions, command: Command): Promise<Bars[]> {
  const wanted = options.symbols === undefined ? undefined : new Set(options.symbols);
  if (options.input !== undefined) {
    const universe: Bars[] = [];
    for await (const file of readBarsFiles(options.input, { timeframe: options.timeframe })) {
      for (const table of file.tables) {
        if (wanted !== undefined && !wanted.has(table.symbol)) continue;
        // Missing values stay (indicators skip them); order and uniqueness must hold.
        universe.push(validateBars(table, { onInvalid: 'keep' }).bars);
      }
    }
    return universe;
  }
  const runtime = runtimeFor(command);
  try {
    const store = await runtime.store();
    const symbols = options.symbols ?? (await store.listSymbols(options.timeframe));
    const universe: Bars[] = [];
    for (const symbol of symbols) universe.push(await loadSeries(store, { symbol, timeframe: options.timeframe }));
    return universe;
  } finally {
    await runtime.close();
  }
}
