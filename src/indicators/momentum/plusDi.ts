import { assertInteger } from '../parameters.js';
import { DirectionalIndicatorStream } from './DirectionalIndicatorStream.js';
import { directionalBatch } from './directionalMovement.js';

/**
 * Plus directional indicator (TA-Lib PLUS_DI, default period 14): 100 * smoothed +DM / smoothed
 * true range, the share of the recent range made by buyers pushing to new highs; compare
 * +DI with -DI for the direction of a trend (ADX gives its strength). First value at bar
 * `period` (TA-Lib seeding, see `directionalMovement.ts`); 0 while the smoothed range is zero.
 * Period 1 gives 100 * DM1 / TR1 from bar 1, where TA-Lib's PLUS_DI(1) omits the factor 100.
 * Type: momentum. @see https://ta-lib.org/functions/plus_di/
 */
export function plusDiLookback(period = 14): number {
  assertInteger('PLUS_DI', 'period', period, 1);
  return period;
}

export function plusDi(high: Float64Array, low: Float64Array, close: Float64Array, period = 14, out?: Float64Array): Float64Array {
  plusDiLookback(period);
  return directionalBatch('PLUS_DI', high, low, close, period, 'plusDi', out);
}

export class PLUS_DI extends DirectionalIndicatorStream {
  constructor(period = 14) {
    super(period, plusDiLookback(period), true);
  }
}
