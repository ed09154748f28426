import type { BacktestResult } from '../simulator/BacktestResult.js';
import type { EquityCurve, Trade } from '../Trade.js';

/** One window's run of one series: its simulation and the series index of the account's first bar. */
export interface WindowRun {
  result: BacktestResult;
  offset: number;
}

/**
 * Consecutive window runs of one series as one account: each run starts with the same cash
 * at the close of the previous window's last bar, so it is scaled to the equity the account
 * had there (its trades with it: quantities and amounts, not return fractions) and appended,
 * its first point replacing the previous run's last (the same bar). The result reads like one
 * backtest that re-optimised at every window: compounding across windows, no gap, no overlap.
 * Trade indexes become series indexes, ids run 1, 2, 3, ... An account ruined in one window
 * stays at nothing after it.
 */
export function stitchWindows(runs: readonly WindowRun[]): { curve: EquityCurve; trades: Trade[] } {
  if (runs.length === 0) return { curve: { time: new Float64Array(0), equity: new Float64Array(0), exposure: new Float64Array(0) }, trades: [] };
  const first = runs[0].offset;
  const last = runs[runs.length - 1];
  const length = last.offset + last.result.curve.equity.length - first;
  const time = new Float64Array(length);
  const equity = new Float64Array(length);
  const exposure = new Float64Array(length);
  const trades: Trade[] = [];
  for (const [k, { result, offset }] of runs.entries()) {
    const at = offset - first;
    const factor = k === 0 ? 1 : Math.max(0, equity[at]) / result.initialCash;
    const curve = result.curve;
    for (let j = 0; j < curve.equity.length; j++) {
      time[at + j] = curve.time[j];
      equity[at + j] = curve.equity[j] * factor;
      exposure[at + j] = curve.exposure[j];
    }
    for (const trade of result.trades) {
      trades.push({
        ...trade,
        id: trades.length + 1,
        quantity: trade.quantity * factor,
        entryIndex: trade.entryIndex + offset,
        exitIndex: trade.exitIndex + offset,
        pnl: trade.pnl * factor,
        fees: trade.fees * factor,
        slippage: trade.slippage * factor,
        funding: trade.funding * factor,
      });
    }
  }
  return { curve: { time, equity, exposure }, trades };
}
