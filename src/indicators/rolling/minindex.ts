import { assertInteger, outputArray } from '../parameters.js';
import { RollingExtremeIndexStream } from './RollingExtremeIndexStream.js';
import { rollingExtremeIndexRows } from './rollingExtremeKernels.js';

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
  rollingExtremeIndexRows(x, period, false, result);
  return result;
}

export class MININDEX extends RollingExtremeIndexStream {
  constructor(period = 30) {
    super(period, minindexLookback(period), false);
  }
}
