import { RingBuffer } from '../../core/RingBuffer.js';
import { withFiniteRows } from '../nanPolicy.js';
import { assertInteger, assertSameLength, outputArray } from '../parameters.js';
import { StreamingIndicator } from '../StreamingIndicator.js';
import { finiteBar } from './directionalMovement.js';

/**
 * Ultimate oscillator (TA-Lib ULTOSC, default periods 7, 14, 28): buying pressure
 * (close - min(low, previous close)) over true range, summed over three windows and averaged
 * with weights 4, 2, 1 (shortest window heaviest), times 100; below 30 oversold, above 70
 * overbought. As TA-Lib does, the three periods are sorted first: the shortest gets weight 4
 * whatever order they are given in. A window whose summed true range is within 1e-14 of zero
 * contributes 0. First value at bar max(periods).
 * Type: momentum. @see https://ta-lib.org/functions/ultosc/
 */
export function ultoscLookback(period1 = 7, period2 = 14, period3 = 28): number {
  assertInteger('ULTOSC', 'period1', period1, 1);
  assertInteger('ULTOSC', 'period2', period2, 1);
  assertInteger('ULTOSC', 'period3', period3, 1);
  return Math.max(period1, period2, period3);
}

/** The periods shortest first, as TA-Lib sorts them. */
function sortedPeriods(period1: number, period2: number, period3: number): [number, number, number] {
  const periods = [period1, period2, period3].sort((a, b) => a - b);
  return [periods[0], periods[1], periods[2]];
}

export function ultosc(high: Float64Array, low: Float64Array, close: Float64Array, period1 = 7, period2 = 14, period3 = 28, out?: Float64Array): Float64Array {
  ultoscLookback(period1, period2, period3);
  const length = assertSameLength('ULTOSC', { high, low, close });
  const result = outputArray('ULTOSC', length, out);
  const [short, middle, long] = sortedPeriods(period1, period2, period3);
  withFiniteRows([high, low, close], [result], ([h, l, c], [y]) => ultoscKernel(h, l, c, short, middle, long, y));
  return result;
}

function weighted(a1: number, b1: number, a2: number, b2: number, a3: number, b3: number): number {
  let output = 0.0;
  if (b1 <= -1e-14 || b1 >= 1e-14) output += 4.0 * (a1 / b1);
  if (b2 <= -1e-14 || b2 >= 1e-14) output += 2.0 * (a2 / b2);
  if (b3 <= -1e-14 || b3 >= 1e-14) output += a3 / b3;
  return 100.0 * (output / 7.0);
}

/**
 * Three running sums of buying pressure and true range, primed and slid in TA-Lib's order
 * (add today, read, subtract the bar leaving) so the values match it bit for bit; the terms
 * of a leaving bar are recomputed rather than stored. Hand-written because speed is the product.
 */
function ultoscKernel(high: Float64Array, low: Float64Array, close: Float64Array, short: number, middle: number, long: number, y: Float64Array): void {
  const n = high.length;
  const lookback = long;
  if (n <= lookback) {
    y.fill(NaN);
    return;
  }
  y.fill(NaN, 0, lookback);
  const pressure = (i: number): number => close[i] - Math.min(low[i], close[i - 1]);
  const range = (i: number): number => Math.max(high[i], close[i - 1]) - Math.min(low[i], close[i - 1]);
  let a1 = 0;
  let b1 = 0;
  let a2 = 0;
  let b2 = 0;
  let a3 = 0;
  let b3 = 0;
  for (let i = lookback - short + 1; i < lookback; i++) {
    a1 += pressure(i);
    b1 += range(i);
  }
  for (let i = lookback - middle + 1; i < lookback; i++) {
    a2 += pressure(i);
    b2 += range(i);
  }
  for (let i = lookback - long + 1; i < lookback; i++) {
    a3 += pressure(i);
    b3 += range(i);
  }
  for (let i = lookback; i < n; i++) {
    const a = pressure(i);
    const b = range(i);
    a1 += a;
    a2 += a;
    a3 += a;
    b1 += b;
    b2 += b;
    b3 += b;
    y[i] = weighted(a1, b1, a2, b2, a3, b3);
    const leaving1 = i - short + 1;
    const leaving2 = i - middle + 1;
    const leaving3 = i - long + 1;
    a1 -= pressure(leaving1);
    b1 -= range(leaving1);
    a2 -= pressure(leaving2);
    b2 -= range(leaving2);
    a3 -= pressure(leaving3);
    b3 -= range(leaving3);
  }
}

export class ULTOSC extends StreamingIndicator {
  readonly lookback: number;
  private readonly periods: [number, number, number];
  /** Terms of the committed bars, newest last (enough for the longest window). */
  private readonly pressures: RingBuffer;
  private readonly ranges: RingBuffer;
  private readonly a = new Float64Array(3);
  private readonly b = new Float64Array(3);
  private previousClose = NaN;
  private formingClose = NaN;
  private formingPressure = 0;
  private formingRange = 0;

  constructor(
    readonly period1 = 7,
    readonly period2 = 14,
    readonly period3 = 28,
  ) {
    super();
    this.lookback = ultoscLookback(period1, period2, period3);
    this.periods = sortedPeriods(period1, period2, period3);
    this.pressures = new RingBuffer(Math.max(1, this.lookback));
    this.ranges = new RingBuffer(Math.max(1, this.lookback));
  }

  update(high: number, low: number, close: number): number {
    if (this.begin(true, finiteBar(high, low, close))) this.compute(high, low, close);
    return this.value;
  }

  replace(high: number, low: number, close: number): number {
    if (this.begin(false, finiteBar(high, low, close))) this.compute(high, low, close);
    return this.value;
  }

  private compute(high: number, low: number, close: number): void {
    this.formingClose = close;
    this.value = NaN;
    if (this.count === 1) return;
    const previous = this.previousClose;
    const a = close - Math.min(low, previous);
    const b = Math.max(high, previous) - Math.min(low, previous);
    this.formingPressure = a;
    this.formingRange = b;
    if (this.count <= this.lookback) return;
    const sums = this.a;
    const ranges = this.b;
    this.value = weighted(sums[0] + a, ranges[0] + b, sums[1] + a, ranges[1] + b, sums[2] + a, ranges[2] + b);
  }

  protected commit(): void {
    const index = this.count - 1;
    this.previousClose = this.formingClose;
    if (index === 0) return;
    const a = this.formingPressure;
    const b = this.formingRange;
    for (let k = 0; k < 3; k++) {
      const period = this.periods[k];
      if (index < this.lookback) {
        // Priming: TA-Lib sums the period - 1 bars before the first output.
        if (index >= this.lookback - period + 1) {
          this.a[k] += a;
          this.b[k] += b;
        }
      } else if (period === 1) {
        this.a[k] = this.a[k] + a - a;
        this.b[k] = this.b[k] + b - b;
      } else {
        this.a[k] = this.a[k] + a - this.pressures.fromNewest(period - 2);
        this.b[k] = this.b[k] + b - this.ranges.fromNewest(period - 2);
      }
    }
    this.pressures.push(a);
    this.ranges.push(b);
  }

  protected clear(): void {
    this.a.fill(0);
    this.b.fill(0);
    this.pressures.clear();
    this.ranges.clear();
    this.previousClose = NaN;
  }
}
