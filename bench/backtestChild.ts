import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simulate } from '../src/backtest/simulator/simulate.js';
import type { SimulationOptions, SymbolInput } from '../src/backtest/simulator/BacktestOptions.js';
import type { Bars } from '../src/core/Bars.js';
import { readCsvBars } from '../src/data/csv/readCsvBars.js';
import { validateBars } from '../src/data/validate/validateBars.js';
import { movingAverageCross } from '../src/strategy/builtin/movingAverageCross.js';
import type { RouterOptions } from '../src/strategy/router/RouterOptions.js';
import { runStrategy } from '../src/strategy/runStrategy.js';
import type { Signal } from '../src/strategy/Signal.js';
import { columnOptions } from './backtestColumns.js';
import { garbageCollector } from './garbageCollector.js';
import { median } from './median.js';

/**
 * Child process of the backtest suite: the S&P 500 file through the SMA 10/30 crossover and a
 * portfolio-level simulation, in a fresh process so that its peak resident memory is this run's
 * alone (the parent holds 400 MB of the 1M x 8 case). Prints one JSON line (the last of stdout).
 * Usage: tsx bench/backtestChild.ts <shared data dir> <runs>
 */
export const SP500_FILE = 'sp500_5yr_daily_2013-2018.csv.gz';
/** Each entry commits 5% of equity, at most 20 positions at once (the router's limits). */
export const routerOptions: RouterOptions = { positionFraction: 0.05, maxOpenPositions: 20 };
/** The same 5% per entry for the entry/exit arrays, which have no position limit: entries shrink once margin runs out. */
export const arrayOptions: SimulationOptions = { ...columnOptions, sizing: { kind: 'equity-fraction', fraction: 0.05 } };

export interface UniverseTiming {
  symbols: number;
  bars: number;
  rssBeforeMb: number;
  peakRssMb: number;
  firstPassMs: number;
  readMs: number;
  strategyMs: number;
  routerMs: number;
  arraysMs: number;
  pipelineMs: number;
  router: { trades: number; equity: number; signals: number };
  arrays: { trades: number; equity: number };
}

function entryExitArrays(universe: readonly Bars[], signals: readonly Signal[]): SymbolInput[] {
  const inputs = universe.map((bars) => ({ bars, longEntries: new Uint8Array(bars.length), longExits: new Uint8Array(bars.length) }));
  const bySymbol = new Map(inputs.map((input) => [input.bars.symbol, input]));
  for (const signal of signals) {
    const input = bySymbol.get(signal.symbol)!;
    (signal.kind === 'entry' ? input.longEntries : input.longExits)[signal.index] = 1;
  }
  return inputs;
}

/**
 * The process's peak resident set so far, in MB: Linux's VmHWM, which starts over with the new
 * address space of this process (getrusage's maxRSS does not: it keeps the parent's peak across
 * the fork and exec that started this child); maxRSS elsewhere.
 */
function peakResidentMb(): number {
  try {
    const line = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (line !== null) return Number(line[1]) / 1024;
  } catch {
    // Not Linux: fall through.
  }
  return process.resourceUsage().maxRSS / 1024;
}

async function readUniverse(dir: string): Promise<Bars[]> {
  const { tables } = await readCsvBars(join(dir, SP500_FILE));
  return tables.map((table) => validateBars(table, { onInvalid: 'drop', onDuplicate: 'last', onUnsorted: 'sort' }).bars);
}

const signalsOf = (universe: readonly Bars[]) => universe.flatMap((bars) => runStrategy(movingAverageCross, bars));
const routed = (universe: readonly Bars[], signals: readonly Signal[]) => simulate({ symbols: universe.map((bars) => ({ bars })), signals, router: routerOptions }, columnOptions);

export async function timeUniverse(dir: string, runs: number): Promise<UniverseTiming> {
  const gc = garbageCollector();
  gc();
  const rssBefore = peakResidentMb();
  // The first pass is the whole job once, from the file: its peak resident memory is the figure reported.
  const start = performance.now();
  const universe = await readUniverse(dir);
  const signals = signalsOf(universe);
  const firstResult = routed(universe, signals);
  const firstPassMs = performance.now() - start;
  const router = { trades: firstResult.trades.length, equity: firstResult.equity, signals: signals.length };
  const peakRss = peakResidentMb();
  const arrays = entryExitArrays(universe, signals);
  const arrayResult = simulate({ symbols: arrays }, arrayOptions);
  const timed = async (work: () => unknown): Promise<number> => {
    await work();
    const samples: number[] = [];
    for (let k = 0; k < runs; k++) {
      gc();
      const begin = performance.now();
      await work();
      samples.push(performance.now() - begin);
    }
    return median(samples);
  };
  return {
    symbols: universe.length,
    bars: universe.reduce((n, bars) => n + bars.length, 0),
    rssBeforeMb: rssBefore,
    peakRssMb: peakRss,
    firstPassMs,
    readMs: await timed(() => readUniverse(dir)),
    strategyMs: await timed(() => signalsOf(universe)),
    routerMs: await timed(() => routed(universe, signals)),
    arraysMs: await timed(() => simulate({ symbols: arrays }, arrayOptions)),
    pipelineMs: await timed(() => routed(universe, signalsOf(universe))),
    router,
    arrays: { trades: arrayResult.trades.length, equity: arrayResult.equity },
  };
}

if (process.argv[1]?.endsWith('backtestChild.ts')) {
  const [dir, runs] = process.argv.slice(2);
  console.log(JSON.stringify(await timeUniverse(dir, Number(runs))));
}
