import {
  candleAverage,
  candleColor,
  candleGapDown,
  candleGapUp,
  candleRange,
  candleRangeSum,
  candleSettings,
  realBody,
  realBodyGapDown,
  realBodyGapUp,
  type CandleSetting,
  type Candles,
} from './candleSettings.js';

/**
 * Which three-candle star reversal to judge: a long candle, a small "star" that gaps away from
 * it, then a candle of the opposite color, longer than short, closing more than `penetration`
 * of the first body back into it. 'morning' (+100: black, body gap down, white) and 'evening'
 * (-100: white, body gap up, black) gap by real bodies; 'abandonedBaby' takes either direction
 * (+100 or -100) and needs whole-candle gaps, the star's away from the first and the third's
 * back from the star.
 */
export type StarPattern = 'morning' | 'evening' | 'abandonedBaby';

/**
 * The shared loop of CDLMORNINGSTAR, CDLEVENINGSTAR, CDLMORNINGDOJISTAR, CDLEVENINGDOJISTAR
 * and CDLABANDONEDBABY. The star's body must not exceed the average of `star` (bodyShort for a
 * star, bodyDoji for a doji star or abandoned baby). TA-Lib's rolling sums are added and
 * dropped in TA-Lib's order so thresholds are bit-identical. Hand-written because patterns
 * run over whole universes: one pass, no allocation; `pattern` and `star` are constants per
 * call, so their branches are perfectly predicted.
 */
export function starKernel(candles: Candles, star: CandleSetting, pattern: StarPattern, penetration: number, start: number, y: Float64Array): void {
  const { bodyLong, bodyShort } = candleSettings;
  const n = y.length;
  const { close } = candles;
  let longTrailing = start - 2 - bodyLong.averagePeriod;
  let starTrailing = start - 1 - star.averagePeriod;
  let shortTrailing = start - bodyShort.averagePeriod;
  // Averages for the first (i-2), second (i-1) and third (i) candle.
  let longTotal = candleRangeSum(bodyLong, candles, longTrailing, start - 2);
  let starTotal = candleRangeSum(star, candles, starTrailing, start - 1);
  let shortTotal = candleRangeSum(bodyShort, candles, shortTrailing, start);
  for (let i = start; i < n; i++) {
    let signal = 0;
    if (
      realBody(candles, i - 2) > candleAverage(bodyLong, longTotal, candles, i - 2) &&
      realBody(candles, i - 1) <= candleAverage(star, starTotal, candles, i - 1) &&
      realBody(candles, i) > candleAverage(bodyShort, shortTotal, candles, i)
    ) {
      const firstColor = candleColor(candles, i - 2);
      const thirdColor = candleColor(candles, i);
      const reach = realBody(candles, i - 2) * penetration;
      // Bullish: black, star below, white closing above; bearish: the mirror image.
      const bullish = firstColor === -1 && thirdColor === 1 && close[i] > close[i - 2] + reach;
      const bearish = firstColor === 1 && thirdColor === -1 && close[i] < close[i - 2] - reach;
      let found: boolean;
      if (pattern === 'morning') found = bullish && realBodyGapDown(candles, i - 1, i - 2);
      else if (pattern === 'evening') found = bearish && realBodyGapUp(candles, i - 1, i - 2);
      else found = (bearish && candleGapUp(candles, i - 1, i - 2) && candleGapDown(candles, i, i - 1)) || (bullish && candleGapDown(candles, i - 1, i - 2) && candleGapUp(candles, i, i - 1));
      if (found) signal = thirdColor * 100;
    }
    y[i] = signal;
    longTotal += candleRange(bodyLong.rangeType, candles, i - 2) - candleRange(bodyLong.rangeType, candles, longTrailing);
    starTotal += candleRange(star.rangeType, candles, i - 1) - candleRange(star.rangeType, candles, starTrailing);
    shortTotal += candleRange(bodyShort.rangeType, candles, i) - candleRange(bodyShort.rangeType, candles, shortTrailing);
    longTrailing++;
    starTrailing++;
    shortTrailing++;
  }
}
