import type { MovingAverageType } from '../trend/movingAverage.js';
import { PriceOscillatorStream, priceOscillator, priceOscillatorLookback } from './apo.js';

/**
 * Percentage Price Oscillator: (fast MA - slow MA) / slow MA x 100, the APO in percent of the
 * slow average, so that it compares across price levels and instruments. As TA-Lib PPO
 * (defaults 12, 26, SMA: TA-Lib's default type is SMA, not EMA; no signal line, which TA-Lib
 * leaves to the user): both averages over the whole series from bar 0, output from the slow
 * average's lookback, 0 where the slow average is (near) zero. A fast period longer than the
 * slow one is swapped with it, as TA-Lib does.
 * Type: momentum. @see https://ta-lib.org/functions/ppo/
 */
export function ppoLookback(fastPeriod = 12, slowPeriod = 26, type: MovingAverageType = 'sma'): number {
  return priceOscillatorLookback('PPO', fastPeriod, slowPeriod, type);
}

export function ppo(close: Float64Array, fastPeriod = 12, slowPeriod = 26, type: MovingAverageType = 'sma', out?: Float64Array): Float64Array {
  return priceOscillator('PPO', close, fastPeriod, slowPeriod, type, true, out);
}

export class PPO extends PriceOscillatorStream {
  constructor(fastPeriod = 12, slowPeriod = 26, type: MovingAverageType = 'sma') {
    super('PPO', fastPeriod, slowPeriod, type, true);
  }
}
