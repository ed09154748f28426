import { TickforgeError } from '../../core/errors.js';
import { assertInteger } from '../parameters.js';
import type { StreamingIndicator } from '../StreamingIndicator.js';
import { dema, DEMA, demaLookback } from './dema.js';
import { ema, EMA, emaLookback } from './ema.js';
import { kama, KAMA, kamaLookback } from './kama.js';
import { sma, SMA, smaLookback } from './sma.js';
import { t3, T3, t3Lookback } from './t3.js';
import { tema, TEMA, temaLookback } from './tema.js';
import { trima, TRIMA, trimaLookback } from './trima.js';
import { wma, WMA, wmaLookback } from './wma.js';

/**
 * The moving averages selectable by indicators with an MA-type parameter (TA-Lib's optInMAType,
 * MAMA excepted: it has no period).
 */
export type MovingAverageType = 'sma' | 'ema' | 'wma' | 'dema' | 'tema' | 'trima' | 'kama' | 't3';

/** In TA-Lib's optInMAType order (0..8 with MAMA, 7, left out). */
export const movingAverageTypes: readonly MovingAverageType[] = ['sma', 'ema', 'wma', 'dema', 'tema', 'trima', 'kama', 't3'];

/** TA-Lib's optInMAType code of each type, for users porting TA-Lib calls (and for cross-checks). */
export const talibMovingAverageCode: Readonly<Record<MovingAverageType, number>> = { sma: 0, ema: 1, wma: 2, dema: 3, tema: 4, trima: 5, kama: 6, t3: 8 };

/** The streaming form `createMovingAverage` returns. */
export type MovingAverageStream = StreamingIndicator & { update(x: number): number; replace(x: number): number };

function assertType(type: MovingAverageType): void {
  if (!movingAverageTypes.includes(type)) {
    throw new TickforgeError('TF_ERR_INDICATOR_PARAMETER', `MA: type must be one of ${movingAverageTypes.join(', ')}, got ${JSON.stringify(type)}.`, {
      details: { indicator: 'MA', parameter: 'type', value: type, allowed: movingAverageTypes },
    });
  }
}

/**
 * Bars without a value for `movingAverage(x, period, type)`. As TA-Lib's MA: period 1 is the
 * input itself for every type (lookback 0); KAMA uses TA-Lib's fixed fast 2 and slow 30; T3
 * uses TA-Lib's default vFactor 0.7.
 */
export function movingAverageLookback(period: number, type: MovingAverageType): number {
  assertInteger('MA', 'period', period, 1);
  assertType(type);
  if (period === 1) return 0;
  switch (type) {
    case 'sma':
      return smaLookback(period);
    case 'ema':
      return emaLookback(period);
    case 'wma':
      return wmaLookback(period);
    case 'dema':
      return demaLookback(period);
    case 'tema':
      return temaLookback(period);
    case 'trima':
      return trimaLookback(period);
    case 'kama':
      return kamaLookback(period);
    case 't3':
      return t3Lookback(period, 0.7);
  }
}

/**
 * Moving average of the chosen type (TA-Lib MA, default period 30 and type SMA there), with the
 * missing-value rule of every kernel (a non-finite value is skipped, NaN on its bar).
 * Type: trend/overlap. @see https://ta-lib.org/functions/ma/
 */
export function movingAverage(x: Float64Array, period: number, type: MovingAverageType, out?: Float64Array): Float64Array {
  movingAverageLookback(period, type);
  if (period === 1) return sma(x, 1, out);
  switch (type) {
    case 'sma':
      return sma(x, period, out);
    case 'ema':
      return ema(x, period, out);
    case 'wma':
      return wma(x, period, out);
    case 'dema':
      return dema(x, period, out);
    case 'tema':
      return tema(x, period, out);
    case 'trima':
      return trima(x, period, out);
    case 'kama':
      return kama(x, period, out);
    case 't3':
      return t3(x, period, 0.7, out);
  }
}

/** The streaming form of `movingAverage(x, period, type)`, equal to it bar by bar. */
export function createMovingAverage(type: MovingAverageType, period: number): MovingAverageStream {
  movingAverageLookback(period, type);
  if (period === 1) return new SMA(1);
  switch (type) {
    case 'sma':
      return new SMA(period);
    case 'ema':
      return new EMA(period);
    case 'wma':
      return new WMA(period);
    case 'dema':
      return new DEMA(period);
    case 'tema':
      return new TEMA(period);
    case 'trima':
      return new TRIMA(period);
    case 'kama':
      return new KAMA(period);
    case 't3':
      return new T3(period, 0.7);
  }
}
