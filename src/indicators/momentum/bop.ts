import { withFiniteRows } from '../nanPolicy.js';
import { assertSameLength, outputArray } from '../parameters.js';
import { StreamingIndicator } from '../StreamingIndicator.js';

/**
 * Balance of power (TA-Lib BOP): (close - open) / (high - low), who won the bar and how
 * decisively, from -1 (opened at the high, closed at the low) to +1. A bar with a range
 * within 1e-14 of zero (or negative) gives 0, as in TA-Lib. No warm-up (lookback 0).
 * Type: momentum. @see https://ta-lib.org/functions/bop/
 */
export function bopLookback(): number {
  return 0;
}

export function bop(open: Float64Array, high: Float64Array, low: Float64Array, close: Float64Array, out?: Float64Array): Float64Array {
  const length = assertSameLength('BOP', { open, high, low, close });
  const result = outputArray('BOP', length, out);
  withFiniteRows([open, high, low, close], [result], ([o, h, l, c], [y]) => {
    const n = o.length;
    for (let i = 0; i < n; i++) y[i] = balance(o[i], h[i], l[i], c[i]);
  });
  return result;
}

function balance(open: number, high: number, low: number, close: number): number {
  const range = high - low;
  return range < 1e-14 ? 0 : (close - open) / range;
}

export class BOP extends StreamingIndicator {
  readonly lookback = 0;

  update(open: number, high: number, low: number, close: number): number {
    if (this.begin(true, Number.isFinite(open) && Number.isFinite(high) && Number.isFinite(low) && Number.isFinite(close))) this.value = balance(open, high, low, close);
    return this.value;
  }

  replace(open: number, high: number, low: number, close: number): number {
    if (this.begin(false, Number.isFinite(open) && Number.isFinite(high) && Number.isFinite(low) && Number.isFinite(close))) this.value = balance(open, high, low, close);
    return this.value;
  }

  protected commit(): void {}

  protected clear(): void {}
}
