import { TickforgeError } from '../../core/errors.js';
import type { Signal } from '../Signal.js';
import type { ResolvedRouterOptions } from './RouterOptions.js';

/** A signal with what the router sorts it by. */
export interface RoutedSignal {
  signal: Signal;
  knownAt: number;
  rank: number;
}

/** The signals known at one time, in the router's total order. */
export interface RoutingStep {
  time: number;
  signals: RoutedSignal[];
}

function compareText(a: string, b: string): number {
  // Code-unit order, not localeCompare: the result must not depend on the machine's locale.
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Everything the earlier keys leave equal, so that two distinct signals never tie. */
function remainder(signal: Signal): string {
  return JSON.stringify([signal.size ?? null, signal.stopLoss ?? null, signal.takeProfit ?? null, signal.trailingStop ?? null, signal.targets ?? null, signal.tag ?? null, signal.reason]);
}

/**
 * The router's total order: known-at time; exits before entries (so that a step's exits free
 * positions and exposure before its entries ask for them; in `netting`, before the entries of
 * their symbol and of the symbols settled after it); higher strategy rank first (so that
 * higher-priority strategies claim the exposure left first, on any symbol); strategy name;
 * symbol; long before short; bar index; bar open time; then size, stop-loss, take-profit,
 * trailing stop, targets, tag and reason. Text compares by code units.
 */
export function compareRoutedSignals(a: RoutedSignal, b: RoutedSignal): number {
  const x = a.signal;
  const y = b.signal;
  return (
    a.knownAt - b.knownAt ||
    (x.kind === y.kind ? 0 : x.kind === 'exit' ? -1 : 1) ||
    b.rank - a.rank ||
    compareText(x.strategy, y.strategy) ||
    compareText(x.symbol, y.symbol) ||
    (x.side === y.side ? 0 : x.side === 'long' ? -1 : 1) ||
    x.index - y.index ||
    x.time - y.time ||
    compareText(remainder(x), remainder(y))
  );
}

/** Signals that are the same trading instruction share this key; the router keeps the first. */
export function duplicateKey(signal: Signal): string {
  return `${signal.strategy}\u0000${signal.symbol}\u0000${signal.index}\u0000${signal.kind}\u0000${signal.side}`;
}

function malformed(signal: Signal, problem: string): never {
  let shown: string;
  try {
    shown = JSON.stringify(signal);
  } catch {
    shown = String(signal);
  }
  throw new TickforgeError('TF_ERR_STRATEGY_ROUTER', `The signal router cannot route ${shown}: ${problem}.`, { details: { signal: shown } });
}

function check(signal: Signal): void {
  if (typeof signal !== 'object' || signal === null) malformed(signal, 'it is not a signal object');
  if (typeof signal.strategy !== 'string' || signal.strategy === '') malformed(signal, 'strategy must be a non-empty string');
  if (typeof signal.symbol !== 'string' || signal.symbol === '') malformed(signal, 'symbol must be a non-empty string');
  if (!Number.isInteger(signal.index) || signal.index < 0) malformed(signal, 'index must be a whole bar index, 0 or more');
  if (!Number.isFinite(signal.time)) malformed(signal, 'time must be a finite bar open time in ms');
  if (signal.kind !== 'entry' && signal.kind !== 'exit') malformed(signal, 'kind must be entry or exit');
  if (signal.side !== 'long' && signal.side !== 'short') malformed(signal, 'side must be long or short');
  if (signal.size !== undefined && !(signal.size > 0 && signal.size <= 1)) malformed(signal, 'size must be in (0, 1]');
}

/**
 * Checks the signals, sorts them into the total order and splits them into steps by known-at
 * time, earliest first. @throws TF_ERR_STRATEGY_ROUTER on a malformed signal or known-at time
 */
export function groupSteps(signals: readonly Signal[], options: ResolvedRouterOptions): RoutingStep[] {
  const routed: RoutedSignal[] = signals.map((signal) => {
    check(signal);
    const knownAt = options.knownAt(signal);
    if (!Number.isFinite(knownAt)) malformed(signal, `its known-at time ${knownAt} is not finite (check the knownAt option)`);
    return { signal, knownAt, rank: options.priorities.get(signal.strategy) ?? 0 };
  });
  routed.sort(compareRoutedSignals);
  const steps: RoutingStep[] = [];
  for (const item of routed) {
    const last = steps[steps.length - 1];
    if (last !== undefined && last.time === item.knownAt) last.signals.push(item);
    else steps.push({ time: item.knownAt, signals: [item] });
  }
  return steps;
}
