import type { SignalSide } from '../Signal.js';
import { entryBlock, fitExposure, type Fit } from './fitExposure.js';
import type { RoutedSignal } from './groupSteps.js';
import type { AcceptRule } from './RoutingDecision.js';
import type { RouterPosition } from './RouterPosition.js';
import { EXPOSURE_EPSILON } from './RouterState.js';
import { bracketOf, type StepRecorder } from './StepRecorder.js';

/** One symbol's changes at a step. */
interface Plan {
  symbol: string;
  /** The position before the step, if any. */
  before?: RouterPosition;
  exits: RoutedSignal[];
  entries: RoutedSignal[];
  /** The net position after exits, before entries (long positive). */
  afterExits: number;
  /** Set when the opening part of the entries met a limit. */
  fit?: Fit;
}

function signed(position: RouterPosition | undefined): number {
  if (position === undefined) return 0;
  return position.side === 'long' ? position.exposure : -position.exposure;
}

function format(value: number): string {
  const rounded = Number(value.toPrecision(6));
  return rounded > 0 ? `+${rounded}` : String(rounded);
}

function describeSignal({ signal }: RoutedSignal): string {
  return `${signal.kind} ${signal.side}${signal.size === undefined ? '' : ` ${signal.size}`} (${signal.strategy})`;
}

/** Applies the entries of one symbol to the state: their signed sum, netted against the position after exits. */
function applyEntries(recorder: StepRecorder, plan: Plan): void {
  const { state, options } = recorder;
  const key = plan.symbol;
  const current = state.positions.get(key);
  const start = signed(current);
  let delta = 0;
  for (const { signal } of plan.entries) delta += (signal.side === 'long' ? 1 : -1) * (signal.size ?? 1) * options.positionFraction;
  const wanted = start + delta;
  if (Math.abs(wanted - start) <= EXPOSURE_EPSILON) return;
  const flips = start !== 0 && Math.sign(wanted) === -Math.sign(start) && Math.abs(wanted) > EXPOSURE_EPSILON;
  if (current !== undefined && !flips && Math.abs(wanted) < Math.abs(start)) {
    state.reduce(key, (Math.abs(start) - Math.abs(wanted)) / Math.abs(start));
    return;
  }
  const side: SignalSide = wanted > 0 ? 'long' : 'short';
  const base = flips ? 0 : Math.abs(start);
  const fit = fitExposure(state, options, plan.symbol, Math.abs(wanted) - base, current === undefined, flips ? Math.abs(start) : 0);
  if ('rule' in fit || fit.limitedBy !== undefined) plan.fit = fit;
  if (flips) state.reduce(key, 1);
  if ('rule' in fit) return;
  // A new net position is attributed to the first entry on its side in the router's order.
  const opener = plan.entries.find((item) => item.signal.side === side)!.signal.strategy;
  state.add(key, { symbol: plan.symbol, owner: current !== undefined && !flips ? current.owner : opener, side }, fit.size);
}

/** Emits the orders that take the symbol from its position before the step to the one after, and decides its signals. */
function settle(recorder: StepRecorder, plan: Plan): void {
  const key = plan.symbol;
  const before = signed(plan.before);
  const afterPosition = recorder.state.positions.get(key);
  const after = signed(afterPosition);
  const entriesMoved = Math.abs(after - plan.afterExits) > EXPOSURE_EPSILON;
  const rejected = plan.fit !== undefined && 'rule' in plan.fit ? plan.fit : undefined;
  if (!entriesMoved) {
    const entries = plan.entries.map(describeSignal).join(', ');
    for (const item of plan.entries) {
      if (rejected !== undefined) recorder.reject(item, rejected.rule, `the net change of ${entries} on ${plan.symbol} was not opened: ${rejected.reason}`);
      else recorder.decide(item, 'merged', 'net', `netted out on ${plan.symbol}: ${entries} leave the net position where it was`, []);
    }
  }
  const contributors = entriesMoved ? [...plan.exits, ...plan.entries] : plan.exits;
  if (contributors.length === 0) return;
  const flips = before !== 0 && after !== 0 && Math.sign(before) !== Math.sign(after);
  const closing = plan.before !== undefined && (flips || Math.abs(after) < Math.abs(before) - EXPOSURE_EPSILON);
  const opening = afterPosition !== undefined && (flips || Math.abs(after) > Math.abs(before) + EXPOSURE_EPSILON);
  const lone = contributors.length === 1 ? contributors[0].signal : undefined;
  const rule: AcceptRule =
    lone === undefined ? 'net' : lone.kind === 'exit' ? 'close' : closing && opening ? 'reverse' : opening ? (before === 0 ? 'open' : 'add') : 'net';
  const fit = plan.fit;
  const limit = fit === undefined ? '' : 'rule' in fit ? `; the opening part was not opened: ${fit.reason}` : `; the opening part was shrunk from ${format(fit.requestedSize!)} by ${fit.limitedBy}`;
  const reason = `${closing || opening ? 'net' : 'netted out:'} ${plan.symbol} ${format(before)} -> ${format(after)} from ${contributors.map(describeSignal).join(', ')}${limit}`;
  const ids: number[] = [];
  if (closing) {
    const closed = flips || afterPosition === undefined ? Math.abs(before) : Math.abs(before) - Math.abs(after);
    ids.push(recorder.emitClose(key, plan.before!, closed === Math.abs(before) ? 1 : closed / Math.abs(before), closed, contributors, rule, reason).id);
  }
  if (opening) {
    const opened = flips ? Math.abs(after) : Math.abs(after) - Math.abs(before);
    // The order keeps the limit's record only when it is exactly the part the limit cut.
    const size = fit !== undefined && !('rule' in fit) && Math.abs(opened - fit.size) <= EXPOSURE_EPSILON ? fit : { size: opened };
    const first = plan.entries.find((item) => item.signal.side === afterPosition.side);
    ids.push(recorder.emitOpen(key, afterPosition, size, first === undefined ? {} : bracketOf(first.signal), contributors, rule, reason).id);
  }
  const status = ids.length === 0 || contributors.length > 1 ? 'merged' : 'accepted';
  for (const item of contributors) recorder.decide(item, status, ids.length === 0 ? 'net' : rule, reason, ids);
}

/**
 * One step in `netting` mode, one symbol at a time: the symbol's exits reduce its net position
 * (each by its size fraction, on its side), then its entries move it by their signed sum within
 * the limits, and one close and/or one open take it from where it was to where it ends, so
 * changes that cancel make no order. Symbols whose step has only exits settle first (they only
 * free exposure), then the others in the order of their first signal. A symbol's freed exposure
 * serves its own entries and those of the symbols settled after it.
 */
export function routeNettedStep(recorder: StepRecorder): void {
  const { state, options } = recorder;
  const plans = new Map<string, Plan>();
  for (const item of recorder.unique) {
    const { signal } = item;
    if (signal.kind === 'entry') {
      const block = entryBlock(item, state, options);
      if (block !== undefined) {
        recorder.reject(item, block.rule, block.reason);
        continue;
      }
    }
    let plan = plans.get(signal.symbol);
    if (plan === undefined) {
      const before = state.positions.get(signal.symbol);
      plan = { symbol: signal.symbol, exits: [], entries: [], afterExits: 0, ...(before === undefined ? {} : { before: { ...before } }) };
      plans.set(signal.symbol, plan);
    }
    (signal.kind === 'exit' ? plan.exits : plan.entries).push(item);
  }
  const ordered = [...plans.values()].filter((plan) => plan.entries.length === 0).concat([...plans.values()].filter((plan) => plan.entries.length > 0));
  for (const plan of ordered) {
    const exits = plan.exits;
    plan.exits = [];
    for (const item of exits) {
      const { signal } = item;
      const position = state.positions.get(signal.symbol);
      if (position === undefined || position.side !== signal.side) {
        recorder.reject(item, 'no-position', `no net ${signal.side} position is open on ${signal.symbol}`);
        continue;
      }
      plan.exits.push(item);
      state.reduce(signal.symbol, signal.size ?? 1);
    }
    plan.afterExits = signed(state.positions.get(plan.symbol));
    if (plan.entries.length > 0) applyEntries(recorder, plan);
    settle(recorder, plan);
  }
}
