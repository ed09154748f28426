import { RingBuffer } from '../../core/RingBuffer.js';
import { withFiniteRows } from '../nanPolicy.js';
import { assertInteger, outputArray } from '../parameters.js';
import { StreamingIndicator } from '../StreamingIndicator.js';

/** TA-Lib's fixed KAMA smoothing bounds: the EMA factors of periods 30 (slowest) and 2 (fastest). */
const slowest = 2 / (30 + 1);
const fastRange = 2 / (2 + 1) - slowest;
/** TA-Lib's zero test (TA_IS_ZERO): a volatility sum below this counts as a flat window. */
const zero = 1e-14;

/**
 * Kaufman adaptive moving average: an EMA whose factor adapts to the efficiency ratio
 * |x[t] - x[t-period]| / sum of |x[i] - x[i-1]| over the window, so it follows clean trends fast
 * and stands still in noisy sideways markets (TA-Lib KAMA, default period 30 for the efficiency
 * ratio, with TA-Lib's fixed fast and slow periods 2 and 30). As in TA-Lib the recursion starts
 * from the value at bar period - 1, the first output is at bar `period`, the ratio is 1 when the
 * window's net move is at least its total movement or the movement is (near) zero, and the
 * volatility sum is a running sum.
 * Type: trend/overlap. @see https://ta-lib.org/functions/kama/
 */
export function kamaLookback(period = 30): number {
  assertInteger('KAMA', 'period', period, 2);
  return period;
}

export function kama(close: Float64Array, period = 30, out?: Float64Array): Float64Array {
  kamaLookback(period);
  const result = outputArray('KAMA', close.length, out);
  withFiniteRows([close], [result], ([x], [y]) => kamaKernel(x, period, y));
  return result;
}

/** The adaptive factor for one bar: TA-Lib's efficiency ratio mapped onto [slowest, fastest], squared. */
function smoothing(change: number, volatility: number): number {
  const ratio = volatility <= change || (volatility > -zero && volatility < zero) ? 1 : Math.abs(change / volatility);
  const factor = ratio * fastRange + slowest;
  return factor * factor;
}

/** One pass with a running volatility sum, in TA-Lib's order of operations (speed is the product). */
function kamaKernel(x: Float64Array, period: number, y: Float64Array): void {
  const n = x.length;
  y.fill(NaN, 0, Math.min(period, n));
  if (n <= period) return;
  let volatility = 0;
  for (let i = 0; i < period; i++) volatility += Math.abs(x[i] - x[i + 1]);
  let previous = x[period - 1];
  previous = (x[period] - previous) * smoothing(x[period] - x[0], volatility) + previous;
  y[period] = previous;
  for (let i = period + 1; i < n; i++) {
    const v = x[i];
    const trailing = x[i - period];
    volatility -= Math.abs(x[i - period - 1] - trailing);
    volatility += Math.abs(v - x[i - 1]);
    previous = (v - previous) * smoothing(v - trailing, volatility) + previous;
    y[i] = previous;
  }
}

/** Streaming KAMA: O(1) per bar over a ring of the last period + 1 committed values. */
export class KAMA extends StreamingIndicator {
  readonly lookback: number;
  /** Committed values, newest last: enough for x[t-1], x[t-period] and x[t-period-1]. */
  private readonly window: RingBuffer;
  private volatility = 0;
  private previous = NaN;
  private forming = 0;
  private formingVolatility = 0;

  constructor(readonly period = 30) {
    super();
    this.lookback = kamaLookback(period);
    this.window = new RingBuffer(period + 1);
  }

  update(x: number): number {
    if (this.begin(true, Number.isFinite(x))) this.compute(x);
    return this.value;
  }

  replace(x: number): number {
    if (this.begin(false, Number.isFinite(x))) this.compute(x);
    return this.value;
  }

  private compute(x: number): void {
    this.forming = x;
    const window = this.window;
    const held = window.length;
    if (held === 0) {
      this.formingVolatility = 0;
      this.value = NaN;
      return;
    }
    const last = window.fromNewest(0);
    if (held < this.period) {
      this.formingVolatility = this.volatility + Math.abs(last - x);
      this.value = NaN;
      return;
    }
    const period = this.period;
    const trailing = window.fromNewest(period - 1);
    let previous = this.previous;
    if (held === period) {
      this.formingVolatility = this.volatility + Math.abs(last - x);
      previous = last;
    } else {
      this.formingVolatility = this.volatility - Math.abs(window.fromNewest(period) - trailing) + Math.abs(x - last);
    }
    this.value = (x - previous) * smoothing(x - trailing, this.formingVolatility) + previous;
  }

  protected commit(): void {
    this.volatility = this.formingVolatility;
    if (this.value === this.value) this.previous = this.value;
    this.window.push(this.forming);
  }

  protected clear(): void {
    this.window.clear();
    this.volatility = 0;
    this.previous = NaN;
    this.formingVolatility = 0;
  }
}
