import { Bars } from '../src/core/Bars.js';
import { Timeframe } from '../src/core/Timeframe.js';

/** One hand-written candle: open, high, low, close. */
export type Candle = readonly [open: number, high: number, low: number, close: number];

/** Daily bars from hand-written candles (volume 1), for strategy tests with answers worked out by hand. */
export function candleBars(candles: readonly Candle[], symbol = 'HAND'): Bars {
  const column = (field: number) => Float64Array.from(candles, (candle) => candle[field]);
  const time = Float64Array.from(candles, (_, i) => Date.UTC(2024, 0, 1) + i * 86_400_000);
  return new Bars(symbol, Timeframe.of('1d'), { time, open: column(0), high: column(1), low: column(2), close: column(3), volume: new Float64Array(candles.length).fill(1) });
}

/** Daily bars whose open, high and low all equal the close: a true range is then the change of the close. */
export function closeBars(closes: readonly number[], symbol = 'HAND'): Bars {
  return candleBars(closes.map((close) => [close, close, close, close] as const), symbol);
}
