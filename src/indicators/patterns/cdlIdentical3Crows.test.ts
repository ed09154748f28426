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
import { cdlIdentical3Crows, cdlIdentical3CrowsLookback } from './cdlIdentical3Crows.js';

// 12 quiet candles (bodies 1, ranges 2), then three black candles closing 0.05 above their lows, each
// opening at the previous close.
const candles = candlesOf([
  ...quietCandles(12),
  [103, 103.1, 101.95, 102],
  [102.02, 102.1, 100.97, 101],
  [101, 101.1, 99.95, 100],
]);

describe('CDLIDENTICAL3CROWS', () => {
  it('has TA-Lib lookback 12 and signals -100 on bar 14 (hand-built)', () => {
    expect(cdlIdentical3CrowsLookback()).toBe(12);
    expectPatternOutput(cdlIdentical3Crows(candles.open, candles.high, candles.low, candles.close), 12, { 14: -100 });
  });

  it.skipIf(!talibAvailable)('gives the signals TA-Lib gives on the hand-built sequence', () => {
    const expected = talibPattern('CDLIDENTICAL3CROWS', candles);
    expect(firstDifference(cdlIdentical3Crows(candles.open, candles.high, candles.low, candles.close), expected)).toBe(-1);
  });

  it('skips a bar with a missing field', () => expectMissingBarSkipped(cdlIdentical3Crows, candles, 13));

  it('rejects inputs of unequal length', () => expectUnequalLengthsRejected(cdlIdentical3Crows, candles, 'CDLIDENTICAL3CROWS'));
});

describeTalibAgreement('CDLIDENTICAL3CROWS', cdlIdentical3Crows, [-100]);
