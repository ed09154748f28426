import type { Signal } from '../Signal.js';
import type { RoutedSignal, RoutingStep } from './groupSteps.js';
import { duplicateKey } from './groupSteps.js';
import type { AcceptRule, RoutingDecision, RoutingRule } from './RoutingDecision.js';
import type { Order } from './Order.js';
import type { RouterPosition } from './RouterPosition.js';
import type { ResolvedRouterOptions } from './RouterOptions.js';
import type { RouterState } from './RouterState.js';

export type Bracket = Pick<Order, 'stopLoss' | 'takeProfit' | 'targets' | 'trailingStop'>;
export type OpenSize = Pick<Order, 'size' | 'requestedSize' | 'limitedBy'>;

/** The bracket fields an entry signal carries. */
export function bracketOf(signal: Signal): Bracket {
  const bracket: Bracket = {};
  if (signal.stopLoss !== undefined) bracket.stopLoss = signal.stopLoss;
  if (signal.takeProfit !== undefined) bracket.takeProfit = signal.takeProfit;
  if (signal.targets !== undefined) bracket.targets = signal.targets;
  if (signal.trailingStop !== undefined) bracket.trailingStop = signal.trailingStop;
  return bracket;
}

/**
 * Collects one step's orders and decisions: drops duplicates (recording them), gives each
 * signal exactly one decision, and emits orders through the state so that ids stay in order.
 */
export class StepRecorder {
  readonly orders: Order[] = [];
  /** The step's signals without duplicates, in the total order. */
  readonly unique: RoutedSignal[] = [];
  private readonly decisions = new Map<RoutedSignal, RoutingDecision>();

  constructor(
    private readonly step: RoutingStep,
    readonly state: RouterState,
    readonly options: ResolvedRouterOptions,
  ) {
    const kept = new Map<string, RoutedSignal>();
    for (const item of step.signals) {
      const key = duplicateKey(item.signal);
      const first = kept.get(key);
      if (first === undefined) {
        kept.set(key, item);
        this.unique.push(item);
      } else {
        this.decide(item, 'rejected', 'duplicate', `duplicate of an earlier ${first.signal.kind} ${first.signal.side} signal of ${first.signal.strategy} on ${first.signal.symbol} at bar ${first.signal.index}`, []);
      }
    }
  }

  get time(): number {
    return this.step.time;
  }

  decide(item: RoutedSignal, status: RoutingDecision['status'], rule: RoutingRule, reason: string, orderIds: readonly number[]): void {
    this.decisions.set(item, { signal: item.signal, time: this.step.time, status, rule, reason, orderIds });
  }

  reject(item: RoutedSignal, rule: RoutingRule, reason: string): void {
    this.decide(item, 'rejected', rule, reason, []);
  }

  /** Closes `fraction` of the position at `key` (updating the state) and emits the close order. */
  close(key: string, fraction: number, signals: readonly RoutedSignal[], rule: AcceptRule, reason: string): Order {
    const position = { ...this.state.positions.get(key)! };
    const { freed, fraction: closed } = this.state.reduce(key, fraction);
    return this.emitClose(key, position, closed, freed, signals, rule, reason);
  }

  /** Opens (or adds to) the position at `key` (updating the state) and emits the open order. */
  open(key: string, position: Omit<RouterPosition, 'exposure'>, fit: OpenSize, bracket: Bracket, signals: readonly RoutedSignal[], rule: AcceptRule, reason: string): Order {
    this.state.add(key, position, fit.size);
    return this.emitOpen(key, position, fit, bracket, signals, rule, reason);
  }

  /** Emits the close of `fraction` of `position`, which the state already reflects. */
  emitClose(key: string, position: Omit<RouterPosition, 'exposure'>, fraction: number, freed: number, signals: readonly RoutedSignal[], rule: AcceptRule, reason: string): Order {
    const { side, symbol, owner } = position;
    return this.push(key, {
      time: this.step.time, symbol, ...this.bookOf(position), owner, side: side === 'long' ? 'sell' : 'buy', intent: side === 'long' ? 'close-long' : 'close-short', type: 'market',
      size: fraction, exposureChange: -freed, signals: signals.map((item) => item.signal), status: signals.length > 1 ? 'merged' : 'accepted', rule, reason,
    });
  }

  /** Emits an open (or add) of `fit.size` for `position`, which the state already reflects. */
  emitOpen(key: string, position: Omit<RouterPosition, 'exposure'>, fit: OpenSize, bracket: Bracket, signals: readonly RoutedSignal[], rule: AcceptRule, reason: string): Order {
    const { symbol, owner, side } = position;
    return this.push(key, {
      time: this.step.time, symbol, ...this.bookOf(position), owner, side: side === 'long' ? 'buy' : 'sell', intent: side === 'long' ? 'open-long' : 'open-short', type: 'market',
      size: fit.size, ...(fit.limitedBy === undefined ? {} : { requestedSize: fit.requestedSize, limitedBy: fit.limitedBy }), exposureChange: fit.size, ...bracket,
      signals: signals.map((item) => item.signal), status: signals.length > 1 ? 'merged' : 'accepted', rule, reason,
    });
  }

  /** The step's decisions in the total order of its signals. */
  result(): RoutingDecision[] {
    return this.step.signals.map((item) => {
      const decision = this.decisions.get(item);
      if (decision === undefined) throw new Error(`signal router bug: no decision for ${JSON.stringify(item.signal)}`);
      return decision;
    });
  }

  private bookOf(position: Omit<RouterPosition, 'exposure'>): { book?: string } {
    return position.book === undefined ? {} : { book: position.book };
  }

  private push(key: string, order: Omit<Order, 'id'>): Order {
    const emitted = this.state.emit(key, order);
    this.orders.push(emitted);
    return emitted;
  }
}
