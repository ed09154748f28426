import type { Signal } from '../Signal.js';
import type { AcceptRule } from './RoutingDecision.js';

export type OrderSide = 'buy' | 'sell';
/** What an order does to a position. A reversal is two orders: the close, then the open. */
export type OrderIntent = 'open-long' | 'close-long' | 'open-short' | 'close-short';
/** Market at the next bar's open: signals carry no entry price, so there is nothing to limit at. */
export type OrderType = 'market';

/** Exposure limits that can shrink an opening order (see `RouterOptions.exposureOverflow`). */
export type ExposureLimit = 'max-exposure-per-symbol' | 'max-total-exposure';

/**
 * What the router asks the executor (backtest simulator, paper trader) to do. Sizes are
 * fractions; turning them into money and quantities is the executor's job.
 */
export interface Order {
  /** 1, 2, 3, ... in emission order for one router; the same inputs give the same ids. */
  id: number;
  /** The routing step's known-at time (ms UTC): the order fills no earlier than the next bar's open. */
  time: number;
  symbol: string;
  /** The strategy whose book the order trades, in `books` mode only; otherwise a symbol has one position. */
  book?: string;
  /** The strategy the position is attributed to: the opener (or the one that took it over); in `netting`, the first strategy that opened the net position. */
  owner: string;
  side: OrderSide;
  intent: OrderIntent;
  type: OrderType;
  /**
   * On an open: the fraction of equity to commit (signal size x `positionFraction`, shrunk to fit
   * the exposure limits). On a close: the fraction of the open position to close, in (0, 1].
   */
  size: number;
  /** On an open that an exposure limit shrank: the size asked for, and the limit that bound. */
  requestedSize?: number;
  limitedBy?: ExposureLimit;
  /** Change of the router's exposure accounting, in fractions of equity: positive on an open, negative on a close. */
  exposureChange: number;
  /** Bracket of an open order, carried from its entry signal; absent on closes. */
  stopLoss?: number;
  takeProfit?: number;
  targets?: readonly number[];
  trailingStop?: number;
  /** The signals behind the order, in the router's total order (more than one when merged). */
  signals: readonly Signal[];
  /** `merged` when several signals made this order (netting). */
  status: 'accepted' | 'merged';
  rule: AcceptRule;
  /** Why, in words. */
  reason: string;
}
