import { candleAverage, candleRange, candleRangeSum, candleSettings, realBody, type Candles } from './candleSettings.js';

/**
 * Which of the three "neck" continuation patterns to judge: all are a long black candle then
 * a white one opening below its low; they differ in where the white candle closes.
 */
export type NeckPattern = 'onNeck' | 'inNeck' | 'thrusting';

/**
 * The shared loop of on-neck, in-neck and thrusting (-100 on the pattern, 0 otherwise), with
 * rolling sums (O(1) per bar) for the long-body and "equal" averages of the first candle.
 * Hand-written because speed is the product; `pattern` is one of three constants per call, so
 * its branch is perfectly predicted.
 */
export function neckKernel(c: Candles, y: Float64Array, lookback: number, pattern: NeckPattern): void {
  const n = y.length;
  const { bodyLong: long, equal } = candleSettings;
  const { open, low, close } = c;
  // Both averages are judged on the first (previous) candle: their windows end one bar earlier.
  let longTotal = candleRangeSum(long, c, lookback - 1 - long.averagePeriod, lookback - 1);
  let equalTotal = candleRangeSum(equal, c, lookback - 1 - equal.averagePeriod, lookback - 1);
  let longTrailing = lookback - 1 - long.averagePeriod;
  let equalTrailing = lookback - 1 - equal.averagePeriod;
  for (let i = lookback; i < n; i++) {
    let signal = 0;
    if (close[i - 1] < open[i - 1] && realBody(c, i - 1) > candleAverage(long, longTotal, c, i - 1) && close[i] >= open[i] && open[i] < low[i - 1]) {
      const tolerance = candleAverage(equal, equalTotal, c, i - 1);
      let closes: boolean;
      if (pattern === 'onNeck') closes = close[i] <= low[i - 1] + tolerance && close[i] >= low[i - 1] - tolerance;
      else if (pattern === 'inNeck') closes = close[i] <= close[i - 1] + tolerance && close[i] >= close[i - 1];
      else closes = close[i] > close[i - 1] + tolerance && close[i] <= close[i - 1] + realBody(c, i - 1) * 0.5;
      if (closes) signal = -100;
    }
    y[i] = signal;
    equalTotal += candleRange(equal.rangeType, c, i - 1) - candleRange(equal.rangeType, c, equalTrailing++);
    longTotal += candleRange(long.rangeType, c, i - 1) - candleRange(long.rangeType, c, longTrailing++);
  }
}
