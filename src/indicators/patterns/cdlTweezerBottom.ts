import { candleSettings, patternLookback, type Candles } from './candleSettings.js';
import { runPattern } from './runPattern.js';
import { tweezerKernel } from './tweezerKernel.js';

/**
 * Tweezer bottom: a black candle, then a white candle with the same low (the lows differ by at
 * most 5% of the average high-low range of the 5 candles before the first, TA-Lib's "equal"
 * setting): the market found support twice at one level; read as bullish after a decline.
 * +100 on the pattern, 0 otherwise. TA-Lib has no tweezer function; this follows the
 * published definition (Nison, Japanese Candlestick Charting Techniques, 2nd ed., ch. 6
 * "Tweezers tops and bottoms": matching lows, the second candle reversing the first) with the
 * candle colors as the direction: a flat candle (open = close) has none and never qualifies.
 * Like TA-Lib's patterns it does not check the preceding trend. Lookback 6.
 * Type: pattern. @see https://www.investopedia.com/terms/t/tweezers.asp
 */
export function cdlTweezerBottomLookback(): number {
  return patternLookback(candleSettings.equal) + 1;
}

export function cdlTweezerBottom(open: Float64Array, high: Float64Array, low: Float64Array, close: Float64Array, out?: Float64Array): Float64Array {
  return runPattern('TWEEZERBOTTOM', open, high, low, close, cdlTweezerBottomLookback(), out, tweezerBottomKernel);
}

function tweezerBottomKernel(c: Candles, y: Float64Array, lookback: number): void {
  tweezerKernel(c, y, lookback, 1);
}
