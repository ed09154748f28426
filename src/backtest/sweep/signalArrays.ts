import type { Signal } from '../../strategy/Signal.js';
import type { RouterOptions } from '../../strategy/router/RouterOptions.js';
import type { SimulationOptions } from '../simulator/BacktestOptions.js';

/** The entry/exit arrays of one symbol, as `SymbolInput` reads them. */
export interface SignalArrays {
  longEntries: Uint8Array;
  longExits: Uint8Array;
  shortEntries: Uint8Array;
  shortExits: Uint8Array;
}

const longEntry = 1;
const longExit = 2;
const shortEntry = 4;
const shortExit = 8;

/**
 * Whether a run with these options may take a strategy's signals as entry/exit arrays instead
 * of through the router: only where the two paths are the same ledger (a test runs both over
 * every built-in strategy and compares them). The router's own options, the run's protective
 * exits (the array path attaches them, the router path does not), pyramiding and stop-risk
 * sizing (it needs each signal's stop) keep the router.
 */
export function arraysAllowed(options: SimulationOptions, router: RouterOptions | undefined): boolean {
  if (router !== undefined) return false;
  if (options.stops !== undefined && Object.values(options.stops).some((value) => value !== undefined)) return false;
  if ((options.maxEntries ?? 1) !== 1) return false;
  return options.sizing?.kind !== 'stop-risk';
}

/**
 * A strategy's signals over `length` bars as entry/exit arrays, or undefined when the arrays
 * cannot say what the signals say: a size other than 1, a stop, a target or a trailing stop;
 * two signals of one kind and side on a bar; or pairs the array rules cancel (vectorbt's: an
 * entry and an exit of one side, or a long and a short entry, on one bar) where the router
 * would act on both. The sweep then takes the router path; the arrays skip its per-signal work.
 */
export function signalArrays(signals: readonly Signal[], length: number): SignalArrays | undefined {
  const arrays: SignalArrays = { longEntries: new Uint8Array(length), longExits: new Uint8Array(length), shortEntries: new Uint8Array(length), shortExits: new Uint8Array(length) };
  let bar = -1;
  let bits = 0;
  for (const signal of signals) {
    if ((signal.size !== undefined && signal.size !== 1) || signal.stopLoss !== undefined || signal.takeProfit !== undefined || signal.trailingStop !== undefined || (signal.targets?.length ?? 0) > 0) return undefined;
    if (signal.index !== bar) {
      bar = signal.index;
      bits = 0;
    }
    const bit = signal.kind === 'entry' ? (signal.side === 'long' ? longEntry : shortEntry) : signal.side === 'long' ? longExit : shortExit;
    if ((bits & bit) !== 0) return undefined;
    bits |= bit;
    if ((bits & (longEntry | longExit)) === (longEntry | longExit) || (bits & (shortEntry | shortExit)) === (shortEntry | shortExit) || (bits & (longEntry | shortEntry)) === (longEntry | shortEntry)) return undefined;
    (bit === longEntry ? arrays.longEntries : bit === longExit ? arrays.longExits : bit === shortEntry ? arrays.shortEntries : arrays.shortExits)[bar] = 1;
  }
  return arrays;
}
