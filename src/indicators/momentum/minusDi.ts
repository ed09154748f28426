import { assertInteger } from '../parameters.js';
import { DirectionalIndicatorStream } from './DirectionalIndicatorStream.js';
import { directionalBatch } from './directionalMovement.js';

/**
 * Minus directional indicator (TA-Lib MINUS_DI, default period 14): 100 * smoothed -DM / smoothed
 * true range, the share of the recent range made by sellers pushing to new lows; compare
 * +DI with -DI for the direction of a trend (ADX gives its strength). First value at bar
 * `period` (TA-Lib seeding, see `directionalMovement.ts`); 0 while the smoothed range is zero.
 * Period 1 gives 100 * DM1 / TR1 from bar 1, where TA-Lib's MINUS_DI(1) omits the factor 100.
 * Type: momentum. @see https://ta-lib.org/functions/minus_di/
 */
export function minusDiLookback(period = 14): number {
  assertInteger('MINUS_DI', 'period', period, 1);
  return period;
}

export function minusDi(high: Float64Array, low: Float64Array, close: Float64Array, period = 14, out?: Float64Array): Float64Array {
  minusDiLookback(period);
  return directionalBatch('MINUS_DI', high, low, close, period, 'minusDi', out);
}

export class MINUS_DI extends DirectionalIndicatorStream {
  constructor(period = 14) {
    super(period, minusDiLookback(period), false);
  }
}
