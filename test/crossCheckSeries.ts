import type { BarColumnName, Bars } from '../src/core/Bars.js';
import { randomWalkBars } from './randomWalk.js';
import { loadSharedBars, sharedDataAvailable } from './sharedData.js';

/** OHLCV columns of one series used to compare an indicator with TA-Lib. */
export interface CrossCheckSeries {
  name: string;
  columns: Record<Exclude<BarColumnName, 'time'>, Float64Array>;
}

function scaled(name: string, length: number, seed: number, transform: (value: number) => number): CrossCheckSeries {
  const bars = randomWalkBars(length, seed);
  const map = (column: Float64Array) => Float64Array.from(column, transform);
  return { name, columns: { open: map(bars.open), high: map(bars.high), low: map(bars.low), close: map(bars.close), volume: bars.volume.slice() } };
}

/**
 * 5,000-bar random walks: around 100; scaled to around 50,000 (same relative moves); and
 * shifted to around 50,000 with moves of a few units (tiny relative moves: the hard case for
 * running sums of squares).
 */
export function randomWalkCrossCheckSeries(seed = 21): CrossCheckSeries[] {
  return [
    scaled('random walk near 100', 5_000, seed, (value) => value),
    scaled('random walk near 50,000 (scaled)', 5_000, seed + 1, (value) => value * 500),
    scaled('random walk near 50,000 (shifted)', 5_000, seed + 2, (value) => 50_000 + value),
  ];
}

/** S&P 500 symbols with different price levels and volatilities, for the TA-Lib cross-checks. */
export const talibCheckSymbols = ['AAPL', 'GE', 'NVDA', 'XOM'] as const;

/**
 * Real daily bars for the TA-Lib cross-checks: MSFT 2000-2001 (the dot-com crash) first, then
 * the given S&P 500 symbols of 2013-2018, invalid rows dropped. Call from `beforeAll` behind
 * `requireSharedData()`: reading the S&P file takes about a second.
 */
export async function realBarsForTalib(symbols: readonly string[] = talibCheckSymbols): Promise<Bars[]> {
  const msft = await loadSharedBars('msft_2000_2001_ohlcv.csv.gz');
  const sp500 = await loadSharedBars('sp500_5yr_daily_2013-2018.csv.gz', symbols);
  return [...msft, ...sp500];
}

/** MSFT 2000-2001 and AAPL, MSFT, XOM 2013-2018 from ../shared/data (empty when it is absent). */
export async function realCrossCheckSeries(): Promise<CrossCheckSeries[]> {
  if (!sharedDataAvailable) return [];
  const bars = await realBarsForTalib(['AAPL', 'MSFT', 'XOM']);
  return bars.map((b, i) => ({
    name: `${i === 0 ? 'msft_2000_2001' : 'sp500'} ${b.symbol}`,
    columns: { open: b.open, high: b.high, low: b.low, close: b.close, volume: b.volume },
  }));
}
