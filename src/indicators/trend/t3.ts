import { withFiniteRows } from '../nanPolicy.js';
import { assertInteger, assertNumber, outputArray } from '../parameters.js';
import { StreamingIndicator } from '../StreamingIndicator.js';
import { EMA } from './ema.js';

/**
 * Tillson T3: a generalized DEMA applied three times, i.e. a weighted sum of the 3rd to 6th of
 * six chained EMAs, c1*e6 + c2*e5 + c3*e4 + c4*e3 with c1 = -v^3, c2 = 3v^2 + 3v^3,
 * c3 = -6v^2 - 3v - 3v^3, c4 = 1 + 3v + v^3 + 3v^2 for the volume factor v. Smooth with little
 * lag and little overshoot (TA-Lib T3, defaults period 5 and vFactor 0.7). Each EMA is seeded
 * with the mean of its first `period` inputs as in TA-Lib, so the first value is at bar
 * 6 * (period - 1). vFactor 0 gives EMA(EMA(EMA)); vFactor 1 a triple DEMA.
 * Type: trend/overlap. @see https://ta-lib.org/functions/t3/
 */
export function t3Lookback(period = 5, vFactor = 0.7): number {
  assertInteger('T3', 'period', period, 2);
  assertNumber('T3', 'vFactor', vFactor, 0, 1);
  return 6 * (period - 1);
}

export function t3(close: Float64Array, period = 5, vFactor = 0.7, out?: Float64Array): Float64Array {
  t3Lookback(period, vFactor);
  const result = outputArray('T3', close.length, out);
  withFiniteRows([close], [result], ([x], [y]) => t3Kernel(x, period, vFactor, y));
  return result;
}

/** The weights of e6, e5, e4, e3 (TA-Lib's expressions, so the rounding matches). */
function t3Coefficients(vFactor: number): [number, number, number, number] {
  const square = vFactor * vFactor;
  const c1 = -(square * vFactor);
  const c2 = 3 * (square - c1);
  const c3 = -6 * square - 3 * (vFactor - c1);
  const c4 = 1 + 3 * vFactor - c1 + 3 * square;
  return [c1, c2, c3, c4];
}

/**
 * One pass: during warm-up each of the six EMA stages seeds from the mean of its first
 * `period` inputs (the stage before it, once valid); afterwards a straight loop over six
 * locals, hand-written because speed is the product.
 */
function t3Kernel(x: Float64Array, period: number, vFactor: number, y: Float64Array): void {
  const n = x.length;
  const lookback = 6 * (period - 1);
  y.fill(NaN, 0, Math.min(lookback, n));
  if (n <= lookback) return;
  const k = 2 / (period + 1);
  const [c1, c2, c3, c4] = t3Coefficients(vFactor);
  const stages = new Float64Array(6);
  const sums = new Float64Array(6);
  const span = period - 1;
  for (let i = 0; i <= lookback; i++) {
    let v = x[i];
    for (let j = 0; j < 6; j++) {
      // Stage j sees its first input at bar j*span and seeds at bar (j+1)*span.
      if (i < j * span) break;
      const seedBar = (j + 1) * span;
      if (i < seedBar) {
        sums[j] += v;
        break;
      }
      v = i === seedBar ? (sums[j] + v) / period : stages[j] + k * (v - stages[j]);
      stages[j] = v;
    }
  }
  let e1 = stages[0];
  let e2 = stages[1];
  let e3 = stages[2];
  let e4 = stages[3];
  let e5 = stages[4];
  let e6 = stages[5];
  y[lookback] = c1 * e6 + c2 * e5 + c3 * e4 + c4 * e3;
  for (let i = lookback + 1; i < n; i++) {
    e1 += k * (x[i] - e1);
    e2 += k * (e1 - e2);
    e3 += k * (e2 - e3);
    e4 += k * (e3 - e4);
    e5 += k * (e4 - e5);
    e6 += k * (e5 - e6);
    y[i] = c1 * e6 + c2 * e5 + c3 * e4 + c4 * e3;
  }
}

/** Streaming T3: six chained streaming EMAs, each skipping the previous one's warm-up. */
export class T3 extends StreamingIndicator {
  readonly lookback: number;
  private readonly s1: EMA;
  private readonly s2: EMA;
  private readonly s3: EMA;
  private readonly s4: EMA;
  private readonly s5: EMA;
  private readonly s6: EMA;
  private readonly c1: number;
  private readonly c2: number;
  private readonly c3: number;
  private readonly c4: number;

  constructor(
    readonly period = 5,
    readonly vFactor = 0.7,
  ) {
    super();
    this.lookback = t3Lookback(period, vFactor);
    this.s1 = new EMA(period);
    this.s2 = new EMA(period);
    this.s3 = new EMA(period);
    this.s4 = new EMA(period);
    this.s5 = new EMA(period);
    this.s6 = new EMA(period);
    [this.c1, this.c2, this.c3, this.c4] = t3Coefficients(vFactor);
  }

  update(x: number): number {
    const e3 = this.s3.update(this.s2.update(this.s1.update(x)));
    const e4 = this.s4.update(e3);
    const e5 = this.s5.update(e4);
    const e6 = this.s6.update(e5);
    if (this.begin(true, Number.isFinite(x))) this.value = this.c1 * e6 + this.c2 * e5 + this.c3 * e4 + this.c4 * e3;
    return this.value;
  }

  replace(x: number): number {
    const e3 = this.s3.replace(this.s2.replace(this.s1.replace(x)));
    const e4 = this.s4.replace(e3);
    const e5 = this.s5.replace(e4);
    const e6 = this.s6.replace(e5);
    if (this.begin(false, Number.isFinite(x))) this.value = this.c1 * e6 + this.c2 * e5 + this.c3 * e4 + this.c4 * e3;
    return this.value;
  }

  protected commit(): void {
    // The inner EMAs commit their own forming bars on their next update.
  }

  protected clear(): void {
    this.s1.reset();
    this.s2.reset();
    this.s3.reset();
    this.s4.reset();
    this.s5.reset();
    this.s6.reset();
  }
}
