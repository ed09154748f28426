import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Piscina } from 'piscina';
import { simulate } from '../../src/backtest/simulator/simulate.js';
import { Random } from '../../src/core/Random.js';
import { generateUniverse } from '../../src/data/synthetic/generateUniverse.js';
import { validateBars } from '../../src/data/validate/validateBars.js';
import { backtestColumns, columnInputs, columnOptions, shareColumns, summarize, type ColumnInputs, type ColumnSummary, type SharedColumns } from '../backtestColumns.js';
import { SP500_FILE, type UniverseTiming } from '../backtestChild.js';
import { measureGrid } from '../backtestGrid.js';
import type { ColumnsTask } from '../backtestWorker.js';
import { garbageCollector } from '../garbageCollector.js';
import type { BenchMeasurement, BenchTarget, Suite } from '../harness.js';
import { measureBacktestKit } from '../peers/backtestKitPeer.js';
import { timeRounds } from '../timeRounds.js';

/**
 * The simulator's speed (issue 7):
 * 1. 1,000,000 bars x 8 columns with sparse entry/exit signals, 0.1% fees and 5 bps slippage:
 *    the columns backtested independently (vectorbt's columns without cash sharing) on two
 *    worker threads (compared with VectorBT PRO's 25 ms) and on one thread (the single-core
 *    throughput), and the 8 symbols as one portfolio sharing its cash;
 * 2. the S&P 500 file through the SMA 10/30 crossover with a portfolio-level simulation, in a
 *    child process that also reports the run's peak resident memory;
 * 3. backtest-kit, the peer the issue names, against tickforge on one symbol's daily bars, when it
 *    is built outside the repo (TICKFORGE_BACKTEST_KIT; npm here cannot install it: see the note).
 * 4. the 10,000-pair SMA grid over ten years of daily bars through the sweep module
 *    (bench/backtestGrid.ts).
 */
const LENGTH = 1_000_000;
const COLUMNS = 8;
const THREADS = 2;
/** An entry signal and, independently, an exit signal on about 1% of the bars each: a round trip every ~200 bars, an order every ~100. */
const SIGNAL_DENSITY = 0.01;
const SEED = 7;
const RUNS = 7;
const UNIVERSE_RUNS = 5;
const here = fileURLToPath(new URL('.', import.meta.url));
const workerFile = pathToFileURL(`${here}../backtestWorker.ts`);
const childScript = `${here}../backtestChild.ts`;

/** Eight synthetic crypto minute series (24/7, aligned clocks), validated as ingest validates, and seeded sparse long entry/exit arrays. */
function buildColumns(): ColumnInputs[] {
  const start = Date.UTC(2022, 0, 3);
  const universe = generateUniverse({ symbols: COLUMNS, timeframe: '1m', start, end: start + LENGTH * 60_000, seed: SEED, market: 'crypto' });
  return universe.map((generated) => {
    const { bars } = validateBars({ bars: generated });
    const random = Random.fromSeed(SEED, 'backtest-signals', bars.symbol);
    const longEntries = new Uint8Array(bars.length);
    const longExits = new Uint8Array(bars.length);
    for (let i = 0; i < bars.length; i++) {
      if (random.nextDouble() < SIGNAL_DENSITY) longEntries[i] = 1;
      if (random.nextDouble() < SIGNAL_DENSITY) longExits[i] = 1;
    }
    return { bars, longEntries, longExits };
  });
}

/** Two worker threads (piscina, as src/parallel uses) over the shared columns; `run` backtests the columns split between them and resolves when both are done. */
function startWorkers(shared: SharedColumns) {
  const execArgv = ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href];
  const pool = new Piscina({ filename: workerFile.href, minThreads: THREADS, maxThreads: THREADS, execArgv, idleTimeout: 60_000 });
  const share = (thread: number) => Array.from({ length: COLUMNS }, (_, k) => k).filter((k) => k % THREADS === thread);
  return {
    run: async (summary: boolean, validated: boolean) =>
      (await Promise.all(Array.from({ length: THREADS }, (_, thread) => pool.run({ shared, columns: share(thread), summary, validated } satisfies ColumnsTask) as Promise<ColumnSummary[]>))).flat(),
    stop: () => pool.destroy(),
  };
}

function universeInChild(dir: string): UniverseTiming | string {
  const child = spawnSync(process.execPath, [...process.execArgv, childScript, dir, String(UNIVERSE_RUNS)], { encoding: 'utf8', timeout: 600_000, maxBuffer: 16 * 1024 * 1024 });
  const lastLine = (child.stdout ?? '').trim().split('\n').pop() ?? '';
  if (child.error || child.status !== 0 || !lastLine.startsWith('{')) return child.error?.message ?? ((child.stderr ?? '').trim().split('\n').slice(-3).join(' | ') || `exit ${child.status}`);
  return JSON.parse(lastLine) as UniverseTiming;
}

export const run: Suite = async (context) => {
  const gc = garbageCollector();
  const measurements: BenchMeasurement[] = [];
  const targets: BenchTarget[] = [];
  const notes: string[] = [];
  const totalBars = LENGTH * COLUMNS;

  // 1. 1,000,000 bars x 8 columns.
  context.log(`backtest: generating ${COLUMNS} x ${LENGTH.toLocaleString('en-US')} synthetic minute bars and signals`);
  const shared = shareColumns(buildColumns());
  const inputs = columnInputs(shared, true);
  const checkedInputs = columnInputs(shared, false);
  const columnsCase = `${LENGTH.toLocaleString('en-US')} bars x ${COLUMNS} columns, sparse signals, 0.1% fee + 5 bps slippage`;
  const workers = startWorkers(shared);
  try {
    const threadSummary = await workers.run(true, true);
    context.log('backtest: columns on two worker threads');
    const parallelMs = await timeRounds(() => workers.run(false, true), RUNS, gc);
    const parallelCheckedMs = await timeRounds(() => workers.run(false, false), RUNS, gc);
    context.log('backtest: columns on one thread');
    const singleMs = await timeRounds(() => backtestColumns(inputs), RUNS, gc);
    const singleCheckedMs = await timeRounds(() => backtestColumns(checkedInputs), RUNS, gc);
    const withCurvesMs = await timeRounds(() => backtestColumns(inputs).forEach((result) => result.curve.equity), RUNS, gc);
    context.log('backtest: one portfolio of the 8 symbols');
    const portfolio = () => simulate({ symbols: inputs }, { ...columnOptions, sizing: { kind: 'equity-fraction', fraction: 1 / COLUMNS } });
    const portfolioMs = await timeRounds(portfolio, RUNS, gc);
    const summary = summarize(backtestColumns(inputs));
    const checkedSummary = summarize(backtestColumns(checkedInputs));
    const portfolioResult = portfolio();
    const checked = '(independent columns, bars checked by simulate';
    measurements.push(
      { case: columnsCase, implementation: `tickforge (independent columns, ${THREADS} worker threads)`, metric: 'time', value: parallelMs, unit: 'ms', better: 'lower' },
      { case: columnsCase, implementation: `tickforge ${checked}, ${THREADS} worker threads)`, metric: 'time', value: parallelCheckedMs, unit: 'ms', better: 'lower' },
      { case: columnsCase, implementation: 'tickforge (independent columns, 1 thread)', metric: 'time', value: singleMs, unit: 'ms', better: 'lower' },
      { case: columnsCase, implementation: 'tickforge (independent columns, 1 thread)', metric: 'single-core throughput', value: totalBars / (singleMs / 1_000), unit: 'bars/s', better: 'higher' },
      { case: columnsCase, implementation: `tickforge ${checked}, 1 thread)`, metric: 'time', value: singleCheckedMs, unit: 'ms', better: 'lower' },
      { case: columnsCase, implementation: `tickforge ${checked}, 1 thread)`, metric: 'single-core throughput', value: totalBars / (singleCheckedMs / 1_000), unit: 'bars/s', better: 'higher' },
      { case: columnsCase, implementation: 'tickforge (independent columns, 1 thread, equity curves read)', metric: 'time', value: withCurvesMs, unit: 'ms', better: 'lower' },
      { case: columnsCase, implementation: `tickforge (one portfolio of ${COLUMNS} symbols, shared cash, 1 thread)`, metric: 'time', value: portfolioMs, unit: 'ms', better: 'lower' },
      { case: columnsCase, implementation: `tickforge (one portfolio of ${COLUMNS} symbols, shared cash, 1 thread)`, metric: 'throughput', value: totalBars / (portfolioMs / 1_000), unit: 'bars/s', better: 'higher' },
    );
    targets.push({ description: `${columnsCase}, independent columns on this machine's two cores (VectorBT PRO's published figure)`, measured: parallelMs, unit: 'ms', target: 25, met: parallelMs < 25 });
    if (JSON.stringify(checkedSummary) !== JSON.stringify(summary)) notes.push('the runs on checked bars DO NOT give the ledgers of the runs on validated bars.');
    const same = JSON.stringify([...threadSummary].sort((a, b) => (a.symbol < b.symbol ? -1 : 1))) === JSON.stringify(summary);
    const trades = summary.reduce((n, column) => n + column.trades, 0);
    const fills = summary.reduce((n, column) => n + column.fills, 0);
    notes.push(
      `columns: ${COLUMNS} synthetic crypto minute series (generateUniverse, seed ${SEED}, 24/7 so the clocks align), long entries and exits each on ~${SIGNAL_DENSITY * 100}% of the bars (seeded); ` +
        `next-open fills, all equity per entry, 0.1% fee and 5 bps slippage per fill. Independent columns: ${trades} trades and ${fills} fills in all (${(fills / COLUMNS).toFixed(0)} orders filled per column), ` +
        `final equities ${summary.map((column) => column.equity.toPrecision(4)).join(', ')}; the worker threads' ledgers ${same ? 'match' : 'DO NOT match'} the main thread's. ` +
        `One portfolio (1/${COLUMNS} of equity per entry, shared cash): ${portfolioResult.trades.length} trades.`,
      "what the 25 ms target is compared with: the independent columns on two worker threads (vectorbt's 8 columns are 8 backtests without cash sharing), wall time of a round after the workers started " +
        '(the bars sit in SharedArrayBuffers both threads read). The columns were validated once when built, as ingest validates every series (validateBars), and the proof travels with the bars to the workers ' +
        '(as unpackBars carries it), so `simulate` reads only what the run needs: the signal columns and the bars where something happens. ' +
        "The 'bars checked by simulate' rows run the same columns as Bars without that proof: each call then checks all six columns (order of times, positive prices, low <= open, close <= high, volume >= 0), " +
        `which vectorbt never does: 48 MB per column, memory-bound here. Both give the same ledgers${JSON.stringify(checkedSummary) === JSON.stringify(summary) ? ' (compared)' : ' (NOT: see above)'}. ` +
        'Trades, fills, orders and the per-step equity/cash/exposure curves are built on first read ' +
        "(as vectorbt computes a portfolio's value on access), and the 'equity curves read' row times the same runs with every column's curve built.",
      `median of ${RUNS} rounds after a warm-up, each after a full garbage collection.`,
    );
  } finally {
    await workers.stop();
  }

  // 2. The S&P 500 universe, in a child process.
  if (context.sharedDataDir === undefined) notes.push(`../shared/data is absent: the S&P 500 case needs ${SP500_FILE}; it was skipped.`);
  else {
    context.log('backtest: S&P 500 through SMA 10/30 with a portfolio-level simulation (child process)');
    const universe = universeInChild(context.sharedDataDir);
    if (typeof universe === 'string') notes.push(`the S&P 500 child process failed: ${universe}`);
    else {
      const universeCase = `S&P 500 (${universe.symbols} symbols, ${universe.bars.toLocaleString('en-US')} bars), SMA 10/30 crossover, portfolio-level`;
      measurements.push(
        { case: universeCase, implementation: 'tickforge (strategy + router + simulation)', metric: 'time', value: universe.pipelineMs, unit: 'ms', better: 'lower' },
        { case: universeCase, implementation: 'tickforge (simulation with the router, signals given)', metric: 'time', value: universe.routerMs, unit: 'ms', better: 'lower' },
        { case: universeCase, implementation: 'tickforge (simulation of entry/exit arrays)', metric: 'time', value: universe.arraysMs, unit: 'ms', better: 'lower' },
        { case: universeCase, implementation: 'tickforge (strategy signals only)', metric: 'time', value: universe.strategyMs, unit: 'ms', better: 'lower' },
        { case: universeCase, implementation: 'tickforge (read + validate the .csv.gz)', metric: 'time', value: universe.readMs, unit: 'ms', better: 'lower' },
        { case: universeCase, implementation: 'tickforge (first pass: file, strategy, simulation)', metric: 'time', value: universe.firstPassMs, unit: 'ms', better: 'lower' },
        { case: universeCase, implementation: 'tickforge (first pass: file, strategy, simulation)', metric: 'peak RSS', value: universe.peakRssMb, unit: 'MB', better: 'lower' },
      );
      targets.push(
        { description: 'S&P 500 through one strategy with a portfolio-level simulation (signals, router, simulation)', measured: universe.pipelineMs, unit: 'ms', target: 1_000, met: universe.pipelineMs < 1_000 },
        { description: 'the same, first pass from the .csv.gz file (read, validate, signals, router, simulation)', measured: universe.firstPassMs, unit: 'ms', target: 1_000, met: universe.firstPassMs < 1_000 },
        { description: 'peak resident memory of that run (the whole process)', measured: universe.peakRssMb, unit: 'MB', target: 500, met: universe.peakRssMb < 500 },
      );
      notes.push(
        `S&P 500: ${universe.router.signals} signals; through the router (5% of equity per entry, at most 20 positions): ${universe.router.trades} trades, final equity ${universe.router.equity.toFixed(2)} from 100,000; ` +
          `as entry/exit arrays (5% per entry, no position limit: entries shrink once margin runs out): ${universe.arrays.trades} trades, final equity ${universe.arrays.equity.toFixed(2)}. ` +
          `Timed in a child process (bench/backtestChild.ts): median of ${UNIVERSE_RUNS} after a warm-up; the first pass is a single cold run, its peak RSS the process's maximum resident set ` +
          `(VmHWM, the whole process with Node and tsx: its peak was ${universe.rssBeforeMb.toFixed(0)} MB before the file was read).`,
      );
    }
  }

  // 3. The peer, on one symbol (bench/peers/backtestKitPeer.ts: a note instead when it is not installed).
  const peer = measureBacktestKit(context.sharedDataDir, context.log);
  measurements.push(...peer.measurements);
  notes.push(...peer.notes);
  const grid = await measureGrid(context);
  measurements.push(...grid.measurements);
  targets.push(...grid.targets);
  notes.push(...grid.notes);
  return { suite: 'backtest', measurements, targets, notes };
};
