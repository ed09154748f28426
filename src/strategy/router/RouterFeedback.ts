import type { SignalSide } from '../Signal.js';

/**
 * An executor's report that a router order filled (or did not) at the next bar's open. Only a
 * shortfall changes anything: the router already counted the order as filled when it emitted it.
 */
export interface OrderFill {
  orderId: number;
  /** When it filled (ms UTC); not before the order's `time`. */
  time: number;
  /** Fraction of the order that filled, in [0, 1]; default 1. 0 means it was not filled at all. */
  filled?: number;
}

/** An executor's report that a position closed, with its realized profit or loss. */
export interface PositionClosed {
  symbol: string;
  /** The strategy whose book it was: required in `books` mode, ignored otherwise. */
  strategy?: string;
  /** When given, the report is ignored for the position unless the router's position has this side. */
  side?: SignalSide;
  /** Realized profit or loss in any currency; only its sign matters (a loss starts the cooldown). */
  pnl: number;
  /** When it closed (ms UTC): `cooldownMs` runs from here. */
  time: number;
  /** Bar index of the close in the symbol's series: `cooldownBars` counts from here; required when `cooldownBars` > 0. */
  index?: number;
  /** Fraction of the position closed, in (0, 1]; default 1. */
  size?: number;
  /**
   * The router order that closed it, when it was one: the router already took that close into
   * account, so only the profit or loss is recorded. Leave it out for closes the router did not
   * order (stop-loss, take-profit, trailing stop, liquidation): those reduce the position here.
   */
  orderId?: number;
}
