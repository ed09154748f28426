import { describe, expect, it } from 'vitest';
import {
  candlesOf,
  describeTalibAgreement,
  expectMissingBarSkipped,
  expectPatternOutput,
  expectUnequalLengthsRejected,
  firstDifference,
  quietCandles,
  talibPattern,
} from '../../../test/talibPatternCheck.js';
import { talibAvailable } from '../../../test/talibReference.js';
import { cdl3LineStrike, cdl3LineStrikeLookback } from './cdl3LineStrike.js';

// 8 quiet candles (bodies 1, ranges 2), then three rising white candles, each opening inside the
// previous body, struck by a black candle closing below the first open.
const candles = candlesOf([
  ...quietCandles(8),
  [100, 101.6, 99.9, 101.5],
  [101, 102.6, 100.9, 102.5],
  [102, 103.6, 101.9, 103.5],
  [103.8, 103.9, 99.4, 99.5],
]);

describe('CDL3LINESTRIKE', () => {
  it('has TA-Lib lookback 8 and signals +100 on bar 11 (hand-built)', () => {
    expect(cdl3LineStrikeLookback()).toBe(8);
    expectPatternOutput(cdl3LineStrike(candles.open, candles.high, candles.low, candles.close), 8, { 11: 100 });
  });

  it.skipIf(!talibAvailable)('gives the signals TA-Lib gives on the hand-built sequence', () => {
    const expected = talibPattern('CDL3LINESTRIKE', candles);
    expect(firstDifference(cdl3LineStrike(candles.open, candles.high, candles.low, candles.close), expected)).toBe(-1);
  });

  it('skips a bar with a missing field', () => expectMissingBarSkipped(cdl3LineStrike, candles, 10));

  it('rejects inputs of unequal length', () => expectUnequalLengthsRejected(cdl3LineStrike, candles, 'CDL3LINESTRIKE'));
});

describeTalibAgreement('CDL3LINESTRIKE', cdl3LineStrike, [100, -100]);
