import type { RoutedSignal } from './groupSteps.js';
import { entryBlock, fitDescription, fitExposure } from './fitExposure.js';
import type { RouterPosition } from './RouterPosition.js';
import { bracketOf, type StepRecorder } from './StepRecorder.js';

function where(position: Omit<RouterPosition, 'exposure'>): string {
  return position.book === undefined ? `on ${position.symbol}` : `on ${position.symbol} in ${position.book}'s book`;
}

function routeExit(recorder: StepRecorder, item: RoutedSignal, key: string): void {
  const { signal } = item;
  const position = recorder.state.positions.get(key);
  if (position === undefined || position.side !== signal.side) {
    const book = recorder.state.books ? ` in ${signal.strategy}'s book` : '';
    recorder.reject(item, 'no-position', `no ${signal.side} position is open on ${signal.symbol}${book}`);
    return;
  }
  if (position.owner !== signal.strategy) {
    recorder.reject(item, 'not-owner', `the ${position.side} position on ${signal.symbol} belongs to ${position.owner}; in priority mode only the strategy holding a position closes it`);
    return;
  }
  const fraction = signal.size ?? 1;
  const order = recorder.close(key, fraction, [item], 'close', `${signal.strategy} closes ${fraction === 1 ? 'its' : `${fraction} of its`} ${signal.side} position ${where(position)}`);
  recorder.decide(item, 'accepted', 'close', order.reason, [order.id]);
}

/**
 * Opens the entry's position at `key` if the limits allow; `closedFirst` is the close order that
 * a reversal or preemption emitted just before, whose decision this one completes.
 */
function routeOpen(recorder: StepRecorder, item: RoutedSignal, key: string, rule: 'open' | 'add' | 'reverse' | 'preempt', closedFirst?: number): void {
  const { state, options } = recorder;
  const { signal } = item;
  const requested = (signal.size ?? 1) * options.positionFraction;
  const adding = state.positions.has(key);
  const fit = fitExposure(state, options, signal.symbol, requested, !adding);
  if ('rule' in fit) {
    if (closedFirst === undefined) recorder.reject(item, fit.rule, fit.reason);
    else recorder.decide(item, 'accepted', rule, `${signal.strategy} closed its ${signal.side === 'long' ? 'short' : 'long'} position on ${signal.symbol}; the ${signal.side} was not opened: ${fit.reason}`, [closedFirst]);
    return;
  }
  const position: Omit<RouterPosition, 'exposure'> = { symbol: signal.symbol, owner: signal.strategy, side: signal.side };
  if (state.books) position.book = signal.strategy;
  const verb = adding ? 'adds' : 'opens';
  const order = recorder.open(key, position, fit, bracketOf(signal), [item], rule, `${signal.strategy} ${verb} ${fitDescription(fit)} ${signal.side} ${where(position)}`);
  recorder.decide(item, 'accepted', rule, order.reason, closedFirst === undefined ? [order.id] : [closedFirst, order.id]);
}

function routeEntry(recorder: StepRecorder, item: RoutedSignal, key: string): void {
  const { state, options } = recorder;
  const { signal } = item;
  const position = state.positions.get(key);
  if (position === undefined) return routeOpen(recorder, item, key, 'open');
  if (position.owner === signal.strategy) {
    if (position.side === signal.side) return routeOpen(recorder, item, key, 'add');
    // The strategy changed its mind without an exit: its old position goes whatever the new one's fate.
    const close = recorder.close(key, 1, [item], 'reverse', `${signal.strategy} reverses: closes its ${position.side} position ${where(position)} for a ${signal.side} entry`);
    return routeOpen(recorder, item, key, 'reverse', close.id);
  }
  const ownerRank = options.priorities.get(position.owner) ?? 0;
  if (item.rank <= ownerRank) {
    recorder.reject(item, 'held', `${signal.symbol} is held ${position.side} by ${position.owner}, whose priority ${ownerRank} is not below ${signal.strategy}'s ${item.rank}`);
    return;
  }
  if (position.side === signal.side) {
    const reason = `${signal.strategy} (priority ${item.rank}) takes over the ${position.side} position on ${signal.symbol} from ${position.owner} (priority ${ownerRank}); no order`;
    position.owner = signal.strategy;
    recorder.decide(item, 'merged', 'take-over', reason, []);
    return;
  }
  // Preempt only when the new position fits once the old one is gone: otherwise the owner keeps it.
  const fit = fitExposure(state, options, signal.symbol, (signal.size ?? 1) * options.positionFraction, false, position.exposure);
  if ('rule' in fit) {
    recorder.reject(item, fit.rule, `${fit.reason} (the ${position.side} position of ${position.owner} stays)`);
    return;
  }
  const close = recorder.close(key, 1, [item], 'preempt', `${signal.strategy} (priority ${item.rank}) preempts ${position.owner} (priority ${ownerRank}): closes its ${position.side} position on ${signal.symbol}`);
  routeOpen(recorder, item, key, 'preempt', close.id);
}

/**
 * One step in `priority` or `books` mode. Exits come first in the total order, then entries; the
 * first entry on a key (the symbol in priority mode, the symbol and strategy in books mode) is
 * the step's winner there, and the later ones lose as conflicts.
 */
export function routeOwnedStep(recorder: StepRecorder): void {
  const winners = new Map<string, RoutedSignal>();
  for (const item of recorder.unique) {
    const { signal } = item;
    const key = recorder.state.keyOf(signal.symbol, signal.strategy);
    if (signal.kind === 'exit') {
      routeExit(recorder, item, key);
      continue;
    }
    const block = entryBlock(item, recorder.state, recorder.options);
    if (block !== undefined) {
      recorder.reject(item, block.rule, block.reason);
      continue;
    }
    const winner = winners.get(key)?.signal;
    if (winner !== undefined) {
      const within = recorder.state.books ? `in ${signal.strategy}'s book on ${signal.symbol}` : `on ${signal.symbol}`;
      recorder.reject(item, 'conflict', `the ${winner.side} entry of ${winner.strategy} at bar ${winner.index} came first in the router's order ${within} at this step`);
      continue;
    }
    winners.set(key, item);
    routeEntry(recorder, item, key);
  }
}
