import { TickforgeError } from '../../core/errors.js';
import type { BacktestInput, SimulationOptions } from './BacktestOptions.js';
import type { BacktestResult } from './BacktestResult.js';
import { BarsCheck, type BarsAhead } from './BarsCheck.js';
import { buildResult } from './buildResult.js';
import { longSignalsResult } from './longSignalsResult.js';
import { OrderSchedule } from './OrderSchedule.js';
import { prepareSymbols, validatedForSimulation } from './prepareSymbols.js';
import { buildClock } from './SimulationClock.js';
import { scheduleRequests } from './requestOrders.js';
import { resolveSimulationOptions, SizingKind, type ResolvedSimulationOptions } from './resolveSimulationOptions.js';
import { RouterDriver, scheduleRoutedOrders } from './routerOrders.js';
import { coversLongSignals, LongSignalRun } from './runLongSignals.js';
import { runSimulation } from './runSimulation.js';
import { SimulationState, type PreparedSymbol } from './SimulationState.js';
import { allSimulatorPaths, type SimulatorPaths } from './simulatorSwitches.js';

const inputKeys = ['symbols', 'signals', 'router', 'routedOrders', 'orders'];

/** The books of the run: one per strategy when the router keeps books, plus any book a routed order names. */
function bookNames(input: BacktestInput): string[] {
  const names = new Set<string>();
  if (input.router?.conflictRule === 'books') for (const signal of input.signals ?? []) names.add(signal.strategy);
  for (const order of input.routedOrders ?? []) if (order.book !== undefined) names.add(order.book);
  return [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * True when the run itself can check the bars as it reads them (`BarsCheck`): one symbol, run by
 * the single-symbol loop, and nothing that reads its bars before the run (finer bars, the ATR
 * column, order requests and routed orders placed by time, the router).
 */
function checksBarsInRun(input: BacktestInput, options: ResolvedSimulationOptions, paths: SimulatorPaths): boolean {
  if (!paths.checkBarsInRun || input.signals !== undefined || input.routedOrders !== undefined || input.orders !== undefined) return false;
  if (!Array.isArray(input.symbols) || input.symbols.length !== 1) return false;
  const symbol = input.symbols[0] as unknown;
  return typeof symbol === 'object' && symbol !== null && (symbol as { fineBars?: unknown }).fineBars === undefined && options.sizingKind !== SizingKind.atr;
}

/** Bars validated at ingest: nothing to ready before the run reads them. */
const validatedBars: BarsAhead = Object.freeze({ ready: Number.POSITIVE_INFINITY, through: () => {} });

/**
 * The symbols, checked, or left to the run with what readies its bars as it goes: the check of
 * each block (`BarsCheck`), or nothing for bars validated at ingest.
 */
function prepare(input: BacktestInput, options: ResolvedSimulationOptions, paths: SimulatorPaths): { prepared: PreparedSymbol[]; barsAhead?: BarsAhead } {
  if (!checksBarsInRun(input, options, paths)) return { prepared: prepareSymbols(input.symbols, options) };
  let prepared: PreparedSymbol[];
  try {
    prepared = prepareSymbols(input.symbols, options, true);
  } catch (error) {
    // The upfront check reports bad bars before any other problem of the symbol: so does this.
    prepareSymbols(input.symbols, options);
    throw error;
  }
  const bars = prepared[0].bars;
  return { prepared, barsAhead: validatedForSimulation(bars) ? validatedBars : new BarsCheck('symbols[0].bars', bars) };
}

/**
 * Simulates a portfolio over one or many symbols on a shared clock and returns its ledgers.
 *
 * Inputs (any mix): strategy `signals` routed through a `SignalRouter` the simulator drives
 * (with `router` options), `routedOrders` a router already made, entry/exit arrays and target
 * positions per symbol, and the simulator's own `orders` (market, limit, stop, stop-limit,
 * trailing stop; time in force; brackets; OCO groups). A signal of bar i fills at bar i+1's
 * open unless it fills at bar i's close (`fillAt`). The same input gives the same result.
 * @throws TF_ERR_BACKTEST_OPTION naming a bad option, TF_ERR_BACKTEST_INPUT naming a bad input,
 *   TF_ERR_CORE_ARGUMENT_INVALID / TF_ERR_STRATEGY_ROUTER from the router's own checks
 */
export function simulate(input: BacktestInput, options: SimulationOptions = {}): BacktestResult {
  return simulateWith(input, options, allSimulatorPaths);
}

/** `simulate` with chosen specialised paths (tests run the general path to compare); production code calls `simulate`. */
export function simulateWith(input: BacktestInput, options: SimulationOptions, paths: Readonly<SimulatorPaths>): BacktestResult {
  const resolved = resolveSimulationOptions(options);
  if (typeof input !== 'object' || input === null) throw new TickforgeError('TF_ERR_BACKTEST_INPUT', 'Backtest input must be an object with symbols.');
  for (const key of Object.keys(input)) {
    if (!inputKeys.includes(key)) throw new TickforgeError('TF_ERR_BACKTEST_INPUT', `Backtest input ${key} is unknown; the fields are ${inputKeys.join(', ')}.`, { details: { field: key } });
  }
  if (input.router !== undefined && input.signals === undefined) throw new TickforgeError('TF_ERR_BACKTEST_INPUT', 'Backtest input router options were given without signals to route.');
  const { prepared, barsAhead } = prepare(input, resolved, paths);
  if (barsAhead !== undefined && paths.longSignals && coversLongSignals(prepared, resolved)) {
    // One symbol's long entry/exit arrays: the specialised run, identical to the general one (see runLongSignals).
    const run = new LongSignalRun(prepared[0], resolved);
    run.run(barsAhead);
    return longSignalsResult(run, prepared[0], resolved);
  }
  const state = new SimulationState(resolved, prepared, bookNames(input));
  const clock = buildClock(prepared);
  const symbolIndex = new Map(state.symbols.map((symbol, s) => [symbol, s]));
  const schedule = new OrderSchedule(state.symbolCount);
  if (input.orders !== undefined) scheduleRequests(input.orders, schedule, symbolIndex, state.barCount);
  if (input.routedOrders !== undefined) scheduleRoutedOrders(input.routedOrders, schedule, symbolIndex, state.time);
  schedule.seal();
  const router = input.signals === undefined ? undefined : new RouterDriver(input.signals, input.router, symbolIndex, state.time, clock);
  if (router !== undefined) state.listener = router;
  const curves = runSimulation(state, { clock, schedule, router, symbolIndex, barsAhead });
  return buildResult(state, clock, curves, router?.decisions);
}
