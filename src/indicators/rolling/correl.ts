import { RingBuffer } from '../../core/RingBuffer.js';
import { withFiniteRows } from '../nanPolicy.js';
import { assertInteger, assertSameLength, outputArray } from '../parameters.js';
import { StreamingIndicator } from '../StreamingIndicator.js';

/**
 * Pearson correlation of two series over the last `period` bars (TA-Lib CORREL, default 30):
 * +1 when they move in lockstep, -1 when opposite, near 0 when unrelated; used for pairs,
 * hedges and diversification. Correlates the values as given (pass returns to correlate
 * returns). TA-Lib's arithmetic: running sums, and 0 when the product of the two sums of
 * squared deviations is below 1e-14 (a flat window, or values so small that it underflows).
 * Type: rolling. @see https://ta-lib.org/functions/correl/
 */
export function correlLookback(period = 30): number {
  assertInteger('CORREL', 'period', period, 1);
  return period - 1;
}

export function correl(x: Float64Array, y: Float64Array, period = 30, out?: Float64Array): Float64Array {
  const lookback = correlLookback(period);
  const length = assertSameLength('CORREL', { x, y });
  const result = outputArray('CORREL', length, out);
  withFiniteRows([x, y], [result], ([first, second], [output]) => correlKernel(first, second, period, lookback, output));
  return result;
}

/** TA-Lib's zero test (TA_IS_ZERO_OR_NEG). */
const epsilon = 1e-14;

function coefficient(sumX: number, sumY: number, sumXY: number, sumX2: number, sumY2: number, period: number): number {
  const denominator = (sumX2 - (sumX * sumX) / period) * (sumY2 - (sumY * sumY) / period);
  return denominator < epsilon ? 0 : (sumXY - (sumX * sumY) / period) / Math.sqrt(denominator);
}

/**
 * Five running sums in TA-Lib's order (the first window summed, then subtract the oldest and
 * add the newest), hand-written: speed is the product.
 */
function correlKernel(x: Float64Array, y: Float64Array, period: number, lookback: number, out: Float64Array): void {
  const n = x.length;
  let sumX = 0;
  let sumY = 0;
  let sumXY = 0;
  let sumX2 = 0;
  let sumY2 = 0;
  for (let i = 0; i < n; i++) {
    if (i > lookback) {
      const oldX = x[i - period];
      const oldY = y[i - period];
      sumX -= oldX;
      sumX2 -= oldX * oldX;
      sumXY -= oldX * oldY;
      sumY -= oldY;
      sumY2 -= oldY * oldY;
    }
    const a = x[i];
    const b = y[i];
    sumX += a;
    sumX2 += a * a;
    sumXY += a * b;
    sumY += b;
    sumY2 += b * b;
    out[i] = i >= lookback ? coefficient(sumX, sumY, sumXY, sumX2, sumY2, period) : NaN;
  }
}

/** `update(x, y)`: the correlation of the two series. */
export class CORREL extends StreamingIndicator {
  readonly lookback: number;
  private readonly windowX: RingBuffer;
  private readonly windowY: RingBuffer;
  // Sums over the committed window (up to `period` values, the oldest included).
  private sumX = 0;
  private sumY = 0;
  private sumXY = 0;
  private sumX2 = 0;
  private sumY2 = 0;
  private formingX = 0;
  private formingY = 0;

  constructor(readonly period = 30) {
    super();
    this.lookback = correlLookback(period);
    this.windowX = new RingBuffer(period);
    this.windowY = new RingBuffer(period);
  }

  update(x: number, y: number): number {
    if (this.begin(true, Number.isFinite(x) && Number.isFinite(y))) this.compute(x, y);
    return this.value;
  }

  replace(x: number, y: number): number {
    if (this.begin(false, Number.isFinite(x) && Number.isFinite(y))) this.compute(x, y);
    return this.value;
  }

  private compute(x: number, y: number): void {
    this.formingX = x;
    this.formingY = y;
    if (this.count <= this.lookback) {
      this.value = NaN;
      return;
    }
    let sumX = this.sumX;
    let sumY = this.sumY;
    let sumXY = this.sumXY;
    let sumX2 = this.sumX2;
    let sumY2 = this.sumY2;
    if (this.windowX.isFull) {
      const oldX = this.windowX.at(0);
      const oldY = this.windowY.at(0);
      sumX -= oldX;
      sumX2 -= oldX * oldX;
      sumXY -= oldX * oldY;
      sumY -= oldY;
      sumY2 -= oldY * oldY;
    }
    this.value = coefficient(sumX + x, sumY + y, sumXY + x * y, sumX2 + x * x, sumY2 + y * y, this.period);
  }

  protected commit(): void {
    const x = this.formingX;
    const y = this.formingY;
    const oldX = this.windowX.push(x);
    const oldY = this.windowY.push(y);
    if (oldX === oldX) {
      this.sumX -= oldX;
      this.sumX2 -= oldX * oldX;
      this.sumXY -= oldX * oldY;
      this.sumY -= oldY;
      this.sumY2 -= oldY * oldY;
    }
    this.sumX += x;
    this.sumX2 += x * x;
    this.sumXY += x * y;
    this.sumY += y;
    this.sumY2 += y * y;
  }

  protected clear(): void {
    this.windowX.clear();
    this.windowY.clear();
    this.sumX = this.sumY = this.sumXY = this.sumX2 = this.sumY2 = 0;
  }
}
