import { describe, expect, it } from 'vitest';
import { Bars } from '../../core/Bars.js';
import { Timeframe } from '../../core/Timeframe.js';
import { candleBars, type Candle } from '../../../test/handMadeBars.js';
import type { OrderRequest } from './BacktestOptions.js';
import { simulate } from './simulate.js';

const entry = (fields: Partial<OrderRequest> = {}): OrderRequest => ({ symbol: 'HAND', index: 0, side: 'buy', quantity: 10, ...fields });

function exits(candles: Candle[], request: OrderRequest, options = {}) {
  const result = simulate({ symbols: [{ bars: candleBars(candles) }], orders: [request] }, { closeAtEnd: false, ...options });
  return result.fills.filter((fill) => fill.reason !== 'signal').map((fill) => [fill.index, fill.price, fill.reason, fill.quantity]);
}

describe('stop-loss and take-profit inside a bar', () => {
  it('a stop-loss inside the range fills at its level; a take-profit too', () => {
    expect(exits([[100, 100, 100, 100], [100, 101, 95, 97]], entry({ stopLoss: 96 }))).toEqual([[1, 96, 'stop-loss', 10]]);
    expect(exits([[100, 100, 100, 100], [100, 106, 99, 104]], entry({ takeProfit: 105 }))).toEqual([[1, 105, 'take-profit', 10]]);
  });

  it('both inside one bar: the stop first (conservative), the take-profit is cancelled', () => {
    const result = simulate({ symbols: [{ bars: candleBars([[100, 100, 100, 100], [100, 106, 95, 101]]) }], orders: [entry({ stopLoss: 96, takeProfit: 105 })] }, { closeAtEnd: false });
    expect(result.fills.map((fill) => [fill.price, fill.reason])).toEqual([
      [100, 'signal'],
      [96, 'stop-loss'],
    ]);
    expect(result.orders.map((order) => order.status)).toEqual(['filled', 'filled', 'cancelled']);
  });

  it('a gap through the stop fills at the open, worse than the stop; a gap through the take-profit at the better open', () => {
    const candles: Candle[] = [[100, 100, 100, 100], [100, 101, 99, 100], [93, 94, 90, 92]];
    expect(exits(candles, entry({ stopLoss: 96 }))).toEqual([[2, 93, 'stop-loss', 10]]);
    expect(exits([[100, 100, 100, 100], [100, 101, 99, 100], [108, 109, 107, 108]], entry({ takeProfit: 105 }))).toEqual([[2, 108, 'take-profit', 10]]);
  });

  it('a short: the stop above, the target below', () => {
    const short = entry({ side: 'sell', stopLoss: 104, takeProfit: 95 });
    expect(exits([[100, 100, 100, 100], [100, 105, 99, 104]], short)).toEqual([[1, 104, 'stop-loss', 10]]);
    expect(exits([[100, 100, 100, 100], [100, 101, 94, 96]], short)).toEqual([[1, 95, 'take-profit', 10]]);
    expect(exits([[100, 100, 100, 100], [100, 105, 94, 96]], short)).toEqual([[1, 104, 'stop-loss', 10]]);
  });
});

describe('trailing stops', () => {
  it("are checked at the previous level before the bar's extreme moves them (no look-ahead inside the bar)", () => {
    // Entry at bar 1's open 100, trailing distance 3. Bar 1: level 97 (best = fill 100); low 98 > 97: no hit; then best = high 105.
    // Bar 2: level 102; open 104, low 101 <= 102: out at 102. Had bar 1's high raised the level first (to 102), bar 1's low 98 would have hit it.
    const candles: Candle[] = [[100, 100, 100, 100], [100, 105, 98, 104], [104, 104.5, 101, 103]];
    expect(exits(candles, entry({ trailingStop: 3 }))).toEqual([[2, 102, 'trailing-stop', 10]]);
  });

  it('of a short trail the lowest price', () => {
    const candles: Candle[] = [[100, 100, 100, 100], [100, 102, 95, 96], [96, 98.5, 95.5, 98]];
    // Level 103 in bar 1 (high 102: no hit), then best = 95 -> level 98; bar 2's high 98.5 hits it: bought back at 98.
    expect(exits(candles, entry({ side: 'sell', trailingStop: 3 }))).toEqual([[2, 98, 'trailing-stop', 10]]);
  });

  it('as fractions of the entry, from the run options for entry arrays (vectorbt sl_trail semantics)', () => {
    const bars = candleBars([[100, 100, 100, 100], [100, 110, 99, 108], [108, 108, 98, 99]]);
    const result = simulate({ symbols: [{ bars, longEntries: Uint8Array.of(1, 0, 0) }] }, { sizing: { kind: 'quantity', quantity: 1 }, stops: { trailingFraction: 0.1 }, closeAtEnd: false });
    // Bar 1: level 90, no hit; best 110. Bar 2: level 99, low 98: out at 99.
    expect(result.fills.map((fill) => [fill.index, fill.price, fill.reason])).toEqual([
      [1, 100, 'signal'],
      [2, 99, 'trailing-stop'],
    ]);
  });
});

describe('entries filled inside a bar', () => {
  it('a limit entry filled inside the bar checks its stop at once but not its take-profit (the high may have come first)', () => {
    const candles: Candle[] = [[100, 100, 100, 100], [100, 106, 94, 101], [101, 106, 100, 104]];
    // Buy limit 97 fills inside bar 1. Stop 95: bar 1's low 94 reaches it after the entry is possible: out at 95.
    expect(exits(candles, entry({ type: 'limit', limitPrice: 97, stopLoss: 95 }))).toEqual([[1, 95, 'stop-loss', 10]]);
    // Take-profit 105: bar 1's high 106 may have come before the entry; it fills in bar 2 (high 106).
    expect(exits(candles, entry({ type: 'limit', limitPrice: 97, takeProfit: 105 }))).toEqual([[2, 105, 'take-profit', 10]]);
  });
});

describe('resolution on finer bars', () => {
  // One daily bar holding both levels (stop 96, take-profit 105), with hourly bars showing the path.
  const day = Date.UTC(2024, 0, 2);
  const coarse = candleBars([[100, 100, 100, 100], [100, 106, 95, 101]]);
  function hourly(path: Candle[]): Bars {
    const time = Float64Array.from(path, (_, k) => day + k * 3_600_000);
    const column = (field: number) => Float64Array.from(path, (candle) => candle[field]);
    return new Bars('HAND', Timeframe.of('1h'), { time, open: column(0), high: column(1), low: column(2), close: column(3), volume: new Float64Array(path.length).fill(1) });
  }
  const run = (fineBars?: Bars) =>
    simulate({ symbols: [{ bars: coarse, ...(fineBars === undefined ? {} : { fineBars }) }], orders: [entry({ stopLoss: 96, takeProfit: 105 })] }, { closeAtEnd: false }).fills.map((fill) => [fill.price, fill.reason, fill.time]);

  it('without finer bars the stop is assumed first', () => {
    expect(run()[1]).toEqual([96, 'stop-loss', day]);
  });

  it("with finer bars that rise first, the take-profit fills, at the finer bar's time", () => {
    const fills = run(hourly([[100, 103, 99, 102], [102, 106, 101, 104], [104, 104, 95, 101]]));
    expect(fills[1]).toEqual([105, 'take-profit', day + 3_600_000]);
  });

  it('with finer bars that fall first, the stop fills', () => {
    expect(run(hourly([[100, 101, 95, 97], [97, 106, 97, 104]]))[1]).toEqual([96, 'stop-loss', day]);
  });

  it('a finer bar that gaps through the stop fills at its open', () => {
    expect(run(hourly([[100, 101, 99, 100], [94.5, 106, 94.5, 104]]))[1]).toEqual([94.5, 'stop-loss', day + 3_600_000]);
  });

  it('finer bars move a trailing stop within the coarse bar', () => {
    const bars = candleBars([[100, 100, 100, 100], [100, 110, 99, 104]]);
    const request = entry({ trailingStop: 5 });
    // Coarse only: level 95 in bar 1, low 99: no exit. Hourly: 100 -> 110 (level 105) -> a fall to 104 hits 105.
    expect(simulate({ symbols: [{ bars }], orders: [request] }, { closeAtEnd: false }).fills).toHaveLength(1);
    const fine = hourly([[100, 110, 99.5, 109], [109, 109, 104, 104]]);
    const fills = simulate({ symbols: [{ bars, fineBars: fine }], orders: [request] }, { closeAtEnd: false }).fills;
    expect(fills.map((fill) => [fill.price, fill.reason])).toEqual([
      [100, 'signal'],
      [105, 'trailing-stop'],
    ]);
  });
});
