import { withFiniteRows } from '../nanPolicy.js';
import { assertSameLength, outputArray } from '../parameters.js';
import { StreamingIndicator } from '../StreamingIndicator.js';

/**
 * Chaikin accumulation/distribution line: a running total of money-flow volume, the bar's
 * volume weighted by where the close sits in the bar's range, ((close - low) - (high - close))
 * / (high - low), from -1 at the low to +1 at the high. A rising line says closes cluster near
 * the highs on volume (accumulation). As TA-Lib AD: the line starts at 0 before the first bar,
 * so ad[0] is the first bar's money-flow volume; a bar with high == low adds 0; lookback 0.
 * Type: volume. @see https://ta-lib.org/functions/ad/
 */
export function adLookback(): number {
  return 0;
}

export function ad(high: Float64Array, low: Float64Array, close: Float64Array, volume: Float64Array, out?: Float64Array): Float64Array {
  const length = assertSameLength('AD', { high, low, close, volume });
  const result = outputArray('AD', length, out);
  withFiniteRows([high, low, close, volume], [result], ([h, l, c, v], [y]) => adKernel(h, l, c, v, y));
  return result;
}

/** Hand-written loop over typed arrays: speed is the product. TA-Lib's arithmetic order, for identical rounding. */
function adKernel(high: Float64Array, low: Float64Array, close: Float64Array, volume: Float64Array, y: Float64Array): void {
  const n = high.length;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const h = high[i];
    const l = low[i];
    const range = h - l;
    if (range > 0) {
      const c = close[i];
      total += ((c - l - (h - c)) / range) * volume[i];
    }
    y[i] = total;
  }
}

/** One bar's money-flow volume as TA-Lib computes it: 0 for a bar without range. */
export function moneyFlowVolume(high: number, low: number, close: number, volume: number): number {
  const range = high - low;
  return range > 0 ? ((close - low - (high - close)) / range) * volume : 0;
}

export class AD extends StreamingIndicator {
  readonly lookback = 0;
  private total = 0;

  update(high: number, low: number, close: number, volume: number): number {
    if (this.begin(true, Number.isFinite(high) && Number.isFinite(low) && Number.isFinite(close) && Number.isFinite(volume))) {
      this.value = this.total + moneyFlowVolume(high, low, close, volume);
    }
    return this.value;
  }

  replace(high: number, low: number, close: number, volume: number): number {
    if (this.begin(false, Number.isFinite(high) && Number.isFinite(low) && Number.isFinite(close) && Number.isFinite(volume))) {
      this.value = this.total + moneyFlowVolume(high, low, close, volume);
    }
    return this.value;
  }

  protected commit(): void {
    this.total = this.value;
  }

  protected clear(): void {
    this.total = 0;
  }
}
