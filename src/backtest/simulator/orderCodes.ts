/**
 * Numeric codes the columnar tables store instead of strings (the kernel compares small
 * integers), and their names for the materialized ledgers.
 */
export const OrderType = { market: 0, limit: 1, stop: 2, stopLimit: 3, trailingStop: 4 } as const;
export const orderTypeNames = ['market', 'limit', 'stop', 'stop-limit', 'trailing-stop'] as const;

/** What an order is for. Roles from `stopLoss` on are protective: they work only while their position is open. */
export const OrderRole = { entry: 0, exit: 1, target: 2, order: 3, stopLoss: 4, takeProfit: 5, trailingStop: 6, liquidation: 7, end: 8 } as const;
export const orderRoleNames = ['entry', 'exit', 'target', 'order', 'stop-loss', 'take-profit', 'trailing-stop', 'liquidation', 'end'] as const;

export const OrderStatus = { submitted: 0, working: 1, triggered: 2, partiallyFilled: 3, filled: 4, cancelled: 5, expired: 6, rejected: 7 } as const;
export const orderStatusNames = ['submitted', 'working', 'triggered', 'partially-filled', 'filled', 'cancelled', 'expired', 'rejected'] as const;

/** How an order's quantity is known. */
export const QuantityMode = {
  /** `amount` units. */
  units: 0,
  /** The sizing rule times `amount`, decided at the first fill. */
  sized: 1,
  /** `amount` of the position at the first fill. */
  positionFraction: 2,
  /** Whatever the position is at each fill (protective exits, liquidation, end). */
  wholePosition: 3,
  /** Trade to a position worth `amount` x equity, decided at the fill. */
  targetFraction: 4,
} as const;

export const TimeInForceCode = { gtc: 0, day: 1, ioc: 2, gtd: 3 } as const;
export const timeInForceNames = ['GTC', 'DAY', 'IOC', 'GTD'] as const;

/** Bits of an order's `flags`. */
export const OrderFlag = {
  reduceOnly: 1,
  fillAtClose: 2,
  /** A stop-limit whose stop was crossed: it now works as a limit. */
  triggered: 4,
  /** Carries bracket levels to activate on its fill. */
  bracket: 8,
  /** Activated by a fill inside the current segment (not at its open): see `protectiveExits`. */
  activatedIntrabar: 16,
  /** Counted in its symbol's working orders (it joined the working list and has not ended). */
  counted: 32,
} as const;

/** Fill reasons, in the order of `FillReason`. */
export const FillReasonCode = { signal: 0, stopLoss: 1, takeProfit: 2, trailingStop: 3, liquidation: 4, end: 5 } as const;
export const fillReasonNames = ['signal', 'stop-loss', 'take-profit', 'trailing-stop', 'liquidation', 'end'] as const;

export const Liquidity = { maker: 0, taker: 1 } as const;

/** Largest bar index: "no last bar" for orders good until cancelled. */
export const NO_LAST_BAR = 0x7fffffff;

/** The fill reason of an order of this role. */
export function reasonOfRole(role: number): number {
  if (role === OrderRole.stopLoss) return FillReasonCode.stopLoss;
  if (role === OrderRole.takeProfit) return FillReasonCode.takeProfit;
  if (role === OrderRole.trailingStop) return FillReasonCode.trailingStop;
  if (role === OrderRole.liquidation) return FillReasonCode.liquidation;
  if (role === OrderRole.end) return FillReasonCode.end;
  return FillReasonCode.signal;
}
