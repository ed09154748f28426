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
import { cdlTriStar, cdlTriStarLookback } from './cdlTriStar.js';

// 12 quiet candles (bodies 1, ranges 2), then three dojis, the middle one gapping up and the third
// lower than it.
const candles = candlesOf([
  ...quietCandles(12),
  [100, 100.5, 99.5, 100.05],
  [100.5, 101, 100, 100.55],
  [100.2, 100.7, 99.7, 100.25],
]);

describe('CDLTRISTAR', () => {
  it('has TA-Lib lookback 12 and signals -100 on bar 14 (hand-built)', () => {
    expect(cdlTriStarLookback()).toBe(12);
    expectPatternOutput(cdlTriStar(candles.open, candles.high, candles.low, candles.close), 12, { 14: -100 });
  });

  it.skipIf(!talibAvailable)('gives the signals TA-Lib gives on the hand-built sequence', () => {
    const expected = talibPattern('CDLTRISTAR', candles);
    expect(firstDifference(cdlTriStar(candles.open, candles.high, candles.low, candles.close), expected)).toBe(-1);
  });

  it('skips a bar with a missing field', () => expectMissingBarSkipped(cdlTriStar, candles, 13));

  it('rejects inputs of unequal length', () => expectUnequalLengthsRejected(cdlTriStar, candles, 'CDLTRISTAR'));
});

describeTalibAgreement('CDLTRISTAR', cdlTriStar, [100, -100]);
