import { assertInteger } from '../parameters.js';
import { DirectionalMovementStream } from './DirectionalMovementStream.js';
import { directionalBatch, directionalMovementLookback } from './directionalMovement.js';

/**
 * Plus directional movement (TA-Lib PLUS_DM, default period 14): Wilder's smoothed sum of the
 * upward moves of the high that exceed the downward moves of the low, i.e. how much of the
 * recent range was made by buyers pushing to new highs. The first value, at bar period - 1,
 * is the plain sum of bars 1..period-1; then dm = dm * (period - 1) / period + DM1 (a smoothed
 * sum, not an average: it scales with the period). Period 1 gives the raw one-bar +DM1 from
 * bar 1. See `directionalMovement.ts` for the exact rules.
 * Type: momentum. @see https://ta-lib.org/functions/plus_dm/
 */
export function plusDmLookback(period = 14): number {
  assertInteger('PLUS_DM', 'period', period, 1);
  return directionalMovementLookback(period);
}

export function plusDm(high: Float64Array, low: Float64Array, period = 14, out?: Float64Array): Float64Array {
  plusDmLookback(period);
  return directionalBatch('PLUS_DM', high, low, undefined, period, 'plusDm', out);
}

export class PLUS_DM extends DirectionalMovementStream {
  constructor(period = 14) {
    super(period, plusDmLookback(period), true);
  }
}
