import { assertInteger } from '../parameters.js';
import { MacdStream, runMacd, type MacdOutput } from './macd.js';

/**
 * MACD with the classic fixed 12/26 smoothing factors 0.15 and 0.075 (the rounded values of
 * 2/13 and 2/27 from the era of hand computation), and a signal EMA of `signalPeriod` (default
 * 9) with factor 2/(signalPeriod + 1). As TA-Lib MACDFIX: seeding and warm-up as MACD(12, 26)
 * (both EMAs seeded by means at bar 25, fast over bars 14..25); first output at bar
 * 25 + signalPeriod - 1.
 * Type: momentum. @see https://ta-lib.org/functions/macdfix/
 */
export function macdfixLookback(signalPeriod = 9): number {
  assertInteger('MACDFIX', 'signalPeriod', signalPeriod, 1);
  return 25 + signalPeriod - 1;
}

export function macdfix(close: Float64Array, signalPeriod = 9, out?: MacdOutput): MacdOutput {
  macdfixLookback(signalPeriod);
  return runMacd('MACDFIX', close, 12, 26, signalPeriod, 0.15, 0.075, out);
}

export class MACDFIX extends MacdStream {
  constructor(readonly signalPeriod = 9) {
    assertInteger('MACDFIX', 'signalPeriod', signalPeriod, 1);
    super(12, 26, signalPeriod, 0.15, 0.075);
  }
}
