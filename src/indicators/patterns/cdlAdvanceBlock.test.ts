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
import { cdlAdvanceBlock, cdlAdvanceBlockLookback } from './cdlAdvanceBlock.js';

// 12 quiet candles (bodies 1, ranges 2), then three rising white candles, the first long with a short
// upper shadow, the third body (0.5) far smaller than the second (2.5).
const candles = candlesOf([
  ...quietCandles(12),
  [100, 103.1, 99.9, 103],
  [102, 104.6, 101.9, 104.5],
  [104.3, 105.5, 104.2, 104.8],
]);

describe('CDLADVANCEBLOCK', () => {
  it('has TA-Lib lookback 12 and signals -100 on bar 14 (hand-built)', () => {
    expect(cdlAdvanceBlockLookback()).toBe(12);
    expectPatternOutput(cdlAdvanceBlock(candles.open, candles.high, candles.low, candles.close), 12, { 14: -100 });
  });

  it.skipIf(!talibAvailable)('gives the signals TA-Lib gives on the hand-built sequence', () => {
    const expected = talibPattern('CDLADVANCEBLOCK', candles);
    expect(firstDifference(cdlAdvanceBlock(candles.open, candles.high, candles.low, candles.close), expected)).toBe(-1);
  });

  it('skips a bar with a missing field', () => expectMissingBarSkipped(cdlAdvanceBlock, candles, 13));

  it('rejects inputs of unequal length', () => expectUnequalLengthsRejected(cdlAdvanceBlock, candles, 'CDLADVANCEBLOCK'));
});

describeTalibAgreement('CDLADVANCEBLOCK', cdlAdvanceBlock, [-100]);
