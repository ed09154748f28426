import { RingBuffer } from '../../core/RingBuffer.js';
import { withFiniteRows } from '../nanPolicy.js';
import { assertInteger, assertSameLength, outputArray } from '../parameters.js';
import { StreamingIndicator } from '../StreamingIndicator.js';

/**
 * Beta over the last `period` returns (TA-Lib BETA, default 5): how much the second series
 * moves per unit move of the first, the slope of the regression of y's returns on x's returns
 * (covariance / variance of x's returns). Pass the benchmark (index) as `x` and the security
 * as `y` for the usual "beta of a stock". As in TA-Lib, the inputs are prices and the returns
 * are the ratios (p_t - p_{t-1}) / p_{t-1} (0 when the previous price is within 1e-14 of 0),
 * so the first value needs period + 1 prices (lookback = period); the result is 0 when x's
 * returns do not vary (n·Σx² - (Σx)² within 1e-14 of 0).
 * Type: rolling. @see https://ta-lib.org/functions/beta/
 */
export function betaLookback(period = 5): number {
  assertInteger('BETA', 'period', period, 1);
  return period;
}

export function beta(x: Float64Array, y: Float64Array, period = 5, out?: Float64Array): Float64Array {
  betaLookback(period);
  const length = assertSameLength('BETA', { x, y });
  const result = outputArray('BETA', length, out);
  withFiniteRows([x, y], [result], ([first, second], [output]) => betaKernel(first, second, period, output));
  return result;
}

/** TA-Lib's zero test (TA_IS_ZERO). */
const epsilon = 1e-14;

function change(price: number, previous: number): number {
  return previous > -epsilon && previous < epsilon ? 0 : (price - previous) / previous;
}

function slope(sumX: number, sumY: number, sumXY: number, sumXX: number, n: number): number {
  const denominator = n * sumXX - sumX * sumX;
  return denominator > -epsilon && denominator < epsilon ? 0 : (n * sumXY - sumX * sumY) / denominator;
}

/** Running sums of the returns in TA-Lib's order (add, read, subtract the oldest), hand-written. */
function betaKernel(x: Float64Array, y: Float64Array, period: number, out: Float64Array): void {
  const n = x.length;
  let sumX = 0;
  let sumY = 0;
  let sumXY = 0;
  let sumXX = 0;
  if (n > 0) out[0] = NaN;
  for (let i = 1; i < n; i++) {
    const a = change(x[i], x[i - 1]);
    const b = change(y[i], y[i - 1]);
    sumXX += a * a;
    sumXY += a * b;
    sumX += a;
    sumY += b;
    if (i < period) {
      out[i] = NaN;
      continue;
    }
    out[i] = slope(sumX, sumY, sumXY, sumXX, period);
    // The return leaving the window, recomputed from prices (identical to the one added).
    const j = i - period + 1;
    const oldA = change(x[j], x[j - 1]);
    const oldB = change(y[j], y[j - 1]);
    sumXX -= oldA * oldA;
    sumXY -= oldA * oldB;
    sumX -= oldA;
    sumY -= oldB;
  }
}

/** `update(x, y)` with prices: the beta of y's returns on x's returns. */
export class BETA extends StreamingIndicator {
  readonly lookback: number;
  private readonly returnsX: RingBuffer;
  private readonly returnsY: RingBuffer;
  private sumX = 0;
  private sumY = 0;
  private sumXY = 0;
  private sumXX = 0;
  private previousX = NaN;
  private previousY = NaN;
  private formingX = 0;
  private formingY = 0;

  constructor(readonly period = 5) {
    super();
    this.lookback = betaLookback(period);
    // The committed last period-1 returns; the forming bar's return completes the window.
    this.returnsX = new RingBuffer(Math.max(1, period - 1));
    this.returnsY = new RingBuffer(Math.max(1, period - 1));
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
    const a = change(x, this.previousX);
    const b = change(y, this.previousY);
    this.value = slope(this.sumX + a, this.sumY + b, this.sumXY + a * b, this.sumXX + a * a, this.period);
  }

  protected commit(): void {
    const x = this.formingX;
    const y = this.formingY;
    const hasPrevious = this.previousX === this.previousX;
    const a = hasPrevious ? change(x, this.previousX) : 0;
    const b = hasPrevious ? change(y, this.previousY) : 0;
    this.previousX = x;
    this.previousY = y;
    if (!hasPrevious || this.period === 1) return;
    this.sumXX += a * a;
    this.sumXY += a * b;
    this.sumX += a;
    this.sumY += b;
    const oldA = this.returnsX.push(a);
    const oldB = this.returnsY.push(b);
    if (oldA === oldA) {
      this.sumXX -= oldA * oldA;
      this.sumXY -= oldA * oldB;
      this.sumX -= oldA;
      this.sumY -= oldB;
    }
  }

  protected clear(): void {
    this.returnsX.clear();
    this.returnsY.clear();
    this.sumX = this.sumY = this.sumXY = this.sumXX = 0;
    this.previousX = NaN;
    this.previousY = NaN;
  }
}
