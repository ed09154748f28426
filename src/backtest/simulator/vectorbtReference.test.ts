import { describe, expect, it } from 'vitest';
import { candleBars, type Candle } from '../../../test/handMadeBars.js';
import type { SimulationOptions, StopOptions, SymbolInput } from './BacktestOptions.js';
import { simulate } from './simulate.js';

/**
 * Cross-check against an independent engine: the expected order records of vectorbt's own test
 * suite (github.com/polakowo/vectorbt, tests/test_portfolio.py at commit f989752, the
 * TestFromSignals cases test_fees, test_fixed_fees, test_slippage, test_sl_stop, test_ts_stop
 * and test_tp_stop). vectorbt fills at the close of the signal bar by default, starts with 100
 * cash, keeps positions open at the end, and stops out at the open when a bar opens through the
 * stop: the same rules as `fillAt: 'close'`, `initialCash: 100`, `closeAtEnd: false` here.
 * Each record below is [bar, size, price, fees, side] as vectorbt lists it (side 0 buy, 1 sell).
 */
type OrderRecord = [index: number, size: number, price: number, fees: number, side: 0 | 1];

const vectorbt: SimulationOptions = { fillAt: 'close', initialCash: 100, closeAtEnd: false };
const flags = (...values: boolean[]) => Uint8Array.from(values, (value) => (value ? 1 : 0));
// price = [1, 2, 3, 4, 5]; entries = [T, T, T, F, F]; exits = [F, F, T, T, T]
const entries = flags(true, true, true, false, false);
const exits = flags(false, false, true, true, true);

/** Close-only bars; `spread` widens high and low (slippage is capped at the bar's range here, not in vectorbt). */
function closeBars(closes: number[], spread = 0): ReturnType<typeof candleBars> {
  return candleBars(closes.map((close): Candle => [close, close * (1 + spread), close * (1 - spread), close]));
}

/** The fills of one run merged per bar and side, as vectorbt records one order where a reversal makes two fills here. */
function records(input: SymbolInput, options: SimulationOptions): OrderRecord[] {
  const merged: OrderRecord[] = [];
  for (const fill of simulate({ symbols: [input] }, { ...vectorbt, ...options }).fills) {
    const side = fill.side === 'buy' ? 0 : 1;
    const previous = merged[merged.length - 1];
    if (previous !== undefined && previous[0] === fill.index && previous[4] === side) {
      previous[1] += fill.quantity;
      previous[3] += fill.fee;
    } else merged.push([fill.index, fill.quantity, fill.price, fill.fee, side]);
  }
  return merged;
}

function expectRecords(actual: OrderRecord[], expected: OrderRecord[]): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((record, k) => {
    expect(record[0]).toBe(expected[k][0]);
    expect(record[4]).toBe(expected[k][4]);
    for (const field of [1, 2, 3]) expect(record[field]).toBeCloseTo(expected[k][field], 10);
  });
}

const price = closeBars([1, 2, 3, 4, 5]);
const longOnly = { bars: price, longEntries: entries, longExits: exits };
const shortOnly = { bars: price, shortEntries: entries, shortExits: exits };
const both = { bars: price, longEntries: entries, shortEntries: exits };
const one: SimulationOptions = { sizing: { kind: 'quantity', quantity: 1 } };

describe('vectorbt from_signals, fees', () => {
  it('percent fees 0.1 and 1.0 (test_fees)', () => {
    expectRecords(records(longOnly, { ...one, fees: { rate: 0.1 } }), [[0, 1, 1, 0.1, 0], [3, 1, 4, 0.4, 1]]);
    expectRecords(records(longOnly, { ...one, fees: { rate: 1 } }), [[0, 1, 1, 1, 0], [3, 1, 4, 4, 1]]);
    expectRecords(records(shortOnly, { ...one, fees: { rate: 0.1 } }), [[0, 1, 1, 0.1, 1], [3, 1, 4, 0.4, 0]]);
    // direction both: the exit is a short entry, so bar 3 reverses: 2 units sold, fees 0.8.
    expectRecords(records(both, { ...one, fees: { rate: 0.1 } }), [[0, 1, 1, 0.1, 0], [3, 2, 4, 0.8, 1]]);
  });

  it('fixed fees 0.1 and 1.0 (test_fixed_fees)', () => {
    expectRecords(records(longOnly, { ...one, fees: { fixed: 0.1 } }), [[0, 1, 1, 0.1, 0], [3, 1, 4, 0.1, 1]]);
    expectRecords(records(shortOnly, { ...one, fees: { fixed: 1 } }), [[0, 1, 1, 1, 1], [3, 1, 4, 1, 0]]);
  });

  it('slippage 0.1 (test_slippage)', () => {
    const wide = closeBars([1, 2, 3, 4, 5], 0.5);
    expectRecords(records({ ...longOnly, bars: wide }, { ...one, slippage: { bps: 1_000 } }), [[0, 1, 1.1, 0, 0], [3, 1, 3.6, 0, 1]]);
    expectRecords(records({ ...shortOnly, bars: wide }, { ...one, slippage: { bps: 1_000 } }), [[0, 1, 0.9, 0, 1], [3, 1, 4.4, 0, 0]]);
  });
});

describe('vectorbt from_signals, stops on OHLC bars', () => {
  const first = flags(true, false, false, false, false);
  const none = flags(false, false, false, false, false);
  /** close, open = close + 0.25 (or - 0.25), high = close + 0.5, low = close - 0.5. */
  function ohlc(closes: number[], openOffset: number) {
    return candleBars(closes.map((close): Candle => [close + openOffset, close + 0.5, close - 0.5, close]));
  }
  const run = (input: SymbolInput, stops: StopOptions) => records(input, { stops });

  it('stop-loss of a long, falling prices: gapped at the open or hit at the level (test_sl_stop)', () => {
    const bars = ohlc([5, 4, 3, 2, 1], 0.25);
    const long = { bars, longEntries: first, longExits: none };
    // All 100 cash at 5: 20 units.
    expectRecords(run(long, { stopLossFraction: 0.1 }), [[0, 20, 5, 0, 0], [1, 20, 4.25, 0, 1]]);
    expectRecords(run(long, { stopLossFraction: 0.15 }), [[0, 20, 5, 0, 0], [1, 20, 4.25, 0, 1]]);
    expectRecords(run(long, { stopLossFraction: 0.2 }), [[0, 20, 5, 0, 0], [1, 20, 4, 0, 1]]);
    // A short's stop is never reached on falling prices.
    expectRecords(run({ bars, shortEntries: first, shortExits: none }, { stopLossFraction: 0.1 }), [[0, 20, 5, 0, 1]]);
  });

  it('trailing stop of a long (test_ts_stop, sl_trail)', () => {
    const bars = ohlc([4, 5, 4, 3, 2], 0.25);
    const long = { bars, longEntries: first, longExits: none };
    // 25 units at 4; bar 1's high 5.5 moves the level to 5.5 x (1 - f); bar 2 opens at 4.25, low 3.5.
    expectRecords(run(long, { trailingFraction: 0.15 }), [[0, 25, 4, 0, 0], [2, 25, 4.25, 0, 1]]);
    expectRecords(run(long, { trailingFraction: 0.2 }), [[0, 25, 4, 0, 0], [2, 25, 4.25, 0, 1]]);
    expectRecords(run(long, { trailingFraction: 0.25 }), [[0, 25, 4, 0, 0], [2, 25, 4.125, 0, 1]]);
  });

  it('trailing stop of a short on close-only bars (test_ts_stop)', () => {
    const bars = closeBars([4, 5, 4, 3, 2]);
    expectRecords(run({ bars, shortEntries: first, shortExits: none }, { trailingFraction: 0.1 }), [[0, 25, 4, 0, 1], [1, 25, 5, 0, 0]]);
    expectRecords(run({ bars, shortEntries: first, shortExits: none }, { trailingFraction: 0.5 }), [[0, 25, 4, 0, 1]]);
  });

  it('take-profit of a short, falling prices (test_tp_stop)', () => {
    const bars = ohlc([5, 4, 3, 2, 1], 0.25);
    const short = { bars, shortEntries: first, shortExits: none };
    expectRecords(run(short, { takeProfitFraction: 0.1 }), [[0, 20, 5, 0, 1], [1, 20, 4.25, 0, 0]]);
    expectRecords(run(short, { takeProfitFraction: 0.15 }), [[0, 20, 5, 0, 1], [1, 20, 4.25, 0, 0]]);
    expectRecords(run(short, { takeProfitFraction: 0.2 }), [[0, 20, 5, 0, 1], [1, 20, 4, 0, 0]]);
    // A long's take-profit is never reached on falling prices.
    expectRecords(run({ bars, longEntries: first, longExits: none }, { takeProfitFraction: 0.1 }), [[0, 20, 5, 0, 0]]);
  });
});
