import { TickforgeError, type Bars } from '../core/index.js';

/**
 * The store keys bars by (symbol, timeframe, time), so every time must be an integer number of
 * milliseconds, finite, and strictly increasing within one `Bars` (a repeated time would make
 * one batch update the same row twice). Prices may be NaN: the store keeps what it is given
 * and validation reports it elsewhere.
 * @throws TF_ERR_DATA_INVALID_ROW, TF_ERR_DATA_UNSORTED or TF_ERR_DATA_DUPLICATE naming the row.
 */
export function assertStorableBars(bars: Bars): void {
  const { time, symbol } = bars;
  const timeframe = bars.timeframe.code;
  let previous = -Infinity;
  for (let row = 0; row < time.length; row++) {
    const value = time[row];
    if (!Number.isInteger(value) || Math.abs(value) > 8.64e15) {
      throw new TickforgeError(
        'TF_ERR_DATA_INVALID_ROW',
        `Cannot store ${symbol} ${timeframe}: row ${row} has time ${value}, not a whole number of milliseconds within the Date range. Fix or drop the row before storing (validation with repair drops bad rows).`,
        { details: { symbol, timeframe, row, time: value } },
      );
    }
    if (value <= previous) {
      const duplicate = value === previous;
      throw new TickforgeError(
        duplicate ? 'TF_ERR_DATA_DUPLICATE' : 'TF_ERR_DATA_UNSORTED',
        `Cannot store ${symbol} ${timeframe}: row ${row} time ${new Date(value).toISOString()} ${duplicate ? 'repeats' : 'is before'} row ${row - 1} (${new Date(previous).toISOString()}). Sort and de-duplicate the bars first (validation with repair does both).`,
        { details: { symbol, timeframe, row, time: value, previousTime: previous } },
      );
    }
    previous = value;
  }
}
