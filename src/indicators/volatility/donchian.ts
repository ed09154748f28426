import { withFiniteRows } from '../nanPolicy.js';
import { assertInteger, assertSameLength, outputArray } from '../parameters.js';
import { RollingExtreme } from '../rolling/RollingExtreme.js';
import { rollingMaxKernel, rollingMinKernel } from '../rolling/rollingExtremeKernels.js';
import { StreamingIndicator } from '../StreamingIndicator.js';

export interface DonchianChannels {
  upper: Float64Array;
  middle: Float64Array;
  lower: Float64Array;
}

/**
 * Donchian Channels (default period 20): the highest high and lowest low of the last `period`
 * bars (the current one included) and their midpoint; a close at a new `period`-bar high is
 * the classic turtle breakout. upper = MAX(high, period), lower = MIN(low, period),
 * middle = (upper + lower) / 2. Some platforms exclude the current bar (shift by one) so that
 * a breakout can be tested as close > upper of the previous bar: compare with upper[i - 1].
 * TA-Lib has no Donchian function; its MAX and MIN give the same bands.
 * Type: volatility. @see https://en.wikipedia.org/wiki/Donchian_channel
 */
export function donchianLookback(period = 20): number {
  assertInteger('DONCHIAN', 'period', period, 2);
  return period - 1;
}

export function donchian(high: Float64Array, low: Float64Array, period = 20, out?: DonchianChannels): DonchianChannels {
  donchianLookback(period);
  const n = assertSameLength('DONCHIAN', { high, low });
  const result: DonchianChannels = {
    upper: outputArray('DONCHIAN', n, out?.upper),
    middle: outputArray('DONCHIAN', n, out?.middle),
    lower: outputArray('DONCHIAN', n, out?.lower),
  };
  withFiniteRows([high, low], [result.upper, result.middle, result.lower], ([h, l], [upper, middle, lower]) => {
    rollingMaxKernel(h, period, upper);
    rollingMinKernel(l, period, lower);
    donchianMiddle(upper, lower, middle);
  });
  return result;
}

/** (upper + lower) / 2, NaN where either is. */
export function donchianMiddle(upper: Float64Array, lower: Float64Array, middle: Float64Array): Float64Array {
  const n = upper.length;
  for (let i = 0; i < n; i++) middle[i] = (upper[i] + lower[i]) / 2;
  return middle;
}

/** `update(high, low)`; `value` is the upper line (the first output), `middle` and `lower` the others. */
export class DONCHIAN extends StreamingIndicator {
  readonly lookback: number;
  middle = NaN;
  lower = NaN;
  private readonly highest: RollingExtreme;
  private readonly lowest: RollingExtreme;
  private formingHigh = 0;
  private formingLow = 0;

  constructor(readonly period = 20) {
    super();
    this.lookback = donchianLookback(period);
    this.highest = new RollingExtreme(period, true);
    this.lowest = new RollingExtreme(period, false);
  }

  update(high: number, low: number): number {
    if (this.begin(true, Number.isFinite(high) && Number.isFinite(low))) this.compute(high, low);
    else this.middle = this.lower = NaN;
    return this.value;
  }

  replace(high: number, low: number): number {
    if (this.begin(false, Number.isFinite(high) && Number.isFinite(low))) this.compute(high, low);
    else this.middle = this.lower = NaN;
    return this.value;
  }

  private compute(high: number, low: number): void {
    this.formingHigh = high;
    this.formingLow = low;
    if (this.count <= this.lookback) {
      this.value = this.middle = this.lower = NaN;
      return;
    }
    this.value = this.highest.extreme(high);
    this.lower = this.lowest.extreme(low);
    this.middle = (this.value + this.lower) / 2;
  }

  protected commit(): void {
    this.highest.commit(this.formingHigh, 0);
    this.lowest.commit(this.formingLow, 0);
  }

  protected clear(): void {
    this.highest.clear();
    this.lowest.clear();
    this.middle = this.lower = NaN;
  }
}
