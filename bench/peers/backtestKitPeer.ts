import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { simulate } from '../../src/backtest/simulator/simulate.js';
import type { Bars } from '../../src/core/Bars.js';
import { readCsvBars } from '../../src/data/csv/readCsvBars.js';
import { validateBars } from '../../src/data/validate/validateBars.js';
import { movingAverageCross } from '../../src/strategy/builtin/movingAverageCross.js';
import { runStrategy } from '../../src/strategy/runStrategy.js';
import { columnOptions } from '../backtestColumns.js';
import { SP500_FILE } from '../backtestChild.js';
import { garbageCollector } from '../garbageCollector.js';
import type { BenchMeasurement } from '../harness.js';
import { median } from '../median.js';

/**
 * backtest-kit, the peer issue 7 names, against tickforge on the same strategy (SMA 10/30
 * crossover, long on the cross up, flat on the cross down) over the same bars (one S&P 500
 * symbol's 1,259 daily bars). The peer is not a dependency: it is loaded, like a system library,
 * from the directory in TICKFORGE_BACKTEST_KIT (default ../peers/backtest-kit beside the repo),
 * whose node_modules hold it, or which is the package itself.
 *
 * Both run in a child process (this file is its script): backtest-kit keeps its schemas and
 * state in module globals and ends the process (process.exit) when a backtest breaks, and the
 * child's working directory is a temporary one, since backtest-kit writes its caches and reports
 * under ./dump and ./logs.
 */
export const BACKTEST_KIT_ENV = 'TICKFORGE_BACKTEST_KIT';
const SYMBOL = 'AAPL';
const FAST = 10;
const SLOW = 30;
const PEER_RUNS = 5;
const TICKFORGE_ROUNDS = 11;
/**
 * One tickforge run of 1,259 bars takes well under a millisecond: each timed round repeats it.
 * No full collection precedes these rounds: measured here, the runs after one cost about 2 ms of
 * CPU more in all (the heap regrows, the collector's threads finish), ten runs' worth.
 */
const TICKFORGE_REPEAT = 500;
const INITIAL_EQUITY = 100_000;
const MINUTE = 60_000;
/** Candle k of the peer's series opens at ORIGIN + k minutes: any past time works (its engine serves no candle that closes after Date.now()). */
const ORIGIN = Date.UTC(2000, 0, 1);
const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '..', '..');

/** The parts of backtest-kit's API this comparison uses (its types are not a dependency of tickforge). */
interface Candle {
  timestamp: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}
interface TickResult {
  action: string;
  closeReason?: string;
  closeTimestamp?: number;
  pnl?: { pnlPercentage: number };
  signal?: { pendingAt: number } | null;
}
interface SignalDto {
  position: 'long';
  priceTakeProfit: number;
  priceStopLoss: number;
  minuteEstimatedTime: number;
}
interface BacktestKit {
  setConfig(config: Record<string, number>): void;
  PersistCandleAdapter: { useDummy(): void };
  addExchangeSchema(schema: {
    exchangeName: string;
    getCandles: (symbol: string, interval: string, since: Date, limit: number) => Promise<Candle[]>;
    formatPrice: (symbol: string, price: number) => Promise<string>;
    formatQuantity: (symbol: string, quantity: number) => Promise<string>;
  }): void;
  addFrameSchema(schema: { frameName: string; interval: '1m'; startDate: Date; endDate: Date }): void;
  addStrategySchema(schema: {
    strategyName: string;
    interval: '1m';
    getSignal: (symbol: string, when: Date, currentPrice: number) => Promise<SignalDto | null>;
    callbacks: { onActivePing: (symbol: string, signal: unknown, currentPrice: number, when: Date) => Promise<void> };
  }): void;
  getCandles(symbol: string, interval: '1m', limit: number): Promise<Candle[]>;
  commitClosePending(symbol: string): Promise<void>;
  Backtest: { run(symbol: string, context: { strategyName: string; exchangeName: string; frameName: string }): AsyncIterable<TickResult> };
}

/** What each side did: its trade count, its final equity from 100,000, and the bars whose signal each entry and exit acted on. */
interface RunSummary {
  trades: number;
  equity: number;
  entrySignals: number[];
  exitSignals: number[];
}

export interface PeerComparison {
  symbol: string;
  bars: number;
  version: string;
  tickforgeMs: number;
  /** The same runs without reading the trades: the simulator builds its trade ledger on first read. */
  tickforgeEquityOnlyMs: number;
  peerMs: number;
  peerCpuMs: number;
  peerFirstMs: number;
  tickforge: { trades: number; equity: number };
  peer: { trades: number; equity: number };
  sameEntries: number;
  sameExits: number;
  /** Signal bars of tickforge's entries that backtest-kit did not act on, and the converse. */
  missedEntries: number[];
  extraEntries: number[];
}

export function backtestKitDir(): string {
  return resolve(repoRoot, process.env[BACKTEST_KIT_ENV] ?? join('..', 'peers', 'backtest-kit'));
}

/** backtest-kit's entry file under `dir`, or undefined when it is not there. */
function resolvePeer(dir: string): string | undefined {
  if (!existsSync(dir)) return undefined;
  try {
    return createRequire(join(dir, 'package.json')).resolve('backtest-kit');
  } catch {
    return undefined;
  }
}

function absentNote(dir: string): string {
  return (
    `backtest-kit (the peer the issue names) is not measured: it is not in ${dir}. The npm registry here serves only backtest-kit 19.5.0, which cannot be installed ` +
    '(its dependency di-singleton is not on the registry, and di-kit ^1.1.1, di-scoped ^1.0.21, functools-kit ^5.0.0 and get-moment-stamp ^3.0.0 are not served), ' +
    `so build it and those dependencies from their GitHub sources outside this repository and set ${BACKTEST_KIT_ENV} to a directory whose node_modules hold it ` +
    '(or to the package itself); the backtest suite then compares it on one symbol.'
  );
}

/** The comparison, in a child process; measurements and notes for the backtest suite, or a note saying why there are none. */
export function measureBacktestKit(sharedDataDir: string | undefined, log: (line: string) => void): { measurements: BenchMeasurement[]; notes: string[] } {
  const dir = backtestKitDir();
  if (resolvePeer(dir) === undefined) return { measurements: [], notes: [absentNote(dir)] };
  if (sharedDataDir === undefined) return { measurements: [], notes: [`backtest-kit is in ${dir} but ../shared/data is absent: the comparison needs ${SP500_FILE}; it was skipped.`] };
  log(`backtest: backtest-kit (${dir}) against tickforge on ${SYMBOL}, SMA ${FAST}/${SLOW} crossover (child process)`);
  const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), dir, sharedDataDir], { encoding: 'utf8', timeout: 600_000, maxBuffer: 64 * 1024 * 1024 });
  const lastLine = (child.stdout ?? '').trim().split('\n').pop() ?? '';
  if (child.error || child.status !== 0 || !lastLine.startsWith('{')) {
    const why = child.error?.message ?? ((child.stderr ?? '').trim().split('\n').slice(-3).join(' | ') || `exit ${child.status}`);
    return { measurements: [], notes: [`the backtest-kit comparison failed (${dir}): ${why}`] };
  }
  const result = JSON.parse(lastLine) as PeerComparison;
  const peerName = `backtest-kit ${result.version}`;
  const comparisonCase = `SMA ${FAST}/${SLOW} crossover, one S&P 500 symbol (${result.symbol}, ${result.bars.toLocaleString('en-US')} daily bars), strategy + simulation`;
  const measurements: BenchMeasurement[] = [
    { case: comparisonCase, implementation: 'tickforge', metric: 'time', value: result.tickforgeMs, unit: 'ms', better: 'lower' },
    { case: comparisonCase, implementation: 'tickforge (final equity only, trades not read)', metric: 'time', value: result.tickforgeEquityOnlyMs, unit: 'ms', better: 'lower' },
    { case: comparisonCase, implementation: peerName, metric: 'time', value: result.peerMs, unit: 'ms', better: 'lower' },
  ];
  return { measurements, notes: comparisonNotes(result, peerName, dir) };
}

function comparisonNotes(result: PeerComparison, peerName: string, dir: string): string[] {
  const { tickforge, peer } = result;
  return [
    `${peerName} (from ${dir}) against tickforge on ${result.symbol}: ${(result.peerMs / result.tickforgeMs).toFixed(0)}x tickforge's time ` +
      `(${result.peerMs.toFixed(0)} ms, median of ${PEER_RUNS} runs after a first one of ${result.peerFirstMs.toFixed(0)} ms; ${result.peerCpuMs.toFixed(0)} ms of CPU per run; ` +
      `tickforge ${(result.tickforgeMs * 1_000).toFixed(0)} µs, median of ${TICKFORGE_ROUNDS} rounds of ${TICKFORGE_REPEAT} runs after a warm-up round, each the strategy's signals, entry/exit arrays, simulate and its trades read; ` +
      `${(result.tickforgeEquityOnlyMs * 1_000).toFixed(0)} µs when only the final equity is read, the trade ledger being built on first read). ` +
      'Both from the start of the run to its last result, in one child process.',
    `trades and equity: tickforge ${tickforge.trades} trades, final equity ${tickforge.equity.toFixed(2)}; backtest-kit ${peer.trades} trades, ${peer.equity.toFixed(2)} ` +
      `(${INITIAL_EQUITY.toLocaleString('en-US')} compounded through its per-trade pnlPercentage: it sizes each signal by a fixed cost and keeps no account). ` +
      `Entries on the same signal bar: ${result.sameEntries} of ${peer.trades}; exits on the same signal bar: ${result.sameExits} of ${peer.trades}` +
      (result.missedEntries.length === 0 ? '' : `; tickforge's entries on signal bars ${result.missedEntries.join(', ')} have no backtest-kit trade (a cross up within two bars of a cross down: backtest-kit's position is still open then, and its next getSignal no longer sees that cross)`) +
      (result.extraEntries.length === 0 ? '. ' : `; backtest-kit's entries on signal bars ${result.extraEntries.join(', ')} have no tickforge trade. `) +
      'The fills differ by convention: tickforge fills a signal at the next bar\'s open (5 bps slippage, 0.1% fee per fill, all equity per entry, what is open at the end closes at the last close). ' +
      'backtest-kit has no next-open fill: its getSignal, called at a bar\'s start, sees the bars before it (its look-ahead guard) and opens at once at its current price, the VWAP of the last ' +
      'CC_AVG_PRICE_CANDLES_COUNT candles (set to 1: the signal bar\'s (high + low + close) / 3). It has no exit signal either (getSignal is not called while a position is open): ' +
      'the exit is its onActivePing callback calling commitClosePending, which sees the bars before the pinged one and closes on the following candle at that candle\'s VWAP, two bars after the signal bar. ' +
      'Fee 0.1% and slippage 0.05% per side (CC_PERCENT_FEE, CC_PERCENT_SLIPPAGE), take-profit and stop-loss out of reach (x1000 and x0.001), no time limit.',
    'how backtest-kit is fed: its position engine replays 1-minute candles (getNextCandles(symbol, "1m") is built in, and a strategy interval is at most 1h), so the daily bars are served ' +
      'as consecutive 1-minute candles through its exchange schema (getCandles), with a 1-minute frame and strategy interval; getSignal reads the closes through its getCandles. ' +
      'Its on-disk candle cache is off (PersistCandleAdapter.useDummy(): it would write one JSON file per candle; the candles are in memory). Past the last bar the exchange serves flat candles at ' +
      'the last close, since an open position is replayed in chunks of 1,000 candles and a short answer ends the backtest; a position open at the end closes there (time_expired) at the last close.',
  ];
}

/** tickforge: the built-in strategy's signals as entry/exit arrays, simulated with all equity per entry (the S&P case's arrays, one symbol). */
function tickforgeRun(bars: Bars) {
  const longEntries = new Uint8Array(bars.length);
  const longExits = new Uint8Array(bars.length);
  for (const signal of runStrategy(movingAverageCross, bars, { fastPeriod: FAST, slowPeriod: SLOW })) (signal.kind === 'entry' ? longEntries : longExits)[signal.index] = 1;
  return simulate({ symbols: [{ bars, longEntries, longExits }] }, columnOptions);
}

function tickforgeSummary(bars: Bars): RunSummary {
  const { trades, equity } = tickforgeRun(bars);
  return {
    trades: trades.length,
    equity,
    entrySignals: trades.map((trade) => trade.entryIndex - 1),
    exitSignals: trades.filter((trade) => trade.exitReason === 'signal').map((trade) => trade.exitIndex - 1),
  };
}

function average(candles: readonly Candle[], period: number, end: number): number {
  let sum = 0;
  for (let i = end - period; i < end; i++) sum += candles[i].close;
  return sum / period;
}

/** -1, 0 or 1: whether the fast average crossed below, did not cross, or crossed above the slow one at the last of `candles` (tickforge's rule). */
function crossAtLast(candles: readonly Candle[]): number {
  const n = candles.length;
  const before = Math.sign(average(candles, FAST, n - 1) - average(candles, SLOW, n - 1));
  const now = Math.sign(average(candles, FAST, n) - average(candles, SLOW, n));
  if (before <= 0 && now > 0) return 1;
  if (before >= 0 && now < 0) return -1;
  return 0;
}

/** Registers the exchange, frame and strategy schemas over `bars`, once per process. */
function register(kit: BacktestKit, bars: Bars): void {
  const candles: Candle[] = [];
  for (let k = 0; k < bars.length; k++) {
    candles.push({ timestamp: ORIGIN + k * MINUTE, open: bars.open[k], high: bars.high[k], low: bars.low[k], close: bars.close[k], volume: bars.volume[k] });
  }
  const last = candles[candles.length - 1];
  const serve = async (_symbol: string, interval: string, since: Date, limit: number): Promise<Candle[]> => {
    if (interval !== '1m') throw new Error(`the comparison serves 1m candles only, not ${interval}`);
    const out: Candle[] = [];
    for (let k = Math.round((since.getTime() - ORIGIN) / MINUTE), n = 0; n < limit; k++, n++) {
      if (k < 0) continue;
      const close = last.close;
      out.push(k < candles.length ? candles[k] : { timestamp: ORIGIN + k * MINUTE, open: close, high: close, low: close, close, volume: last.volume });
    }
    return out;
  };
  kit.setConfig({
    CC_AVG_PRICE_CANDLES_COUNT: 1,
    CC_PERCENT_FEE: 0.1,
    CC_PERCENT_SLIPPAGE: 0.05,
    CC_MAX_STOPLOSS_DISTANCE_PERCENT: 99.99,
    CC_MAX_SIGNAL_LIFETIME_MINUTES: Infinity,
    CC_GET_CANDLES_RETRY_COUNT: 1,
  });
  kit.PersistCandleAdapter.useDummy();
  kit.addExchangeSchema({ exchangeName: 'tickforge-bars', getCandles: serve, formatPrice: async (_s, price) => price.toFixed(2), formatQuantity: async (_s, quantity) => quantity.toFixed(8) });
  // The first tick sees bars 0..SLOW: the first bar where both averages exist at two bars in a row, as in tickforge.
  kit.addFrameSchema({ frameName: 'sp500-daily', interval: '1m', startDate: new Date(ORIGIN + (SLOW + 1) * MINUTE), endDate: new Date(last.timestamp) });
  kit.addStrategySchema({
    strategyName: 'sma-crossover',
    interval: '1m',
    getSignal: async (symbol, _when, currentPrice) => {
      if (crossAtLast(await kit.getCandles(symbol, '1m', SLOW + 1)) <= 0) return null;
      return { position: 'long', priceTakeProfit: currentPrice * 1_000, priceStopLoss: currentPrice * 0.001, minuteEstimatedTime: Infinity };
    },
    callbacks: {
      onActivePing: async (symbol) => {
        if (crossAtLast(await kit.getCandles(symbol, '1m', SLOW + 1)) < 0) await kit.commitClosePending(symbol);
      },
    },
  });
}

async function peerRun(kit: BacktestKit): Promise<RunSummary> {
  const summary: RunSummary = { trades: 0, equity: INITIAL_EQUITY, entrySignals: [], exitSignals: [] };
  for await (const result of kit.Backtest.run(SYMBOL, { strategyName: 'sma-crossover', exchangeName: 'tickforge-bars', frameName: 'sp500-daily' })) {
    if (result.action !== 'closed') continue;
    summary.trades++;
    summary.equity *= 1 + result.pnl!.pnlPercentage / 100;
    summary.entrySignals.push((result.signal!.pendingAt - ORIGIN) / MINUTE - 1);
    if (result.closeReason === 'closed') summary.exitSignals.push((result.closeTimestamp! - ORIGIN) / MINUTE - 2);
  }
  return summary;
}

const shared = (a: readonly number[], b: readonly number[]) => a.filter((x) => b.includes(x)).length;

/** The child process's work: both sides on the same bars, timed. */
async function compare(peerDir: string, dataDir: string): Promise<PeerComparison> {
  const gc = garbageCollector();
  const { tables } = await readCsvBars(join(dataDir, SP500_FILE));
  const table = tables.find((candidate) => candidate.symbol === SYMBOL);
  if (table === undefined) throw new Error(`${SYMBOL} is not in ${SP500_FILE}`);
  const { bars } = validateBars(table, { onInvalid: 'drop', onDuplicate: 'last', onUnsorted: 'sort' });

  const ours = tickforgeSummary(bars);
  const timeTickforge = (read: (result: ReturnType<typeof tickforgeRun>) => number): number => {
    const rounds: number[] = [];
    let sink = 0;
    for (let round = -1; round < TICKFORGE_ROUNDS; round++) {
      const start = performance.now();
      for (let k = 0; k < TICKFORGE_REPEAT; k++) sink += read(tickforgeRun(bars));
      if (round >= 0) rounds.push((performance.now() - start) / TICKFORGE_REPEAT);
    }
    if (Number.isNaN(sink)) throw new Error('tickforge produced no equity');
    return median(rounds);
  };
  const tickforgeMs = timeTickforge((result) => result.trades.length + result.equity);
  const tickforgeEquityOnlyMs = timeTickforge((result) => result.equity);

  const entry = resolvePeer(peerDir)!;
  const version = (JSON.parse(readFileSync(join(dirname(entry), '..', 'package.json'), 'utf8')) as { version: string }).version;
  const workDir = mkdtempSync(join(tmpdir(), 'tickforge-backtest-kit-'));
  process.chdir(workDir);
  try {
    const kit = createRequire(entry)(entry) as BacktestKit;
    register(kit, bars);
    const firstStart = performance.now();
    const peer = await peerRun(kit);
    const peerFirstMs = performance.now() - firstStart;
    const wall: number[] = [];
    const cpu: number[] = [];
    for (let run = 0; run < PEER_RUNS; run++) {
      gc();
      const cpuStart = process.cpuUsage();
      const start = performance.now();
      await peerRun(kit);
      wall.push(performance.now() - start);
      const used = process.cpuUsage(cpuStart);
      cpu.push((used.user + used.system) / 1_000);
    }
    return {
      symbol: SYMBOL,
      bars: bars.length,
      version,
      tickforgeMs,
      tickforgeEquityOnlyMs,
      peerMs: median(wall),
      peerCpuMs: median(cpu),
      peerFirstMs,
      tickforge: { trades: ours.trades, equity: ours.equity },
      peer: { trades: peer.trades, equity: peer.equity },
      sameEntries: shared(peer.entrySignals, ours.entrySignals),
      sameExits: shared(peer.exitSignals, ours.exitSignals),
      missedEntries: ours.entrySignals.filter((bar) => !peer.entrySignals.includes(bar)),
      extraEntries: peer.entrySignals.filter((bar) => !ours.entrySignals.includes(bar)),
    };
  } finally {
    process.chdir(repoRoot);
    rmSync(workDir, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith('backtestKitPeer.ts')) {
  const [peerDir, dataDir] = process.argv.slice(2);
  console.log(JSON.stringify(await compare(peerDir, dataDir)));
}
