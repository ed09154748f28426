/**
 * One round trip: a position opened and closed (in one or several fills), as the simulator's
 * trade ledger records it and the analytics read it. Money amounts are in the account
 * currency; `quantity` is in units of the instrument.
 */
export interface Trade {
  /** Sequence number in the ledger (order of closing). */
  id: number;
  symbol: string;
  strategy: string;
  /** The entry signal's tag, if any. */
  tag?: string;
  side: 'long' | 'short';
  quantity: number;
  entryTime: number;
  entryIndex: number;
  /** Average entry price, slippage included. */
  entryPrice: number;
  exitTime: number;
  exitIndex: number;
  /** Average exit price, slippage included. */
  exitPrice: number;
  /** Profit or loss after fees, slippage and funding. */
  pnl: number;
  /** `pnl` over the capital the trade committed (entry notional / leverage). */
  returnFraction: number;
  fees: number;
  /** Cost of slippage against the reference prices (always >= 0). */
  slippage: number;
  /** Funding or borrow paid (negative when received). */
  funding: number;
  /** Why it closed: 'signal', 'stop-loss', 'take-profit', 'trailing-stop', 'liquidation', 'end'. */
  exitReason: string;
}

/** The account's value over time, one point per bar of the simulation clock. */
export interface EquityCurve {
  time: Float64Array;
  /** Cash plus the marked-to-market value of open positions. */
  equity: Float64Array;
  /** Gross exposure (sum of absolute position values) over equity, per bar. */
  exposure: Float64Array;
}
