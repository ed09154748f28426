import { withFiniteRows } from '../nanPolicy.js';
import { assertInteger, assertNumber, assertSameLength, outputArray } from '../parameters.js';
import { StreamingIndicator } from '../StreamingIndicator.js';
import { EMA, ema } from '../trend/ema.js';
import { ATR, atr } from './atr.js';

export interface KeltnerChannels {
  upper: Float64Array;
  middle: Float64Array;
  lower: Float64Array;
}

/**
 * Keltner Channels (defaults period 20, atrPeriod 10, multiplier 2): an EMA of the close with
 * bands `multiplier` average true ranges above and below; a close outside the channel is a
 * trend signal, and channels inside Bollinger Bands mark a squeeze.
 *
 * Definition (Linda Raschke's modern form, as StockCharts): middle = EMA(period) of close,
 * seeded with the mean of the first `period` closes as TA-Lib's EMA; upper/lower = middle ±
 * multiplier × ATR(atrPeriod), ATR being TA-Lib's (Wilder's smoothing). The first value comes
 * at max(period - 1, atrPeriod). Some platforms use the typical price (H+L+C)/3 for the
 * middle line or an SMA of the range (Chester Keltner's 1960 original): those give other
 * numbers. TA-Lib has no Keltner function.
 * Type: volatility. @see https://chartschool.stockcharts.com/table-of-contents/technical-indicators-and-overlays/technical-overlays/keltner-channels
 */
export function keltnerLookback(period = 20, atrPeriod = 10, multiplier = 2): number {
  assertInteger('KELTNER', 'period', period, 1);
  assertInteger('KELTNER', 'atrPeriod', atrPeriod, 1);
  assertNumber('KELTNER', 'multiplier', multiplier, 0, 100);
  return Math.max(period - 1, atrPeriod);
}

export function keltner(high: Float64Array, low: Float64Array, close: Float64Array, period = 20, atrPeriod = 10, multiplier = 2, out?: KeltnerChannels): KeltnerChannels {
  const lookback = keltnerLookback(period, atrPeriod, multiplier);
  const n = assertSameLength('KELTNER', { high, low, close });
  const result: KeltnerChannels = {
    upper: outputArray('KELTNER', n, out?.upper),
    middle: outputArray('KELTNER', n, out?.middle),
    lower: outputArray('KELTNER', n, out?.lower),
  };
  withFiniteRows([high, low, close], [result.upper, result.middle, result.lower], ([h, l, c], [upper, middle, lower]) => {
    ema(c, period, middle);
    keltnerFromParts(middle, atr(h, l, c, atrPeriod), multiplier, lookback, { upper, middle, lower });
  });
  return result;
}

/**
 * The channels from an EMA and an ATR computed elsewhere (e.g. shared by `computeAll`), NaN
 * before `lookback`. `middle` may be `out.middle` itself.
 */
export function keltnerFromParts(middle: Float64Array, averageTrueRange: Float64Array, multiplier: number, lookback: number, out: KeltnerChannels): KeltnerChannels {
  const n = middle.length;
  for (let i = 0; i < n; i++) {
    const center = middle[i];
    const offset = averageTrueRange[i] * multiplier;
    if (i < lookback || center !== center || offset !== offset) {
      out.upper[i] = out.middle[i] = out.lower[i] = NaN;
      continue;
    }
    out.upper[i] = center + offset;
    out.middle[i] = center;
    out.lower[i] = center - offset;
  }
  return out;
}

/** `update(high, low, close)`; `value` is the upper line (the first output), `middle` and `lower` the others. */
export class KELTNER extends StreamingIndicator {
  readonly lookback: number;
  middle = NaN;
  lower = NaN;
  private readonly average: EMA;
  private readonly range: ATR;

  constructor(
    readonly period = 20,
    readonly atrPeriod = 10,
    readonly multiplier = 2,
  ) {
    super();
    this.lookback = keltnerLookback(period, atrPeriod, multiplier);
    this.average = new EMA(period);
    this.range = new ATR(atrPeriod);
  }

  update(high: number, low: number, close: number): number {
    return this.next(true, high, low, close);
  }

  replace(high: number, low: number, close: number): number {
    return this.next(false, high, low, close);
  }

  private next(isNew: boolean, high: number, low: number, close: number): number {
    const valid = Number.isFinite(high) && Number.isFinite(low) && Number.isFinite(close);
    // A bar missing any input is skipped by both parts, as the batch skips the row.
    const x = valid ? close : NaN;
    if (isNew) {
      this.average.update(x);
      this.range.update(valid ? high : NaN, low, close);
    } else {
      this.average.replace(x);
      this.range.replace(valid ? high : NaN, low, close);
    }
    if (this.begin(isNew, valid) && this.count > this.lookback) {
      const center = this.average.value;
      const offset = this.range.value * this.multiplier;
      this.value = center + offset;
      this.middle = center;
      this.lower = center - offset;
    } else {
      this.value = this.middle = this.lower = NaN;
    }
    return this.value;
  }

  protected commit(): void {
    // The parts commit themselves on their own update().
  }

  protected clear(): void {
    this.average.reset();
    this.range.reset();
    this.middle = this.lower = NaN;
  }
}
