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
import { cdl3BlackCrows, cdl3BlackCrowsLookback } from './cdl3BlackCrows.js';

// 12 quiet candles (bodies 1, ranges 2), then a white candle, then three black candles opening inside
// the previous body and closing 0.05 above their lows.
const candles = candlesOf([
  ...quietCandles(12),
  [100, 103.2, 99.8, 103],
  [103, 103.1, 101.95, 102],
  [102.8, 102.9, 100.95, 101],
  [102, 102.1, 99.95, 100],
]);

describe('CDL3BLACKCROWS', () => {
  it('has TA-Lib lookback 13 and signals -100 on bar 15 (hand-built)', () => {
    expect(cdl3BlackCrowsLookback()).toBe(13);
    expectPatternOutput(cdl3BlackCrows(candles.open, candles.high, candles.low, candles.close), 13, { 15: -100 });
  });

  it.skipIf(!talibAvailable)('gives the signals TA-Lib gives on the hand-built sequence', () => {
    const expected = talibPattern('CDL3BLACKCROWS', candles);
    expect(firstDifference(cdl3BlackCrows(candles.open, candles.high, candles.low, candles.close), expected)).toBe(-1);
  });

  it('skips a bar with a missing field', () => expectMissingBarSkipped(cdl3BlackCrows, candles, 14));

  it('rejects inputs of unequal length', () => expectUnequalLengthsRejected(cdl3BlackCrows, candles, 'CDL3BLACKCROWS'));
});

describeTalibAgreement('CDL3BLACKCROWS', cdl3BlackCrows, [-100]);
