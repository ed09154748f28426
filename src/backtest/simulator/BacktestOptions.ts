import type { Bars } from '../../core/Bars.js';
import type { Order } from '../../strategy/router/Order.js';
import type { RouterOptions } from '../../strategy/router/RouterOptions.js';
import type { Signal } from '../../strategy/Signal.js';

/**
 * When an order made from a bar's signal fills: at the next bar's open (the default, DESIGN.md
 * section 3), or at the signal bar's own close, for strategies that decide before the close
 * (a market-on-close order).
 */
export type FillAt = 'next-open' | 'close';

/**
 * How many units an opening order buys or sells. The order's size fraction (a signal's `size`,
 * a router order's `size`, an order request's `size`) multiplies the result:
 * - `quantity`: a fixed number of units;
 * - `cash`: a fixed amount of money, quantity = cash / price;
 * - `equity-fraction`: quantity = fraction x equity / price (default, fraction 1);
 * - `atr`: volatility targeting, quantity = equity x riskFraction / (atrMultiple x ATR): a move
 *   of `atrMultiple` ATRs against the position costs `riskFraction` of equity;
 * - `stop-risk`: quantity = equity x riskFraction / |entry - stop|: hitting the stop costs
 *   `riskFraction` of equity (the order needs a stop-loss).
 * Equity is the account's equity marked at the last close before the fill; price is the fill's
 * reference price (the open, the close or the order's level), before slippage.
 */
export type Sizing =
  | { kind: 'quantity'; quantity: number }
  | { kind: 'cash'; cash: number }
  | { kind: 'equity-fraction'; fraction: number }
  | { kind: 'atr'; riskFraction: number; atrMultiple?: number; period?: number }
  | { kind: 'stop-risk'; riskFraction: number };

/** Fees per fill: a fraction of the notional (limit fills pay the maker rate, market and stop fills the taker rate) plus a fixed amount. */
export interface FeeOptions {
  /** Both rates at once, as a fraction of notional (0.001 = 0.1%). */
  rate?: number;
  /** Rate of fills that rested in the book (limit orders, take-profits); a negative rate is a rebate. Default `rate`. */
  makerRate?: number;
  /** Rate of fills that took liquidity (market, stop, trailing stop, liquidation, end). Default `rate`. */
  takerRate?: number;
  /** Amount per fill, in the account currency. */
  fixed?: number;
}

/**
 * Slippage of taker fills (limit fills get their price or better and none). The terms add up:
 * price x bps / 10,000 + rangeFraction x (high - low) + impactCoefficient x (quantity / volume)^impactExponent x price,
 * always against the trader. The slipped price is capped at the bar's high (buys) or low
 * (sells), as backtrader's `slip_match` does: no fill is recorded at a price the bar never traded.
 */
export interface SlippageOptions {
  bps?: number;
  rangeFraction?: number;
  impactCoefficient?: number;
  /** Exponent of the participation in the impact term; default 0.5 (the square-root law). */
  impactExponent?: number;
}

/** Trading rules of an instrument. */
export interface InstrumentRules {
  /** Prices are rounded to multiples of this, against the trader (buys up, sells down). */
  tickSize?: number;
  /** Quantities are rounded down to multiples of this. */
  lotSize?: number;
  /** Orders smaller than this (after lot rounding) are rejected; a position can still be closed whole. */
  minQuantity?: number;
}

/** Protective exits for entries made from entry arrays or target positions, relative to the entry's fill price. */
export interface StopOptions {
  /** Stop-loss at entry x (1 - f) for a long, entry x (1 + f) for a short. */
  stopLossFraction?: number;
  /** Take-profit at entry x (1 + f) for a long, entry x (1 - f) for a short. */
  takeProfitFraction?: number;
  /** Trailing stop at best x (1 - f) for a long, best x (1 + f) for a short (best = the most favourable price since entry). */
  trailingFraction?: number;
  /** Trailing stop at best - d for a long, best + d for a short (give this or `trailingFraction`, not both). */
  trailingDistance?: number;
}

/** One symbol of the simulated portfolio and its per-bar inputs (every column has the bars' length). */
export interface SymbolInput {
  bars: Bars;
  /**
   * Finer bars of the same symbol (e.g. 1m under 1h): a stop, limit or trailing level inside a
   * coarse bar is resolved by walking the finer bars within it in order.
   */
  fineBars?: Bars;
  /** Entry and exit arrays (non-zero = signal at that bar's close), as vectorbt's from_signals reads them. */
  longEntries?: Uint8Array;
  longExits?: Uint8Array;
  shortEntries?: Uint8Array;
  shortExits?: Uint8Array;
  /** Target position per bar as a signed fraction of equity (0.5 = long half the equity, -1 = short all of it, NaN = no instruction). */
  targetFractions?: Float64Array;
  /** ATR per bar for `atr` sizing; computed with the ATR kernel (Wilder, TA-Lib) when absent. */
  atr?: Float64Array;
  /** Funding rate per bar (overrides `options.fundingRate` for this symbol). */
  fundingRate?: Float64Array;
  /** Borrow rate per bar of short positions (overrides `options.borrowRate`). */
  borrowRate?: Float64Array;
  instrument?: InstrumentRules;
}

export type TimeInForce = 'GTC' | 'DAY' | 'IOC' | 'GTD';
export type OrderRequestType = 'market' | 'limit' | 'stop' | 'stop-limit' | 'trailing-stop';

/**
 * An order of the simulator's own, placed at the close of bar `index` of `symbol`. It works
 * from the next bar (a market order fills at its open, or at this close with `fillAt: 'close'`).
 */
export interface OrderRequest {
  symbol: string;
  index: number;
  side: 'buy' | 'sell';
  /** Default `market`. */
  type?: OrderRequestType;
  /** Units; when absent the order is sized by the sizing rule times `size`. */
  quantity?: number;
  /** Fraction for the sizing rule (opening orders) or of the position (`reduceOnly`); default 1. */
  size?: number;
  limitPrice?: number;
  stopPrice?: number;
  /** For `trailing-stop`: distance from the best price since the order started working. */
  trailingDistance?: number;
  /** For `trailing-stop`: the distance as a fraction of the best price. */
  trailingFraction?: number;
  /**
   * `GTC` until filled or the data ends; `DAY` until the close of the next bar; `IOC` only at
   * the first moment it may fill (the next open, or this close); `GTD` for `goodForBars` bars.
   * Default `GTC`, `IOC` for market orders (they fill at once or not at all).
   */
  timeInForce?: TimeInForce;
  goodForBars?: number;
  /** Only reduces a position (never opens or reverses one); cancelled when there is none. */
  reduceOnly?: boolean;
  /** Bracket: these become protective orders of the position when this order fills. */
  stopLoss?: number;
  takeProfit?: number;
  /** Trailing-stop distance (price units) of the bracket. */
  trailingStop?: number;
  /** Orders of one symbol with the same group cancel each other: the first fill cancels the rest. */
  ocoGroup?: string;
  /** Attribution; default 'orders'. */
  strategy?: string;
  tag?: string;
  /** For market orders; default the run's `fillAt`. */
  fillAt?: FillAt;
}

/** Everything a run simulates. Inputs of several kinds may be mixed; they trade the same positions. */
export interface BacktestInput {
  /** Processing order within a bar follows this order. */
  symbols: readonly SymbolInput[];
  /** Strategy signals (e.g. `runStrategy` per strategy and symbol), routed by a `SignalRouter` the simulator drives with its fills. */
  signals?: readonly Signal[];
  router?: RouterOptions;
  /** Orders already routed (`routeSignals(...).orders`), executed as given (no fill feedback). */
  routedOrders?: readonly Order[];
  /** The simulator's own orders. */
  orders?: readonly OrderRequest[];
}

export interface SimulationOptions {
  /** Starting cash; default 100,000. */
  initialCash?: number;
  /** Default `next-open`. */
  fillAt?: FillAt;
  /** Strategies (by name) whose market orders fill at the signal bar's close (or next open), overriding `fillAt`. */
  fillAtByStrategy?: Readonly<Record<string, FillAt>>;
  /** Default `{ kind: 'equity-fraction', fraction: 1 }`. */
  sizing?: Sizing;
  /** Most opening fills a position may have (1 = no pyramiding, the default). */
  maxEntries?: number;
  /**
   * Gross exposure allowed per unit of equity; default 1 (no leverage). Margin model: buying
   * power is the equity at the last mark (a close) less the gross value of the positions over
   * leverage; each opening fill then takes notional / leverage plus its fee from it, each
   * closing fill gives notional / leverage back. Shorts need margin like longs.
   */
  leverage?: number;
  /**
   * When set, each position is margined in isolation for liquidation: it is closed (reason
   * 'liquidation', a taker fill) when a bar's adverse extreme crosses its liquidation price,
   * E (1 - 1/L) / (1 - m) for a long and E (1 + 1/L) / (1 + m) for a short (E the average entry,
   * L the leverage, m this fraction), at that price, or at the open when the bar opens beyond it.
   */
  maintenanceMargin?: number;
  /** An opening order that needs more margin than is free is shrunk to fit (default) or rejected. */
  insufficientMargin?: 'shrink' | 'reject';
  /** Funding rate per bar: longs pay rate x position value, shorts receive it (negative rates the reverse). */
  fundingRate?: number;
  /** Borrow rate per bar charged on the value of short positions. */
  borrowRate?: number;
  fees?: FeeOptions;
  slippage?: SlippageOptions;
  /**
   * Largest fraction of a bar's volume the run's fills on that symbol may take together, in
   * (0, 1]; liquidations and end-of-data closes are exempt. A bar without volume fills nothing.
   */
  maxParticipation?: number;
  /**
   * Beyond `maxParticipation`: fill what fits (default) or refuse the whole fill. What is left of
   * a market order is cancelled (a market order does not wait); a resting order (limit, stop,
   * protective exit) keeps working on later bars.
   */
  participationOverflow?: 'partial' | 'refuse';
  /** Rules for every symbol without its own. */
  instrument?: InstrumentRules;
  /** Close what is open at each symbol's last bar (reason 'end'); default true. */
  closeAtEnd?: boolean;
  /** Protective exits of entries from entry arrays and target positions. */
  stops?: StopOptions;
  /** Attribution name of the array and target inputs; default 'signals'. */
  strategy?: string;
  /** Target positions: act when the target changes (default) or rebalance at every bar that has one. */
  rebalance?: 'on-change' | 'every-bar';
}
