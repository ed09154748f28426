import { assertInteger, outputArray } from '../parameters.js';
import { RollingExtremeIndexStream } from './RollingExtremeIndexStream.js';
import { rollingExtremeIndexRows } from './rollingExtremeKernels.js';

/**
 * Row index of the highest value over the last `period` bars (TA-Lib MAXINDEX, default
 * period 30): how long ago the range top was set (`i - maxindex[i]` bars ago), as Aroon uses.
 *
 * Ties follow TA-Lib exactly: a new bar equal to the current highest takes over (the latest
 * wins), but when the highest leaves the window the earliest of the equal values in the new
 * window is chosen. The index is the row of the input array (batch), or the number of bars
 * given to `update()` since construction or `reset()` minus one (stream); rows with a missing
 * value count as rows but are never chosen.
 * Type: rolling. @see https://ta-lib.org/functions/maxindex/
 */
export function maxindexLookback(period = 30): number {
  assertInteger('MAXINDEX', 'period', period, 2);
  return period - 1;
}

export function maxindex(x: Float64Array, period = 30, out?: Float64Array): Float64Array {
  maxindexLookback(period);
  const result = outputArray('MAXINDEX', x.length, out);
  rollingExtremeIndexRows(x, period, true, result);
  return result;
}

export class MAXINDEX extends RollingExtremeIndexStream {
  constructor(period = 30) {
    super(period, maxindexLookback(period), true);
  }
}
