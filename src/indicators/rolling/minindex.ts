import { hasNonFinite, withFiniteRows } from '../nanPolicy.js';
import { assertInteger, outputArray } from '../parameters.js';
import { StreamingIndicator } from '../StreamingIndicator.js';
import { RollingExtreme } from './RollingExtreme.js';
import { rollingExtremeIndexKernel, rowPositions } from './rollingExtremeKernels.js';

/**
 * Row index of the lowest value over the last `period` bars (TA-Lib MININDEX, default
 * period 30): how long ago the range bottom was set (`i - minindex[i]` bars ago), as Aroon uses.
 *
 * Ties follow TA-Lib exactly: a new bar equal to the current lowest takes over (the latest
 * wins), but when the lowest leaves the window the earliest of the equal values in the new
 * window is chosen. The index is the row of the input array (batch), or the number of bars
 * given to `update()` since construction or `reset()` minus one (stream); rows with a missing
 * value count as rows but are never chosen.
 * Type: rolling. @see https://ta-lib.org/functions/minindex/
 */
export function minindexLookback(period = 30): number {
  assertInteger('MININDEX', 'period', period, 2);
  return period - 1;
}

export function minindex(x: Float64Array, period = 30, out?: Float64Array): Float64Array {
  minindexLookback(period);
  const result = outputArray('MININDEX', x.length, out);
  if (!hasNonFinite([x])) rollingExtremeIndexKernel(x, period, false, null, result);
  else withFiniteRows([x, rowPositions(x.length)], [result], ([values, positions], [y]) => rollingExtremeIndexKernel(values, period, false, positions, y));
  return result;
}

export class MININDEX extends StreamingIndicator {
  readonly lookback: number;
  private readonly window: RollingExtreme;
  private forming = 0;
  private formingPosition = 0;
  /** Bars given to update(), missing ones included: the position of the next bar. */
  private bars = 0;

  constructor(readonly period = 30) {
    super();
    this.lookback = minindexLookback(period);
    this.window = new RollingExtreme(period, false);
  }

  update(x: number): number {
    this.bars++;
    if (this.begin(true, Number.isFinite(x))) this.compute(x);
    return this.value;
  }

  replace(x: number): number {
    if (this.begin(false, Number.isFinite(x))) this.compute(x);
    return this.value;
  }

  private compute(x: number): void {
    this.forming = x;
    this.formingPosition = this.bars - 1;
    this.value = this.window.index(x, this.formingPosition);
  }

  protected commit(): void {
    this.window.commit(this.forming, this.formingPosition);
  }

  protected clear(): void {
    this.window.clear();
    this.bars = 0;
  }
}
