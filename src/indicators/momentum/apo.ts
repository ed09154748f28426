import { withFiniteRows } from '../nanPolicy.js';
import { assertInteger, outputArray } from '../parameters.js';
import { StreamingIndicator } from '../StreamingIndicator.js';
import { createMovingAverage, movingAverage, movingAverageLookback, type MovingAverageStream, type MovingAverageType } from '../trend/movingAverage.js';
import { assertMovingAverageType } from './movingAverageFrom.js';

/**
 * Absolute Price Oscillator: the fast moving average minus the slow one, in price units; like
 * the MACD line (a rising, positive APO says the short-term trend runs above the long-term
 * one) but with any MA type. As TA-Lib APO (defaults 12, 26, SMA: TA-Lib's default type is
 * SMA, not EMA): both averages are computed over the whole series from bar 0 (so with EMA the
 * fast one is seeded at bar fast - 1, unlike MACD), output from the slow average's lookback.
 * A fast period longer than the slow one is swapped with it, as TA-Lib does.
 * Type: momentum. @see https://ta-lib.org/functions/apo/
 */
export function apoLookback(fastPeriod = 12, slowPeriod = 26, type: MovingAverageType = 'sma'): number {
  return priceOscillatorLookback('APO', fastPeriod, slowPeriod, type);
}

export function apo(close: Float64Array, fastPeriod = 12, slowPeriod = 26, type: MovingAverageType = 'sma', out?: Float64Array): Float64Array {
  return priceOscillator('APO', close, fastPeriod, slowPeriod, type, false, out);
}

export function priceOscillatorLookback(indicator: string, fastPeriod: number, slowPeriod: number, type: MovingAverageType): number {
  assertInteger(indicator, 'fastPeriod', fastPeriod, 2);
  assertInteger(indicator, 'slowPeriod', slowPeriod, 2);
  assertMovingAverageType(indicator, 'type', type);
  return movingAverageLookback(Math.max(fastPeriod, slowPeriod), type);
}

/** APO and PPO: the difference of two averages, in price units or in percent of the slow one. */
export function priceOscillator(
  indicator: string,
  close: Float64Array,
  fastPeriod: number,
  slowPeriod: number,
  type: MovingAverageType,
  percent: boolean,
  out?: Float64Array,
): Float64Array {
  const lookback = priceOscillatorLookback(indicator, fastPeriod, slowPeriod, type);
  const result = outputArray(indicator, close.length, out);
  const fast = Math.min(fastPeriod, slowPeriod);
  const slow = Math.max(fastPeriod, slowPeriod);
  withFiniteRows([close], [result], ([x], [y]) => {
    const n = x.length;
    // The slow average goes straight into the output; the fast one needs one intermediate array.
    movingAverage(x, slow, type, y);
    const fastAverage = movingAverage(x, fast, type);
    const warm = Math.min(lookback, n);
    for (let i = 0; i < warm; i++) y[i] = NaN;
    if (percent) {
      for (let i = lookback; i < n; i++) {
        const slowValue = y[i];
        y[i] = slowValue < talibZero && slowValue > -talibZero ? 0 : ((fastAverage[i] - slowValue) / slowValue) * 100;
      }
    } else {
      for (let i = lookback; i < n; i++) y[i] = fastAverage[i] - y[i];
    }
  });
  return result;
}

/**
 * APO (or PPO with `percent`) from the two averages already computed, e.g. shared with MA
 * columns by `computeAll`: equal to `apo()` / `ppo()` bar for bar, NaN where either is NaN.
 */
export function priceOscillatorFromAverages(fastAverage: Float64Array, slowAverage: Float64Array, percent: boolean, out?: Float64Array): Float64Array {
  const n = slowAverage.length;
  const y = outputArray(percent ? 'PPO' : 'APO', n, out);
  for (let i = 0; i < n; i++) {
    const fast = fastAverage[i];
    const slow = slowAverage[i];
    if (fast !== fast || slow !== slow) y[i] = NaN;
    else if (!percent) y[i] = fast - slow;
    else y[i] = slow < talibZero && slow > -talibZero ? 0 : ((fast - slow) / slow) * 100;
  }
  return y;
}

/** TA-Lib's "zero" (TA_IS_ZERO): a slow average within it gives PPO 0. */
const talibZero = 1e-14;

/** The streaming APO and PPO: two moving-average streams over the same closes. */
export class PriceOscillatorStream extends StreamingIndicator {
  readonly lookback: number;
  private readonly fastAverage: MovingAverageStream;
  private readonly slowAverage: MovingAverageStream;

  protected constructor(
    indicator: string,
    readonly fastPeriod: number,
    readonly slowPeriod: number,
    readonly type: MovingAverageType,
    private readonly percent: boolean,
  ) {
    super();
    this.lookback = priceOscillatorLookback(indicator, fastPeriod, slowPeriod, type);
    this.fastAverage = createMovingAverage(type, Math.min(fastPeriod, slowPeriod));
    this.slowAverage = createMovingAverage(type, Math.max(fastPeriod, slowPeriod));
  }

  update(close: number): number {
    this.begin(true, Number.isFinite(close));
    return this.read(this.fastAverage.update(close), this.slowAverage.update(close));
  }

  replace(close: number): number {
    this.begin(false, Number.isFinite(close));
    return this.read(this.fastAverage.replace(close), this.slowAverage.replace(close));
  }

  private read(fast: number, slow: number): number {
    if (!this.isReady) this.value = NaN;
    else if (!this.percent) this.value = fast - slow;
    else this.value = slow < talibZero && slow > -talibZero ? 0 : ((fast - slow) / slow) * 100;
    return this.value;
  }

  protected commit(): void {
    // The inner averages commit on their own next update.
  }

  protected clear(): void {
    this.fastAverage.reset();
    this.slowAverage.reset();
  }
}

export class APO extends PriceOscillatorStream {
  constructor(fastPeriod = 12, slowPeriod = 26, type: MovingAverageType = 'sma') {
    super('APO', fastPeriod, slowPeriod, type, false);
  }
}
