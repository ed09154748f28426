import type { RoutingDecision } from '../../strategy/router/RoutingDecision.js';
import type { EquityCurve, Trade } from '../Trade.js';
import type { OrderRequestType, TimeInForce } from './BacktestOptions.js';

/** Why a fill happened: 'signal' for any order a strategy or the user placed, the others for exits the simulator made. */
export type FillReason = 'signal' | 'stop-loss' | 'take-profit' | 'trailing-stop' | 'liquidation' | 'end';

export interface Fill {
  /** 1, 2, 3, ... in execution order. */
  id: number;
  orderId: number;
  symbol: string;
  /** The router book (strategy) the position belongs to, in the router's `books` mode. */
  book?: string;
  strategy: string;
  /** When it is taken to have happened (ms UTC): the bar's open time for fills at the open or inside the bar (the finer bar's, when finer bars resolved it), the bar's close time for fills at the close. */
  time: number;
  /** Bar index in the symbol's series. */
  index: number;
  /** Index on the simulation clock. */
  step: number;
  side: 'buy' | 'sell';
  quantity: number;
  price: number;
  /** The price before slippage and tick rounding (the open, the close, or the order's level). */
  referencePrice: number;
  fee: number;
  /** (price - referencePrice) x quantity against the trader, >= 0. */
  slippage: number;
  liquidity: 'maker' | 'taker';
  reason: FillReason;
  /** Signed position after the fill. */
  positionAfter: number;
  /** The `Trade` this fill belongs to; absent while that trade is still open at the end. */
  tradeId?: number;
}

export type OrderRole = 'entry' | 'exit' | 'target' | 'order' | 'stop-loss' | 'take-profit' | 'trailing-stop' | 'liquidation' | 'end';
export type OrderStatus = 'submitted' | 'working' | 'triggered' | 'partially-filled' | 'filled' | 'cancelled' | 'expired' | 'rejected';

/** An order as it ended. */
export interface SimulatedOrder {
  /** 1, 2, 3, ... in creation order. */
  id: number;
  symbol: string;
  book?: string;
  strategy: string;
  tag?: string;
  side: 'buy' | 'sell';
  type: OrderRequestType;
  role: OrderRole;
  timeInForce: TimeInForce;
  reduceOnly: boolean;
  limitPrice?: number;
  stopPrice?: number;
  trailingDistance?: number;
  trailingFraction?: number;
  /** Units asked for; NaN for orders sized when they fill (fraction of equity or of the position) that never filled. */
  quantity: number;
  filledQuantity: number;
  /** Average fill price; NaN when nothing filled. */
  averagePrice: number;
  status: OrderStatus;
  /** Why it was cancelled, expired or rejected. */
  statusReason?: string;
  /** Clock step and time it was placed (the close of the signal bar). */
  createdStep: number;
  createdTime: number;
  /** Bar index of the symbol at whose close it was placed. */
  signalIndex: number;
  /** The bracket entry whose protective order this is. */
  parentId?: number;
  ocoGroup?: string;
  /** The router order it executes. */
  routerOrderId?: number;
}

/** One change of an order's state. */
export interface OrderEvent {
  orderId: number;
  step: number;
  time: number;
  status: OrderStatus;
  /** Filled quantity after the event. */
  filledQuantity: number;
  reason?: string;
}

/** A position still open when the run ended. */
export interface OpenPosition {
  symbol: string;
  book?: string;
  strategy: string;
  side: 'long' | 'short';
  /** Signed units. */
  quantity: number;
  averagePrice: number;
  lastPrice: number;
  value: number;
  unrealizedPnl: number;
  entryTime: number;
}

export interface BacktestResult {
  /**
   * Equity marked at every clock bar's close, and gross exposure over equity. With one symbol,
   * `curve.time` is that symbol's own time column (shared, not copied). Built on first read
   * (as are `cashCurve`, `trades`, `fills`, `orders` and `orderEvents`), then kept.
   */
  curve: EquityCurve;
  /** Cash after every clock bar; equity - cash is the signed value of the open positions. */
  cashCurve: Float64Array;
  trades: Trade[];
  /** Built from the columnar ledger on first read (as are `orders` and `orderEvents`), then kept. */
  fills: Fill[];
  orders: SimulatedOrder[];
  orderEvents: OrderEvent[];
  positions: OpenPosition[];
  initialCash: number;
  cash: number;
  equity: number;
  totalFees: number;
  totalSlippage: number;
  /** Funding and borrow paid (negative when received). */
  totalFunding: number;
  symbols: string[];
  /** The router's verdicts, when signals were routed. */
  routing?: RoutingDecision[];
}
