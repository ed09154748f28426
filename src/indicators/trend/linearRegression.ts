import { RingBuffer } from '../../core/RingBuffer.js';
import { withFiniteRows } from '../nanPolicy.js';
import { assertInteger, outputArray } from '../parameters.js';
import { StreamingIndicator } from '../StreamingIndicator.js';

/** The outputs of `linearRegression`, one value per input bar each. */
export interface LinearRegressionOutput {
  /** The fitted line at the latest bar (TA-Lib LINEARREG): a smoothed price with little lag. */
  value: Float64Array;
  /** Price change per bar along the line (TA-Lib LINEARREG_SLOPE). */
  slope: Float64Array;
  /** atan(slope) in degrees (TA-Lib LINEARREG_ANGLE); the slope is in price units per bar, so the angle depends on the price scale. */
  angle: Float64Array;
  /** The line at the oldest bar of the window (TA-Lib LINEARREG_INTERCEPT), not at the latest. */
  intercept: Float64Array;
  /** The line extended one bar ahead (TA-Lib TSF, time series forecast). */
  forecast: Float64Array;
}

const degreesPerRadian = 180 / Math.PI;
/** Running sums are re-summed exactly every this many windows (about 1/8 extra work). */
const windowsPerResum = 8;

/**
 * Least-squares line through the last `period` values, with x counting bars: its value at the
 * latest bar, slope, angle, intercept (at the oldest bar of the window) and one-bar-ahead
 * forecast. Tells a trader the direction and steepness of the recent trend and where it points
 * next (TA-Lib LINEARREG, LINEARREG_SLOPE, LINEARREG_ANGLE, LINEARREG_INTERCEPT and TSF, default
 * period 14). TA-Lib re-sums every window; here sum(y) and sum(x * y) are updated in O(1) per bar
 * (batch and stream alike) and re-summed exactly from the window every 8 * period bars, so
 * rounding cannot pile up over long series or carry over from a much higher price level. The
 * results differ from TA-Lib by rounding only (about 1e-11 of the price scale; relative to a
 * slope near zero the difference can look larger).
 * Type: trend/overlap. @see https://ta-lib.org/functions/linearreg/
 */
export function linearRegressionLookback(period = 14): number {
  assertInteger('LINEARREG', 'period', period, 2);
  return period - 1;
}

export function linearRegression(close: Float64Array, period = 14, out?: LinearRegressionOutput): LinearRegressionOutput {
  linearRegressionLookback(period);
  const n = close.length;
  const result: LinearRegressionOutput = {
    value: outputArray('LINEARREG', n, out?.value),
    slope: outputArray('LINEARREG', n, out?.slope),
    angle: outputArray('LINEARREG', n, out?.angle),
    intercept: outputArray('LINEARREG', n, out?.intercept),
    forecast: outputArray('LINEARREG', n, out?.forecast),
  };
  withFiniteRows([close], [result.value, result.slope, result.angle, result.intercept, result.forecast], ([x], [value, slope, angle, intercept, forecast]) =>
    linearRegressionKernel(x, period, value, slope, angle, intercept, forecast),
  );
  return result;
}

/**
 * TA-Lib's constants with x = bars ago (0 for the latest bar): sum of x, and the divisor
 * sum(x)^2 - period * sum(x^2) of the least-squares slope.
 */
function regressionConstants(period: number): { sumX: number; divisor: number } {
  const sumX = period * (period - 1) * 0.5;
  const sumXSquared = (period * (period - 1) * (2 * period - 1)) / 6;
  return { sumX, divisor: sumX * sumX - period * sumXSquared };
}

/**
 * One pass with running sums, hand-written because speed is the product. `sumXY` is kept with x
 * = bars ago counted from the next bar: each new bar ages every value by one (add sum(y)), and
 * the value leaving the window had age `period`.
 */
function linearRegressionKernel(
  x: Float64Array,
  period: number,
  value: Float64Array,
  slope: Float64Array,
  angle: Float64Array,
  intercept: Float64Array,
  forecast: Float64Array,
): void {
  const n = x.length;
  const lookback = period - 1;
  const { sumX, divisor } = regressionConstants(period);
  let sumY = 0;
  let sumXY = 0;
  const resumEvery = windowsPerResum * period;
  let untilResum = resumEvery;
  for (let i = 0; i < n; i++) {
    const y = x[i];
    const windowSum = sumY + y;
    if (i < lookback) {
      value[i] = slope[i] = angle[i] = intercept[i] = forecast[i] = NaN;
    } else {
      const m = (period * sumXY - sumX * windowSum) / divisor;
      const b = (windowSum - m * sumX) / period;
      value[i] = b + m * lookback;
      slope[i] = m;
      angle[i] = Math.atan(m) * degreesPerRadian;
      intercept[i] = b;
      forecast[i] = b + m * period;
    }
    sumXY += windowSum;
    sumY = windowSum;
    if (i >= lookback) {
      const old = x[i - lookback];
      sumXY -= period * old;
      sumY -= old;
    }
    if (--untilResum === 0) {
      untilResum = resumEvery;
      // The window's newest value has age 1 from the next bar's point of view, the oldest period-1.
      sumY = 0;
      sumXY = 0;
      for (let age = lookback; age >= 1; age--) {
        const v = x[i + 1 - age];
        sumY += v;
        sumXY += age * v;
      }
    }
  }
}

/**
 * Streaming linear regression: O(1) per bar over a ring of the last period-1 committed values.
 * `value` is the line at the latest bar; `slope`, `angle`, `intercept` and `forecast` the other
 * outputs (NaN during warm-up).
 */
export class LinearRegression extends StreamingIndicator {
  readonly lookback: number;
  slope = NaN;
  angle = NaN;
  intercept = NaN;
  forecast = NaN;
  private readonly window: RingBuffer;
  private readonly sumX: number;
  private readonly divisor: number;
  private sumY = 0;
  private sumXY = 0;
  private forming = 0;
  private readonly resumEvery: number;

  constructor(readonly period = 14) {
    super();
    this.lookback = linearRegressionLookback(period);
    this.window = new RingBuffer(period - 1);
    this.resumEvery = windowsPerResum * period;
    ({ sumX: this.sumX, divisor: this.divisor } = regressionConstants(period));
  }

  update(x: number): number {
    if (this.begin(true, Number.isFinite(x))) this.compute(x);
    else this.slope = this.angle = this.intercept = this.forecast = NaN;
    return this.value;
  }

  replace(x: number): number {
    if (this.begin(false, Number.isFinite(x))) this.compute(x);
    else this.slope = this.angle = this.intercept = this.forecast = NaN;
    return this.value;
  }

  private compute(x: number): void {
    this.forming = x;
    if (this.count <= this.lookback) {
      this.value = this.slope = this.angle = this.intercept = this.forecast = NaN;
      return;
    }
    const period = this.period;
    const windowSum = this.sumY + x;
    const m = (period * this.sumXY - this.sumX * windowSum) / this.divisor;
    const b = (windowSum - m * this.sumX) / period;
    this.value = b + m * this.lookback;
    this.slope = m;
    this.angle = Math.atan(m) * degreesPerRadian;
    this.intercept = b;
    this.forecast = b + m * period;
  }

  protected commit(): void {
    const windowSum = this.sumY + this.forming;
    this.sumXY += windowSum;
    this.sumY = windowSum;
    if (this.window.isFull) {
      const old = this.window.push(this.forming);
      this.sumXY -= this.period * old;
      this.sumY -= old;
    } else {
      this.window.push(this.forming);
    }
    // At the same bars as the batch kernel (count = committed bars), so both round alike.
    if (this.count % this.resumEvery === 0) this.resum();
  }

  private resum(): void {
    const window = this.window;
    let sumY = 0;
    let sumXY = 0;
    for (let age = window.length; age >= 1; age--) {
      const v = window.fromNewest(age - 1);
      sumY += v;
      sumXY += age * v;
    }
    this.sumY = sumY;
    this.sumXY = sumXY;
  }

  protected clear(): void {
    this.window.clear();
    this.sumY = 0;
    this.sumXY = 0;
    this.slope = this.angle = this.intercept = this.forecast = NaN;
  }
}
