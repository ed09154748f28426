import { Bars } from '../src/core/Bars.js';
import { Random } from '../src/core/Random.js';
import { Timeframe } from '../src/core/Timeframe.js';

/**
 * A seeded OHLCV random walk with valid bars (high >= max(open, close), low <= min), ranges of
 * varied width and occasional flat bars, for indicator tests and benchmarks.
 */
export function randomWalkBars(length: number, seed = 7, symbol = 'WALK'): Bars {
  const random = Random.fromSeed(seed, 'random-walk');
  const bars = Bars.allocate(symbol, Timeframe.of('1d'), length);
  let price = 100;
  for (let i = 0; i < length; i++) {
    const open = price;
    price = Math.max(1, price * Math.exp(random.nextGaussian() * 0.02));
    const close = i % 97 === 50 ? open : price; // an occasional flat bar exercises zero ranges
    const spread = Math.abs(random.nextGaussian()) * 0.01 * open;
    bars.time[i] = Date.UTC(2000, 0, 3) + i * 86_400_000;
    bars.open[i] = open;
    bars.close[i] = close;
    bars.high[i] = Math.max(open, close) + spread * random.nextDouble();
    bars.low[i] = Math.min(open, close) - spread * random.nextDouble();
    bars.volume[i] = Math.round(1_000 + random.nextDouble() * 100_000);
    price = close;
  }
  return bars;
}
