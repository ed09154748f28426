import { assertInteger } from '../parameters.js';
import { SMA, sma } from '../trend/sma.js';

/**
 * Rolling mean of the last `period` values (default 30): the simple moving average under its
 * statistical name, computed by the SMA kernel (identical values, shared by `computeAll`).
 * Type: rolling. @see https://ta-lib.org/functions/sma/
 */
export function meanLookback(period = 30): number {
  assertInteger('MEAN', 'period', period, 1);
  return period - 1;
}

export function mean(x: Float64Array, period = 30, out?: Float64Array): Float64Array {
  meanLookback(period);
  return sma(x, period, out);
}

export class MEAN extends SMA {
  constructor(period = 30) {
    meanLookback(period);
    super(period);
  }
}
