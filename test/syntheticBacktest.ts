import type { Bars } from '../src/core/Bars.js';
import { Random } from '../src/core/Random.js';
import type { EquityCurve, Trade } from '../src/backtest/Trade.js';
import { randomWalkBars } from './randomWalk.js';

export interface SyntheticBacktest {
  bars: Bars[];
  curve: EquityCurve;
  trades: Trade[];
  /** Equal-weight buy and hold of the symbols from the first close. */
  benchmark: Float64Array;
  initialCash: number;
}

interface OpenTrade {
  side: 1 | -1;
  quantity: number;
  entryIndex: number;
  entryPrice: number;
  fees: number;
  slippage: number;
  exitAt: number;
  strategy: string;
  tag?: string;
}

const feeRate = 0.001;
const slippageRate = 0.0005;

/**
 * A small but realistic backtest for report tests, made by hand rather than by the simulator:
 * random-walk daily bars for a few symbols, and random trades on them (entries decided at a
 * close and filled at the next open with fees and slippage, a third of the equity each, held
 * 3 to 20 bars, long more often than short), with the cash, the marked equity, the exposure and
 * the trade ledger kept consistently, as the simulator keeps them.
 */
export function syntheticBacktest(length = 750, seed = 11, symbols: readonly string[] = ['AAA', 'BBB', 'CCC']): SyntheticBacktest {
  const random = Random.fromSeed(seed, 'synthetic-backtest');
  const bars = symbols.map((symbol, k) => randomWalkBars(length, seed * 31 + k, symbol));
  const initialCash = 100_000;
  const time = bars[0].time.slice();
  const equity = new Float64Array(length);
  const exposure = new Float64Array(length);
  const trades: Trade[] = [];
  const open: (OpenTrade | undefined)[] = symbols.map(() => undefined);
  const pending: (Omit<OpenTrade, 'quantity' | 'entryIndex' | 'entryPrice' | 'fees' | 'slippage'> | undefined)[] = symbols.map(() => undefined);
  const tags = ['breakout', 'pullback', 'reversal', undefined];
  let cash = initialCash;

  const close = (s: number, index: number, reference: number, reason: string, exitTime: number) => {
    const position = open[s]!;
    const exitPrice = reference * (1 - position.side * slippageRate);
    const notional = position.quantity * exitPrice;
    const fee = notional * feeRate;
    cash += position.side * notional - fee;
    const fees = position.fees + fee;
    const slippage = position.slippage + position.quantity * Math.abs(exitPrice - reference);
    const pnl = position.side * (exitPrice - position.entryPrice) * position.quantity - fees;
    trades.push({
      id: trades.length + 1, symbol: symbols[s], strategy: position.strategy, ...(position.tag === undefined ? {} : { tag: position.tag }),
      side: position.side === 1 ? 'long' : 'short', quantity: position.quantity,
      entryTime: bars[s].time[position.entryIndex], entryIndex: position.entryIndex, entryPrice: position.entryPrice,
      exitTime, exitIndex: index, exitPrice, pnl, returnFraction: pnl / (position.quantity * position.entryPrice),
      fees, slippage, funding: 0, exitReason: reason,
    });
    open[s] = undefined;
  };

  for (let i = 0; i < length; i++) {
    const marked = () => {
      let value = cash;
      for (let s = 0; s < symbols.length; s++) if (open[s] !== undefined) value += open[s]!.side * open[s]!.quantity * bars[s].open[i];
      return value;
    };
    for (let s = 0; s < symbols.length; s++) {
      if (open[s] !== undefined && open[s]!.exitAt === i) close(s, i, bars[s].open[i], 'signal', bars[s].time[i]);
      const order = pending[s];
      if (order !== undefined) {
        const reference = bars[s].open[i];
        const entryPrice = reference * (1 + order.side * slippageRate);
        const quantity = Math.floor(marked() / symbols.length / entryPrice);
        const fee = quantity * entryPrice * feeRate;
        cash -= order.side * quantity * entryPrice + fee;
        open[s] = { ...order, quantity, entryIndex: i, entryPrice, fees: fee, slippage: quantity * Math.abs(entryPrice - reference) };
        pending[s] = undefined;
      }
    }
    if (i === length - 1) {
      for (let s = 0; s < symbols.length; s++) if (open[s] !== undefined) close(s, i, bars[s].close[i], 'end', bars[s].time[i] + 86_400_000);
    }
    let value = cash;
    let gross = 0;
    for (let s = 0; s < symbols.length; s++) {
      const position = open[s];
      if (position === undefined) continue;
      value += position.side * position.quantity * bars[s].close[i];
      gross += position.quantity * bars[s].close[i];
    }
    equity[i] = value;
    exposure[i] = gross / value;
    for (let s = 0; s < symbols.length; s++) {
      if (i + 1 >= length || open[s] !== undefined || pending[s] !== undefined || random.nextDouble() > 0.06) continue;
      pending[s] = {
        side: random.nextDouble() < 0.7 ? 1 : -1,
        exitAt: i + 1 + 3 + random.nextInt(18),
        strategy: random.nextDouble() < 0.6 ? 'trend' : 'mean-reversion',
        tag: tags[random.nextInt(tags.length)],
      };
    }
  }
  const benchmark = new Float64Array(length);
  for (let i = 0; i < length; i++) {
    for (const series of bars) benchmark[i] += (initialCash / bars.length) * (series.close[i] / series.close[0]);
  }
  return { bars, curve: { time, equity, exposure }, trades, benchmark, initialCash };
}
