import {
  candleAverage,
  candleColor,
  candleGapDown,
  candleGapUp,
  candleRange,
  candleRangeSum,
  candleSettings,
  lowerShadow,
  patternLookback,
  realBody,
  upperShadow,
  type Candles,
} from './candleSettings.js';
import { runPattern } from './runPattern.js';

/**
 * Kicking: two marubozu of opposite colors with a price gap between them (a black marubozu,
 * then a white one whose low is above the black's high, or the mirror image): a violent
 * change of control. The sign is the second candle's color: +100 bullish, -100 bearish
 * (TA-Lib CDLKICKING). Marubozu: body above the average body of the 10 candles before it,
 * each shadow under 10% of their average high-low range.
 * Type: pattern. @see https://ta-lib.org/functions/cdlkicking/
 */
export function cdlKickingLookback(): number {
  return patternLookback(candleSettings.shadowVeryShort, candleSettings.bodyLong) + 1;
}

export function cdlKicking(open: Float64Array, high: Float64Array, low: Float64Array, close: Float64Array, out?: Float64Array): Float64Array {
  return runPattern('CDLKICKING', open, high, low, close, cdlKickingLookback(), out, kickingKernel);
}

/**
 * Hand-written loop with rolling sums (O(1) per bar): speed is the product. Each candle's
 * averages have their own running sums, as TA-Lib keeps them (same values, same bits).
 */
function kickingKernel(c: Candles, y: Float64Array, lookback: number): void {
  const n = y.length;
  const { bodyLong: long, shadowVeryShort: veryShort } = candleSettings;
  const longStart = lookback - long.averagePeriod;
  const veryShortStart = lookback - veryShort.averagePeriod;
  let firstLongTotal = candleRangeSum(long, c, longStart - 1, lookback - 1);
  let secondLongTotal = candleRangeSum(long, c, longStart, lookback);
  let firstShortTotal = candleRangeSum(veryShort, c, veryShortStart - 1, lookback - 1);
  let secondShortTotal = candleRangeSum(veryShort, c, veryShortStart, lookback);
  let longTrailing = longStart;
  let veryShortTrailing = veryShortStart;
  for (let i = lookback; i < n; i++) {
    const firstColor = candleColor(c, i - 1);
    const firstShadowLimit = candleAverage(veryShort, firstShortTotal, c, i - 1);
    const secondShadowLimit = candleAverage(veryShort, secondShortTotal, c, i);
    y[i] =
      firstColor === -candleColor(c, i) &&
      realBody(c, i - 1) > candleAverage(long, firstLongTotal, c, i - 1) &&
      upperShadow(c, i - 1) < firstShadowLimit &&
      lowerShadow(c, i - 1) < firstShadowLimit &&
      realBody(c, i) > candleAverage(long, secondLongTotal, c, i) &&
      upperShadow(c, i) < secondShadowLimit &&
      lowerShadow(c, i) < secondShadowLimit &&
      ((firstColor === -1 && candleGapUp(c, i, i - 1)) || (firstColor === 1 && candleGapDown(c, i, i - 1)))
        ? candleColor(c, i) * 100
        : 0;
    firstLongTotal += candleRange(long.rangeType, c, i - 1) - candleRange(long.rangeType, c, longTrailing - 1);
    secondLongTotal += candleRange(long.rangeType, c, i) - candleRange(long.rangeType, c, longTrailing++);
    firstShortTotal += candleRange(veryShort.rangeType, c, i - 1) - candleRange(veryShort.rangeType, c, veryShortTrailing - 1);
    secondShortTotal += candleRange(veryShort.rangeType, c, i) - candleRange(veryShort.rangeType, c, veryShortTrailing++);
  }
}
