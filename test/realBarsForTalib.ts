import type { Bars } from '../src/core/Bars.js';
import { loadSharedBars } from './sharedData.js';

/** S&P 500 symbols with different price levels and volatilities, for the TA-Lib cross-checks. */
export const talibCheckSymbols = ['AAPL', 'GE', 'NVDA', 'XOM'] as const;

/**
 * Real daily bars for the TA-Lib cross-checks: MSFT 2000-2001 (the dot-com crash) and a few
 * S&P 500 symbols of 2013-2018, invalid rows dropped. Call from `beforeAll` behind
 * `requireSharedData()`: reading the S&P file takes about a second.
 */
export async function realBarsForTalib(): Promise<Bars[]> {
  const msft = await loadSharedBars('msft_2000_2001_ohlcv.csv.gz');
  const sp500 = await loadSharedBars('sp500_5yr_daily_2013-2018.csv.gz', talibCheckSymbols);
  return [...msft, ...sp500];
}
