import type { Trade } from '../Trade.js';

/** What the trade ledger alone says; ratios are NaN (never Infinity) when their denominator is 0. */
export interface TradeStatistics {
  tradeCount: number;
  /** Trades with pnl > 0. */
  winningTrades: number;
  /** Trades with pnl < 0 (a trade at exactly 0 is neither). */
  losingTrades: number;
  /** winningTrades / tradeCount; NaN without trades. */
  winRate: number;
  /** Sum of pnl over all trades (after fees, slippage and funding). */
  netProfit: number;
  /** Sum of the winning trades' pnl (>= 0). */
  grossProfit: number;
  /** Sum of the losing trades' |pnl| (>= 0). */
  grossLoss: number;
  /** grossProfit / grossLoss; NaN without a losing trade. */
  profitFactor: number;
  /** Mean pnl per trade (netProfit / tradeCount); NaN without trades. */
  expectancy: number;
  /** Mean pnl of the winning trades; NaN without one. */
  averageWin: number;
  /** Mean pnl of the losing trades (negative); NaN without one. */
  averageLoss: number;
  /** averageWin / |averageLoss| (the payoff ratio); NaN unless both exist. */
  winLossRatio: number;
  /** Mean of exitTime - entryTime, ms; NaN without trades. */
  averageHoldingMs: number;
  /** Mean of exitIndex - entryIndex, bars; NaN without trades. */
  averageHoldingBars: number;
  totalFees: number;
  totalSlippage: number;
  /** Funding or borrow paid (negative when received on balance). */
  totalFunding: number;
  /** Sum over trades of |quantity|·entryPrice + |quantity|·exitPrice: both legs' notional. */
  tradedNotional: number;
}

/** Statistics of a trade ledger, in one pass. No trades gives counts and sums of 0 and NaN ratios. */
export function tradeStatistics(trades: readonly Trade[]): TradeStatistics {
  let winningTrades = 0;
  let losingTrades = 0;
  let grossProfit = 0;
  let grossLoss = 0;
  let netProfit = 0;
  let holdingMs = 0;
  let holdingBars = 0;
  let totalFees = 0;
  let totalSlippage = 0;
  let totalFunding = 0;
  let tradedNotional = 0;
  for (const trade of trades) {
    const pnl = trade.pnl;
    netProfit += pnl;
    if (pnl > 0) {
      winningTrades++;
      grossProfit += pnl;
    } else if (pnl < 0) {
      losingTrades++;
      grossLoss -= pnl;
    }
    holdingMs += trade.exitTime - trade.entryTime;
    holdingBars += trade.exitIndex - trade.entryIndex;
    totalFees += trade.fees;
    totalSlippage += trade.slippage;
    totalFunding += trade.funding;
    const quantity = Math.abs(trade.quantity);
    tradedNotional += quantity * trade.entryPrice + quantity * trade.exitPrice;
  }
  const tradeCount = trades.length;
  const averageWin = winningTrades > 0 ? grossProfit / winningTrades : NaN;
  const averageLoss = losingTrades > 0 ? -grossLoss / losingTrades : NaN;
  return {
    tradeCount,
    winningTrades,
    losingTrades,
    winRate: tradeCount > 0 ? winningTrades / tradeCount : NaN,
    netProfit,
    grossProfit,
    grossLoss,
    profitFactor: grossLoss > 0 ? grossProfit / grossLoss : NaN,
    expectancy: tradeCount > 0 ? netProfit / tradeCount : NaN,
    averageWin,
    averageLoss,
    winLossRatio: averageWin / -averageLoss,
    averageHoldingMs: tradeCount > 0 ? holdingMs / tradeCount : NaN,
    averageHoldingBars: tradeCount > 0 ? holdingBars / tradeCount : NaN,
    totalFees,
    totalSlippage,
    totalFunding,
    tradedNotional,
  };
}
