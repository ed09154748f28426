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
import { cdlAbandonedBaby, cdlAbandonedBabyLookback } from './cdlAbandonedBaby.js';

// 12 quiet candles (bodies 1, ranges 2), then a long black candle, a doji whose whole range gaps below
// it, then a white candle gapping fully above the doji and closing at 102 > 100 + 0.3 * 3 (+100); then
// the mirror image (-100). Random candles rarely give the bearish one, so this case and the S&P 500
// file cover it.
const candles = candlesOf([
  ...quietCandles(12),
  [103, 103.2, 99.8, 100],
  [99, 99.3, 98.7, 99.05],
  [99.5, 102.2, 99.4, 102],
  [100, 103.2, 99.8, 103],
  [104, 104.3, 103.7, 104.05],
  [103.5, 103.6, 100.8, 101],
]);

describe('CDLABANDONEDBABY', () => {
  it('has TA-Lib lookback 12 and signals +100 on bar 14, -100 on bar 17 (hand-built)', () => {
    expect(cdlAbandonedBabyLookback()).toBe(12);
    expectPatternOutput(cdlAbandonedBaby(candles.open, candles.high, candles.low, candles.close), 12, { 14: 100, 17: -100 });
  });

  it.skipIf(!talibAvailable)('gives the signals TA-Lib gives on the hand-built sequence', () => {
    const expected = talibPattern('CDLABANDONEDBABY', candles, { optInPenetration: 0.3 });
    expect(firstDifference(cdlAbandonedBaby(candles.open, candles.high, candles.low, candles.close), expected)).toBe(-1);
  });

  it('skips a bar with a missing field', () => expectMissingBarSkipped(cdlAbandonedBaby, candles, 13));

  it('rejects inputs of unequal length', () => expectUnequalLengthsRejected(cdlAbandonedBaby, candles, 'CDLABANDONEDBABY'));

  it('rejects a penetration outside 0..1, naming it', () => {
    for (const penetration of [-0.1, 1.5, NaN]) {
      expect(() => cdlAbandonedBaby(candles.open, candles.high, candles.low, candles.close, penetration)).toThrow(
        expect.objectContaining({
          code: 'TF_ERR_INDICATOR_PARAMETER',
          message: expect.stringContaining(`CDLABANDONEDBABY: penetration must be a finite number from 0 to 1, got ${penetration}`),
        }),
      );
    }
  });
});

describeTalibAgreement('CDLABANDONEDBABY', cdlAbandonedBaby, [100], { optInPenetration: 0.3 });
describeTalibAgreement('CDLABANDONEDBABY', (o, h, l, c) => cdlAbandonedBaby(o, h, l, c, 0.1), [100], { optInPenetration: 0.1 });
