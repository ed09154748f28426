import { assertInteger } from '../parameters.js';
import { DirectionalMovementStream } from './DirectionalMovementStream.js';
import { directionalBatch, directionalMovementLookback } from './directionalMovement.js';

/**
 * Minus directional movement (TA-Lib MINUS_DM, default period 14): Wilder's smoothed sum of the
 * downward moves of the low that exceed the upward moves of the high, i.e. how much of the
 * recent range was made by sellers pushing to new lows. The first value, at bar period - 1,
 * is the plain sum of bars 1..period-1; then dm = dm * (period - 1) / period + DM1 (a smoothed
 * sum, not an average: it scales with the period). Period 1 gives the raw one-bar -DM1 from
 * bar 1. See `directionalMovement.ts` for the exact rules.
 * Type: momentum. @see https://ta-lib.org/functions/minus_dm/
 */
export function minusDmLookback(period = 14): number {
  assertInteger('MINUS_DM', 'period', period, 1);
  return directionalMovementLookback(period);
}

export function minusDm(high: Float64Array, low: Float64Array, period = 14, out?: Float64Array): Float64Array {
  minusDmLookback(period);
  return directionalBatch('MINUS_DM', high, low, undefined, period, 'minusDm', out);
}

export class MINUS_DM extends DirectionalMovementStream {
  constructor(period = 14) {
    super(period, minusDmLookback(period), false);
  }
}
