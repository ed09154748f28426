import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Bars } from '../../core/Bars.js';
import { Random } from '../../core/Random.js';
import { randomWalkBars } from '../../../test/randomWalk.js';
import { simulate } from './simulate.js';

/**
 * A second, independent implementation written plainly, one bar and one object at a time, of
 * the rules the simulator documents for entry/exit arrays: market orders at the next open (or
 * at the signal bar's close), a fixed quantity, percent and fixed fees, slippage in bps capped at
 * the bar's range, a stop-loss and take-profit as fractions of the fill price (gaps fill at the
 * open, the stop first when both are inside a bar, take-profits are limit fills without
 * slippage), reversals as a close then an open, and everything closed at the last bar. The
 * kernel must produce the same ledgers, number for number.
 */
interface NaiveOptions {
  quantity: number;
  rate: number;
  fixed: number;
  bps: number;
  stopLoss: number;
  takeProfit: number;
  atClose: boolean;
}
interface NaiveFill { index: number; side: 'buy' | 'sell'; quantity: number; price: number; fee: number; reason: string }
interface NaiveTrade { side: 'long' | 'short'; entryIndex: number; exitIndex: number; pnl: number; exitReason: string }
interface Signals { longEntries: Uint8Array; longExits: Uint8Array; shortEntries: Uint8Array; shortExits: Uint8Array }

function naiveBacktest(bars: Bars, signals: Signals, options: NaiveOptions) {
  const fills: NaiveFill[] = [];
  const trades: NaiveTrade[] = [];
  const equity: number[] = [];
  let cash = 1_000_000;
  let position = 0;
  let trade: { side: number; entryIndex: number; entryNotional: number; exitNotional: number; fees: number } | undefined;
  let protection: { stop: number; take: number; fromBar: number } | undefined;
  let pending: { kind: 'entry' | 'exit'; side: number }[] = [];

  const fill = (i: number, side: number, reference: number, taker: boolean, reason: string) => {
    let price = reference;
    if (taker) {
      const slipped = side > 0 ? reference + reference * options.bps * 1e-4 : reference - reference * options.bps * 1e-4;
      price = side > 0 ? (slipped > bars.high[i] ? Math.max(bars.high[i], reference) : slipped) : slipped < bars.low[i] ? Math.min(bars.low[i], reference) : slipped;
    }
    const quantity = position === 0 ? options.quantity : Math.abs(position);
    const fee = quantity * price * options.rate + options.fixed;
    cash -= side * (quantity * price) + fee;
    fills.push({ index: i, side: side > 0 ? 'buy' : 'sell', quantity, price, fee, reason });
    if (position === 0) {
      trade = { side, entryIndex: i, entryNotional: quantity * price, exitNotional: 0, fees: fee };
      position = side * quantity;
      protection = { stop: price * (1 - side * options.stopLoss), take: price * (1 + side * options.takeProfit), fromBar: reason === 'signal' && options.atClose ? i + 1 : i };
    } else {
      trade!.exitNotional += quantity * price;
      trade!.fees += fee;
      trades.push({ side: trade!.side > 0 ? 'long' : 'short', entryIndex: trade!.entryIndex, exitIndex: i, pnl: trade!.side * (trade!.exitNotional - trade!.entryNotional) - trade!.fees, exitReason: reason });
      position = 0;
      trade = undefined;
      protection = undefined;
    }
  };
  const protect = (i: number, open: number, high: number, low: number, gapOnly: boolean) => {
    if (position === 0 || protection === undefined || protection.fromBar > i) return;
    const long = position > 0;
    const { stop, take } = protection;
    if (long ? open <= stop : open >= stop) return fill(i, long ? -1 : 1, open, true, 'stop-loss');
    if (!gapOnly && (long ? low <= stop : high >= stop)) return fill(i, long ? -1 : 1, stop, true, 'stop-loss');
    if (long ? open >= take : open <= take) return fill(i, long ? -1 : 1, open, false, 'take-profit');
    if (!gapOnly && (long ? high >= take : low <= take)) return fill(i, long ? -1 : 1, take, false, 'take-profit');
  };
  const execute = (i: number, order: { kind: 'entry' | 'exit'; side: number }, price: number) => {
    if (order.kind === 'exit') {
      if (position !== 0 && Math.sign(position) === -order.side) fill(i, order.side, price, true, 'signal');
    } else if (position === 0) fill(i, order.side, price, true, 'signal');
  };

  for (let i = 0; i < bars.length; i++) {
    const [open, high, low, close] = [bars.open[i], bars.high[i], bars.low[i], bars.close[i]];
    protect(i, open, open, open, true);
    for (const order of pending) execute(i, order, open);
    pending = [];
    protect(i, open, high, low, false);
    let longEntry = signals.longEntries[i] !== 0;
    let longExit = signals.longExits[i] !== 0;
    let shortEntry = signals.shortEntries[i] !== 0;
    let shortExit = signals.shortExits[i] !== 0;
    if (longEntry && longExit) longEntry = longExit = false;
    if (shortEntry && shortExit) shortEntry = shortExit = false;
    if (longEntry && shortEntry) longEntry = shortEntry = false;
    const orders: { kind: 'entry' | 'exit'; side: number }[] = [];
    if (position > 0) {
      if (longExit || shortEntry) orders.push({ kind: 'exit', side: -1 });
      if (shortEntry) orders.push({ kind: 'entry', side: -1 });
    } else if (position < 0) {
      if (shortExit || longEntry) orders.push({ kind: 'exit', side: 1 });
      if (longEntry) orders.push({ kind: 'entry', side: 1 });
    } else if (longEntry) orders.push({ kind: 'entry', side: 1 });
    else if (shortEntry) orders.push({ kind: 'entry', side: -1 });
    if (options.atClose) for (const order of orders) execute(i, order, close);
    else pending = orders;
    if (i === bars.length - 1 && position !== 0) fill(i, position > 0 ? -1 : 1, close, true, 'end');
    equity.push(cash + position * close);
  }
  return { fills, trades, equity };
}

function randomSignals(length: number, seed: number, density: number): Signals {
  const random = Random.fromSeed(seed, 'signals');
  const column = () => Uint8Array.from({ length }, () => (random.nextDouble() < density ? 1 : 0));
  return { longEntries: column(), longExits: column(), shortEntries: column(), shortExits: column() };
}

describe('the kernel against a plain per-bar implementation', () => {
  it('gives the same fills, trades and equity for random signals, costs and stops', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }),
        fc.constantFrom(0.05, 0.15, 0.3),
        fc.boolean(),
        fc.constantFrom(0, 0.001),
        fc.constantFrom(0, 1),
        fc.constantFrom(0, 5, 50),
        fc.constantFrom(NaN, 0.01, 0.03),
        fc.constantFrom(NaN, 0.02, 0.05),
        (seed, density, atClose, rate, fixed, bps, stopLoss, takeProfit) => {
          const bars = randomWalkBars(150, seed);
          const signals = randomSignals(bars.length, seed, density);
          const quantity = 7;
          const expected = naiveBacktest(bars, signals, { quantity, rate, fixed, bps, stopLoss, takeProfit, atClose });
          const stops = { ...(Number.isNaN(stopLoss) ? {} : { stopLossFraction: stopLoss }), ...(Number.isNaN(takeProfit) ? {} : { takeProfitFraction: takeProfit }) };
          const actual = simulate(
            { symbols: [{ bars, ...signals }] },
            { initialCash: 1_000_000, sizing: { kind: 'quantity', quantity }, fees: { rate, fixed }, slippage: { bps }, stops, fillAt: atClose ? 'close' : 'next-open' },
          );
          expect(actual.fills.map(({ index, side, quantity: units, price, fee, reason }) => ({ index, side, quantity: units, price, fee, reason }))).toEqual(expected.fills);
          expect(actual.trades.map(({ side, entryIndex, exitIndex, pnl, exitReason }) => ({ side, entryIndex, exitIndex, pnl, exitReason }))).toEqual(expected.trades);
          expect(Array.from(actual.curve.equity)).toEqual(expected.equity);
        },
      ),
      { numRuns: 120 },
    );
  });
});
