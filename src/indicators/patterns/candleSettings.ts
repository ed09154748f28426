/**
 * TA-Lib's candle settings and candle-geometry helpers, shared by every candlestick pattern.
 *
 * A pattern never says "a long body" in absolute terms: it compares a candle's body (or range,
 * or shadows) with `factor` times the average of the same measure over the `averagePeriod`
 * candles before it. These are TA-Lib 1.1.6's defaults (ta_global.c, TA_CandleDefaultSettings),
 * so that patterns agree with TA-Lib's CDL functions bar for bar.
 *
 * Type: pattern. @see https://ta-lib.org/functions/ (Pattern Recognition)
 */

/** What a setting measures on a candle: |close - open|, high - low, or upper + lower shadow. */
export type CandleRangeType = 'realBody' | 'highLow' | 'shadows';

export interface CandleSetting {
  rangeType: CandleRangeType;
  /** Candles averaged before the current one; 0 compares with the current candle's own range. */
  averagePeriod: number;
  factor: number;
}

export type CandleSettingName =
  | 'bodyLong'
  | 'bodyVeryLong'
  | 'bodyShort'
  | 'bodyDoji'
  | 'shadowLong'
  | 'shadowVeryLong'
  | 'shadowShort'
  | 'shadowVeryShort'
  | 'near'
  | 'far'
  | 'equal';

function setting(rangeType: CandleRangeType, averagePeriod: number, factor: number): CandleSetting {
  return Object.freeze({ rangeType, averagePeriod, factor });
}

/** TA-Lib 1.1.6 defaults, frozen: patterns are only TA-Lib-exact with these. */
export const candleSettings: Readonly<Record<CandleSettingName, CandleSetting>> = Object.freeze({
  /** A body longer than the average body of the 10 previous candles. */
  bodyLong: setting('realBody', 10, 1.0),
  /** A body longer than 3 times the average body of the 10 previous candles. */
  bodyVeryLong: setting('realBody', 10, 3.0),
  /** A body shorter than the average body of the 10 previous candles. */
  bodyShort: setting('realBody', 10, 1.0),
  /** A body no longer than 10% of the average high-low range of the 10 previous candles. */
  bodyDoji: setting('highLow', 10, 0.1),
  /** A shadow longer than the candle's own body. */
  shadowLong: setting('realBody', 0, 1.0),
  /** A shadow longer than twice the candle's own body. */
  shadowVeryLong: setting('realBody', 0, 2.0),
  /** A shadow shorter than half the average shadow sum of the 10 previous candles. */
  shadowShort: setting('shadows', 10, 1.0),
  /** A shadow shorter than 10% of the average high-low range of the 10 previous candles. */
  shadowVeryShort: setting('highLow', 10, 0.1),
  /** A distance within 20% of the average high-low range of the 5 previous candles. */
  near: setting('highLow', 5, 0.2),
  /** A distance of at least 60% of the average high-low range of the 5 previous candles. */
  far: setting('highLow', 5, 0.6),
  /** A distance within 5% of the average high-low range of the 5 previous candles. */
  equal: setting('highLow', 5, 0.05),
});

export interface Candles {
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
}

export function realBody(candles: Candles, i: number): number {
  return Math.abs(candles.close[i] - candles.open[i]);
}

export function upperShadow(candles: Candles, i: number): number {
  const { open, close } = candles;
  return candles.high[i] - (close[i] >= open[i] ? close[i] : open[i]);
}

export function lowerShadow(candles: Candles, i: number): number {
  const { open, close } = candles;
  return (close[i] >= open[i] ? open[i] : close[i]) - candles.low[i];
}

export function highLowRange(candles: Candles, i: number): number {
  return candles.high[i] - candles.low[i];
}

/** +1 for a white (close >= open, flat included) candle, -1 for a black one, as TA-Lib. */
export function candleColor(candles: Candles, i: number): 1 | -1 {
  return candles.close[i] >= candles.open[i] ? 1 : -1;
}

/** The measure a setting of `type` takes on candle i (TA_CANDLERANGE). */
export function candleRange(type: CandleRangeType, candles: Candles, i: number): number {
  if (type === 'realBody') return realBody(candles, i);
  if (type === 'highLow') return candles.high[i] - candles.low[i];
  return upperShadow(candles, i) + lowerShadow(candles, i);
}

/**
 * The threshold a candle's measure is compared with (TA_CANDLEAVERAGE): `factor` times the
 * average `sum / averagePeriod` (or candle i's own range when averagePeriod is 0), halved for
 * shadows (two shadows per candle). `sum` is the rolling sum of `candleRange` over the
 * `averagePeriod` candles before the one being judged. The operation order matches TA-Lib's
 * so that thresholds are bit-identical.
 */
export function candleAverage(setting: CandleSetting, sum: number, candles: Candles, i: number): number {
  const average = setting.averagePeriod !== 0 ? sum / setting.averagePeriod : candleRange(setting.rangeType, candles, i);
  return (setting.factor * average) / (setting.rangeType === 'shadows' ? 2.0 : 1.0);
}

/** The bodies of `later` and `earlier` do not overlap, `later`'s above (TA_REALBODYGAPUP). */
export function realBodyGapUp(candles: Candles, later: number, earlier: number): boolean {
  const { open, close } = candles;
  return Math.min(open[later], close[later]) > Math.max(open[earlier], close[earlier]);
}

/** The bodies of `later` and `earlier` do not overlap, `later`'s below (TA_REALBODYGAPDOWN). */
export function realBodyGapDown(candles: Candles, later: number, earlier: number): boolean {
  const { open, close } = candles;
  return Math.max(open[later], close[later]) < Math.min(open[earlier], close[earlier]);
}

/** `later`'s low is above `earlier`'s high (TA_CANDLEGAPUP). */
export function candleGapUp(candles: Candles, later: number, earlier: number): boolean {
  return candles.low[later] > candles.high[earlier];
}

/** `later`'s high is below `earlier`'s low (TA_CANDLEGAPDOWN). */
export function candleGapDown(candles: Candles, later: number, earlier: number): boolean {
  return candles.high[later] < candles.low[earlier];
}

/**
 * The largest averaging period among `settings`; a pattern of k candles adds k - 1 to get its
 * lookback (TA-Lib's TA_CDL*_Lookback).
 */
export function patternLookback(...settings: CandleSetting[]): number {
  let period = 0;
  for (const s of settings) if (s.averagePeriod > period) period = s.averagePeriod;
  return period;
}

/**
 * Sum of `candleRange(setting.rangeType)` over candles [from, to) (to exclusive): the seed of a
 * rolling candle average, before the first bar a pattern is judged on. TA-Lib seeds its sums
 * over the `averagePeriod` candles preceding the first output bar and then slides them by one
 * candle per bar, adding the newest and dropping the oldest.
 */
export function candleRangeSum(setting: CandleSetting, candles: Candles, from: number, to: number): number {
  let sum = 0;
  for (let i = from < 0 ? 0 : from; i < to; i++) sum += candleRange(setting.rangeType, candles, i);
  return sum;
}
