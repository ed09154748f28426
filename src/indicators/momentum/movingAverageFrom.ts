import { TickforgeError } from '../../core/errors.js';
import { movingAverage, movingAverageTypes, type MovingAverageType } from '../trend/movingAverage.js';

/**
 * `movingAverage` of `x` started at bar `start` (values before it ignored), written into `y`
 * with NaN before `start` + the average's lookback. Composite indicators (STOCH, MACDEXT,
 * STOCHRSI) use it for an average over an intermediate series that only exists from `start`,
 * and, as TA-Lib does when it calls MA with a later start index, for an average deliberately
 * started late: TA-Lib's MA functions started at index s equal the same function run on the
 * data from s - lookback onward. The inputs from `start` on are finite (callers run inside
 * `withFiniteRows`).
 */
export function movingAverageFrom(x: Float64Array, start: number, period: number, type: MovingAverageType, y: Float64Array): void {
  const n = x.length;
  if (start >= n) {
    y.fill(NaN);
    return;
  }
  for (let i = 0; i < start; i++) y[i] = NaN;
  movingAverage(x.subarray(start), period, type, y.subarray(start));
}

/** Checks an MA-type argument, naming the indicator and the parameter. */
export function assertMovingAverageType(indicator: string, name: string, type: MovingAverageType): void {
  if (!movingAverageTypes.includes(type)) {
    throw new TickforgeError('TF_ERR_INDICATOR_PARAMETER', `${indicator}: ${name} must be one of ${movingAverageTypes.join(', ')}, got ${JSON.stringify(type)}.`, {
      details: { indicator, parameter: name, value: type, allowed: movingAverageTypes },
    });
  }
}
