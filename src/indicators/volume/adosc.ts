import { withFiniteRows } from '../nanPolicy.js';
import { assertInteger, assertSameLength, outputArray } from '../parameters.js';
import { StreamingIndicator } from '../StreamingIndicator.js';
import { ad, moneyFlowVolume } from './ad.js';

/**
 * Chaikin A/D oscillator: the fast EMA of the accumulation/distribution line minus its slow
 * EMA (TA-Lib ADOSC, default 3 and 10); above zero, accumulation is accelerating.
 *
 * Seeding, as TA-Lib: both EMAs start at the first A/D value (not at a mean of the first
 * values) and smooth by 2/(period+1) from the second bar on; the output starts once the slower
 * EMA has seen `max(fast, slow)` bars (lookback `max(fast, slow) - 1`). ADOSC is always
 * EMA(fastPeriod) - EMA(slowPeriod), even when fastPeriod > slowPeriod.
 * Type: volume. @see https://ta-lib.org/functions/adosc/
 */
export function adoscLookback(fastPeriod = 3, slowPeriod = 10): number {
  assertInteger('ADOSC', 'fastPeriod', fastPeriod, 2);
  assertInteger('ADOSC', 'slowPeriod', slowPeriod, 2);
  return Math.max(fastPeriod, slowPeriod) - 1;
}

export function adosc(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  volume: Float64Array,
  fastPeriod = 3,
  slowPeriod = 10,
  out?: Float64Array,
): Float64Array {
  const length = assertSameLength('ADOSC', { high, low, close, volume });
  adoscLookback(fastPeriod, slowPeriod);
  const result = outputArray('ADOSC', length, out);
  withFiniteRows([high, low, close, volume], [result], ([h, l, c, v], [y]) => adoscKernel(ad(h, l, c, v, y), fastPeriod, slowPeriod, y));
  return result;
}

/**
 * ADOSC from an A/D line already computed (NaN on missing bars), so that `computeAll` reuses
 * one A/D line for AD and ADOSC. Equals `adosc(high, low, close, volume, ...)`.
 */
export function adoscOfAd(adLine: Float64Array, fastPeriod = 3, slowPeriod = 10, out?: Float64Array): Float64Array {
  adoscLookback(fastPeriod, slowPeriod);
  const result = outputArray('ADOSC', adLine.length, out);
  withFiniteRows([adLine], [result], ([a], [y]) => adoscKernel(a, fastPeriod, slowPeriod, y));
  return result;
}

/** Both EMAs in one hand-written loop (speed is the product); `y` may alias `adLine`. */
function adoscKernel(adLine: Float64Array, fastPeriod: number, slowPeriod: number, y: Float64Array): void {
  const n = adLine.length;
  if (n === 0) return;
  const lookback = Math.max(fastPeriod, slowPeriod) - 1;
  const fastFactor = 2 / (fastPeriod + 1);
  const slowFactor = 2 / (slowPeriod + 1);
  const fastKeep = 1 - fastFactor;
  const slowKeep = 1 - slowFactor;
  let fast = adLine[0];
  let slow = fast;
  y[0] = NaN; // lookback >= 1: both periods are at least 2
  const warm = Math.min(lookback + 1, n);
  for (let i = 1; i < warm; i++) {
    const a = adLine[i];
    fast = fastFactor * a + fastKeep * fast;
    slow = slowFactor * a + slowKeep * slow;
    y[i] = NaN;
  }
  if (warm <= lookback) return;
  y[lookback] = fast - slow;
  for (let i = lookback + 1; i < n; i++) {
    const a = adLine[i];
    fast = fastFactor * a + fastKeep * fast;
    slow = slowFactor * a + slowKeep * slow;
    y[i] = fast - slow;
  }
}

export class ADOSC extends StreamingIndicator {
  readonly lookback: number;
  private readonly fastFactor: number;
  private readonly slowFactor: number;
  private total = 0;
  private fast = NaN;
  private slow = NaN;
  private formingTotal = 0;
  private formingFast = NaN;
  private formingSlow = NaN;

  constructor(
    readonly fastPeriod = 3,
    readonly slowPeriod = 10,
  ) {
    super();
    this.lookback = adoscLookback(fastPeriod, slowPeriod);
    this.fastFactor = 2 / (fastPeriod + 1);
    this.slowFactor = 2 / (slowPeriod + 1);
  }

  update(high: number, low: number, close: number, volume: number): number {
    if (this.begin(true, Number.isFinite(high) && Number.isFinite(low) && Number.isFinite(close) && Number.isFinite(volume))) this.compute(high, low, close, volume);
    return this.value;
  }

  replace(high: number, low: number, close: number, volume: number): number {
    if (this.begin(false, Number.isFinite(high) && Number.isFinite(low) && Number.isFinite(close) && Number.isFinite(volume))) this.compute(high, low, close, volume);
    return this.value;
  }

  private compute(high: number, low: number, close: number, volume: number): void {
    const a = this.total + moneyFlowVolume(high, low, close, volume);
    this.formingTotal = a;
    if (this.count === 1) {
      this.formingFast = a;
      this.formingSlow = a;
    } else {
      this.formingFast = this.fastFactor * a + (1 - this.fastFactor) * this.fast;
      this.formingSlow = this.slowFactor * a + (1 - this.slowFactor) * this.slow;
    }
    this.value = this.count > this.lookback ? this.formingFast - this.formingSlow : NaN;
  }

  protected commit(): void {
    this.total = this.formingTotal;
    this.fast = this.formingFast;
    this.slow = this.formingSlow;
  }

  protected clear(): void {
    this.total = 0;
    this.fast = NaN;
    this.slow = NaN;
  }
}
