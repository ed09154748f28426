import type { Signal } from '../Signal.js';
import type { ExposureLimit, Order } from './Order.js';

/** What an accepted or merged signal did. */
export type AcceptRule =
  | 'open' // opened a position
  | 'add' // added to the strategy's own position
  | 'close' // closed (part of) a position
  | 'reverse' // closed the strategy's own opposite position, then opened
  | 'preempt' // closed a lower-priority strategy's opposite position, then opened (priority mode)
  | 'take-over' // took over a lower-priority strategy's position on the same side, no order (priority mode)
  | 'net'; // combined with other signals of the symbol into one net change (netting mode)

/** Why a signal made no order. */
export type RejectRule =
  | 'duplicate' // the same (strategy, symbol, index, kind, side) was already routed at this step
  | 'conflict' // another entry on the symbol (or in the book) won at this step
  | 'held' // the symbol is held by a strategy of equal or higher priority (priority mode)
  | 'not-owner' // an exit of a position another strategy holds (priority mode)
  | 'no-position' // an exit with no open position on that side
  | 'cooldown' // an entry during the cooldown after a losing trade on the symbol
  | 'short-not-allowed' // a short entry with `allowShort: false`
  | 'max-open-positions'
  | ExposureLimit;

export type RoutingRule = AcceptRule | RejectRule;

/** The router's verdict on one input signal; every signal gets exactly one. */
export interface RoutingDecision {
  signal: Signal;
  /** Known-at time of the step that routed it. */
  time: number;
  /**
   * `accepted`: the signal alone made its orders. `merged`: it joined other signals in one net
   * change (netting; possibly netted out, with no order) or took over a position (no order).
   * `rejected`: it made no order, for the reason given.
   */
  status: 'accepted' | 'merged' | 'rejected';
  rule: RoutingRule;
  reason: string;
  /** The orders the signal made or joined; empty when rejected or netted out. */
  orderIds: readonly number[];
}

export interface RoutingResult {
  orders: Order[];
  /** One per input signal, step by step in the router's total order. */
  decisions: RoutingDecision[];
}
