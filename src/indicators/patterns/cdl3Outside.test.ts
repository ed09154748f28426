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
import { cdl3Outside, cdl3OutsideLookback } from './cdl3Outside.js';

// 3 quiet candles (bodies 1, ranges 2), then a black candle engulfed by a white one, then a higher
// close.
const candles = candlesOf([
  ...quietCandles(3),
  [101, 101.2, 99.8, 100],
  [99.5, 102.2, 99.4, 102],
  [102, 103.2, 101.9, 103],
]);

describe('CDL3OUTSIDE', () => {
  it('has TA-Lib lookback 3 and signals +100 on bar 5 (hand-built)', () => {
    expect(cdl3OutsideLookback()).toBe(3);
    expectPatternOutput(cdl3Outside(candles.open, candles.high, candles.low, candles.close), 3, { 5: 100 });
  });

  it.skipIf(!talibAvailable)('gives the signals TA-Lib gives on the hand-built sequence', () => {
    const expected = talibPattern('CDL3OUTSIDE', candles);
    expect(firstDifference(cdl3Outside(candles.open, candles.high, candles.low, candles.close), expected)).toBe(-1);
  });

  it('skips a bar with a missing field', () => expectMissingBarSkipped(cdl3Outside, candles, 4));

  it('rejects inputs of unequal length', () => expectUnequalLengthsRejected(cdl3Outside, candles, 'CDL3OUTSIDE'));
});

describeTalibAgreement('CDL3OUTSIDE', cdl3Outside, [100, -100]);
