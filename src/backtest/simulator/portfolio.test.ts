import { describe, expect, it } from 'vitest';
import { Bars } from '../../core/Bars.js';
import { TickforgeError } from '../../core/errors.js';
import { Timeframe } from '../../core/Timeframe.js';
import { candleBars, closeBars } from '../../../test/handMadeBars.js';
import type { SimulationOptions } from './BacktestOptions.js';
import { simulate } from './simulate.js';

const DAY = 86_400_000;
const start = Date.UTC(2024, 0, 1);

/** Close-only daily bars on the given day numbers (so that symbols can miss days). */
function onDays(symbol: string, days: number[], closes: number[]): Bars {
  const time = Float64Array.from(days, (day) => start + day * DAY);
  const close = Float64Array.from(closes);
  return new Bars(symbol, Timeframe.of('1d'), { time, open: close, high: close, low: close, close, volume: new Float64Array(days.length).fill(1) });
}

describe('a portfolio on a shared clock', () => {
  it('runs on the union of the bar times; a symbol without a bar then is neither traded nor re-marked', () => {
    const a = onDays('A', [0, 1, 2, 3, 4], [10, 11, 12, 13, 14]);
    const b = onDays('B', [0, 2, 4], [20, 22, 24]);
    // B's entry at day 0 fills at B's next bar, day 2 (no bar on day 1).
    const result = simulate({ symbols: [{ bars: a }, { bars: b, longEntries: Uint8Array.of(1, 0, 0) }] }, { initialCash: 1_000, sizing: { kind: 'quantity', quantity: 10 } });
    expect(Array.from(result.curve.time)).toEqual([0, 1, 2, 3, 4].map((day) => start + day * DAY));
    expect(result.fills.map((fill) => [fill.symbol, fill.step, fill.index, fill.price])).toEqual([
      ['B', 2, 1, 22],
      ['B', 4, 2, 24],
    ]);
    // Day 3: B has no bar, its position is still marked at 22: 1000 - 220 + 220.
    expect(Array.from(result.curve.equity)).toEqual([1_000, 1_000, 1_000, 1_000, 1_020]);
  });

  it('closes a symbol whose data ends early at its own last bar', () => {
    const a = onDays('A', [0, 1, 2, 3], [10, 10, 10, 10]);
    const gone = onDays('GONE', [0, 1], [5, 6]);
    const result = simulate({ symbols: [{ bars: a }, { bars: gone, longEntries: Uint8Array.of(1, 0) }] }, { sizing: { kind: 'quantity', quantity: 1 }, fillAt: 'close' });
    expect(result.trades.map((trade) => [trade.symbol, trade.exitIndex, trade.exitReason, trade.pnl])).toEqual([['GONE', 1, 'end', 1]]);
    expect(result.positions).toEqual([]);
  });

  it('sizes simultaneous entries on several symbols from the same equity, and buying power runs out in input order', () => {
    const a = onDays('A', [0, 1], [10, 10]);
    const b = onDays('B', [0, 1], [20, 20]);
    const c = onDays('C', [0, 1], [40, 40]);
    const entry = Uint8Array.of(1, 0);
    const result = simulate({ symbols: [{ bars: a, longEntries: entry }, { bars: b, longEntries: entry }, { bars: c, longEntries: entry }] }, { initialCash: 1_000, sizing: { kind: 'equity-fraction', fraction: 0.4 }, closeAtEnd: false });
    // 400 each: A 40 units, B 20 units; C gets the 200 left: 5 units.
    expect(result.fills.map((fill) => [fill.symbol, fill.quantity])).toEqual([
      ['A', 40],
      ['B', 20],
      ['C', 5],
    ]);
  });

  it('target positions trade to a fraction of equity when the target changes, reversing through zero', () => {
    const bars = closeBars([10, 10, 20, 20, 10, 10]);
    const targetFractions = Float64Array.of(0.5, NaN, 0.5, -0.25, NaN, 0);
    const result = simulate({ symbols: [{ bars, targetFractions }] }, { initialCash: 1_000, closeAtEnd: false });
    // Bar 1's open: 0.5 x 1000 / 10 = 50 units. Bar 2's 0.5 repeats the target: no order.
    // Bar 4's open 10: equity at bar 3's close 500 + 50 x 20 = 1500; -0.25 x 1500 / 10 = -37.5: sell the 50, then 37.5.
    // The last target (0, at the last close) has no next open to fill at.
    expect(result.fills.map((fill) => [fill.index, fill.side, fill.quantity, fill.positionAfter])).toEqual([
      [1, 'buy', 50, 50],
      [4, 'sell', 50, 0],
      [4, 'sell', 37.5, -37.5],
    ]);
    expect(result.orders.map((order) => [order.role, order.status])).toEqual([
      ['target', 'filled'],
      ['target', 'filled'],
      ['target', 'cancelled'],
    ]);
    // Bar 4: cash 500 + 500 + 375 = 1375, short 37.5 x 10: equity back to 1000.
    expect(result.curve.equity[4]).toBe(1_000);
  });

  it('rebalances at every bar when asked', () => {
    const bars = closeBars([10, 20, 10, 10]);
    const result = simulate({ symbols: [{ bars, targetFractions: Float64Array.of(0.5, 0.5, 0.5, NaN) }] }, { initialCash: 1_000, rebalance: 'every-bar', fillAt: 'close', closeAtEnd: false });
    // Bar 0: 50 units. Bar 1: equity 1500, 0.5 -> 37.5 units at 20: sell 12.5. Bar 2: equity 1500 - 37.5 x 10 = 1125 -> 56.25 at 10: buy 18.75.
    expect(result.fills.map((fill) => [fill.index, fill.side, fill.quantity])).toEqual([
      [0, 'buy', 50],
      [1, 'sell', 12.5],
      [2, 'buy', 18.75],
    ]);
  });
});

describe('checked options and inputs', () => {
  const bars = candleBars([[1, 1, 1, 1], [1, 1, 1, 1]]);
  const fails = (options: SimulationOptions, pattern: RegExp) => {
    let caught: unknown;
    try {
      simulate({ symbols: [{ bars }] }, options);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(TickforgeError);
    expect((caught as TickforgeError).code).toBe('TF_ERR_BACKTEST_OPTION');
    expect((caught as TickforgeError).message).toMatch(pattern);
  };

  it('name the option at fault', () => {
    fails({ initialCash: 0 }, /initialCash must be a finite number above 0/);
    fails({ fillAt: 'open' as never }, /fillAt must be one of next-open, close/);
    fails({ sizing: { kind: 'atr' } as never }, /sizing.riskFraction is required/);
    fails({ sizing: { kind: 'kelly' } as never }, /sizing.kind must be one of/);
    fails({ fees: { rate: 2 } }, /fees.rate must be a finite number above -1 and at most 1/);
    fails({ fees: { percent: 1 } as never }, /fees.percent is unknown/);
    fails({ slippage: { bps: -1 } }, /slippage.bps/);
    fails({ maxParticipation: 0 }, /maxParticipation must be a finite number above 0 and at most 1/);
    fails({ leverage: -2 }, /leverage/);
    fails({ maintenanceMargin: 1 }, /maintenanceMargin must be a finite number at least 0 and below 1/);
    fails({ maxEntries: 1.5 }, /maxEntries must be a whole number/);
    fails({ instrument: { tickSize: -0.01 } }, /instrument.tickSize/);
    fails({ stops: { trailingFraction: 0.1, trailingDistance: 2 } }, /stops.trailingDistance cannot be given together with stops.trailingFraction/);
    fails({ speed: 'fast' } as never, /options.speed is unknown/);
  });

  it('name the input at fault', () => {
    const input = (extra: object) => () => simulate({ symbols: [{ bars, ...extra }] });
    expect(input({ longEntries: new Uint8Array(3) })).toThrow(/symbols\[0\].longEntries has 3 values but the bars have 2/);
    expect(input({ targetFractions: [0.5, 0.5] })).toThrow(/symbols\[0\].targetFractions must be a Float64Array/);
    expect(() => simulate({ symbols: [] })).toThrow(/symbols must be a non-empty array/);
    expect(() => simulate({ symbols: [{ bars }, { bars }] })).toThrow(/repeats symbol HAND/);
    const unsorted = new Bars('U', Timeframe.of('1d'), { time: Float64Array.of(2, 1), open: Float64Array.of(1, 1), high: Float64Array.of(1, 1), low: Float64Array.of(1, 1), close: Float64Array.of(1, 1), volume: Float64Array.of(1, 1) });
    expect(() => simulate({ symbols: [{ bars: unsorted }] })).toThrow(/has time 1 at row 1, not after 2/);
    const broken = candleBars([[1, 1, 1, 1], [1, 0.5, 0.9, 1]]);
    expect(() => simulate({ symbols: [{ bars: broken }] })).toThrow(/breaks low <= open, close <= high/);
    expect(() => simulate({ symbols: [{ bars }], orders: [{ symbol: 'HAND', index: 5, side: 'buy' }] })).toThrow(/orders\[0\].index must be a bar index of HAND \(0 to 1\)/);
    expect(() => simulate({ symbols: [{ bars }], orders: [{ symbol: 'HAND', index: 0, side: 'buy', type: 'limit' }] })).toThrow(/orders\[0\].limitPrice is required for this order type/);
  });
});
