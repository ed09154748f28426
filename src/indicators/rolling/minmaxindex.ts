import { hasNonFinite, withFiniteRows } from '../nanPolicy.js';
import { assertInteger, outputArray } from '../parameters.js';
import { StreamingIndicator } from '../StreamingIndicator.js';
import { RollingExtreme } from './RollingExtreme.js';
import { rollingExtremeIndexKernel, rowPositions } from './rollingExtremeKernels.js';

export interface MinMaxIndexOutput {
  minIndex: Float64Array;
  maxIndex: Float64Array;
}

/**
 * Row indexes of the lowest and highest values over the last `period` bars (TA-Lib
 * MINMAXINDEX, default period 30), with MININDEX's and MAXINDEX's tie rules and row numbering
 * (see `maxindex`).
 * Type: rolling. @see https://ta-lib.org/functions/minmaxindex/
 */
export function minmaxindexLookback(period = 30): number {
  assertInteger('MINMAXINDEX', 'period', period, 2);
  return period - 1;
}

export function minmaxindex(x: Float64Array, period = 30, out?: MinMaxIndexOutput): MinMaxIndexOutput {
  minmaxindexLookback(period);
  const result = { minIndex: outputArray('MINMAXINDEX', x.length, out?.minIndex), maxIndex: outputArray('MINMAXINDEX', x.length, out?.maxIndex) };
  if (!hasNonFinite([x])) {
    rollingExtremeIndexKernel(x, period, false, null, result.minIndex);
    rollingExtremeIndexKernel(x, period, true, null, result.maxIndex);
  } else {
    withFiniteRows([x, rowPositions(x.length)], [result.minIndex, result.maxIndex], ([values, positions], [low, high]) => {
      rollingExtremeIndexKernel(values, period, false, positions, low);
      rollingExtremeIndexKernel(values, period, true, positions, high);
    });
  }
  return result;
}

/** `value` is the index of the minimum; `maxIndex` that of the maximum. */
export class MINMAXINDEX extends StreamingIndicator {
  readonly lookback: number;
  maxIndex = NaN;
  private readonly lowest: RollingExtreme;
  private readonly highest: RollingExtreme;
  private forming = 0;
  private formingPosition = 0;
  private bars = 0;

  constructor(readonly period = 30) {
    super();
    this.lookback = minmaxindexLookback(period);
    this.lowest = new RollingExtreme(period, false);
    this.highest = new RollingExtreme(period, true);
  }

  update(x: number): number {
    this.bars++;
    if (this.begin(true, Number.isFinite(x))) this.compute(x);
    else this.maxIndex = NaN;
    return this.value;
  }

  replace(x: number): number {
    if (this.begin(false, Number.isFinite(x))) this.compute(x);
    else this.maxIndex = NaN;
    return this.value;
  }

  private compute(x: number): void {
    this.forming = x;
    this.formingPosition = this.bars - 1;
    this.value = this.lowest.index(x, this.formingPosition);
    this.maxIndex = this.highest.index(x, this.formingPosition);
  }

  protected commit(): void {
    this.lowest.commit(this.forming, this.formingPosition);
    this.highest.commit(this.forming, this.formingPosition);
  }

  protected clear(): void {
    this.lowest.clear();
    this.highest.clear();
    this.bars = 0;
    this.maxIndex = NaN;
  }
}
