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
import { cdlEveningStar, cdlEveningStarLookback } from './cdlEveningStar.js';

// 12 quiet candles (bodies 1, ranges 2), then a long white candle, a short star gapping above it and a
// black candle closing at 101 < 103 - 0.3 * 3.
const candles = candlesOf([
  ...quietCandles(12),
  [100, 103.2, 99.8, 103],
  [104, 104.3, 103.7, 103.8],
  [103.5, 103.6, 100.8, 101],
]);

describe('CDLEVENINGSTAR', () => {
  it('has TA-Lib lookback 12 and signals -100 on bar 14 (hand-built)', () => {
    expect(cdlEveningStarLookback()).toBe(12);
    expectPatternOutput(cdlEveningStar(candles.open, candles.high, candles.low, candles.close), 12, { 14: -100 });
  });

  it.skipIf(!talibAvailable)('gives the signals TA-Lib gives on the hand-built sequence', () => {
    const expected = talibPattern('CDLEVENINGSTAR', candles, { optInPenetration: 0.3 });
    expect(firstDifference(cdlEveningStar(candles.open, candles.high, candles.low, candles.close), expected)).toBe(-1);
  });

  it('skips a bar with a missing field', () => expectMissingBarSkipped(cdlEveningStar, candles, 13));

  it('rejects inputs of unequal length', () => expectUnequalLengthsRejected(cdlEveningStar, candles, 'CDLEVENINGSTAR'));

  it('rejects a penetration outside 0..1, naming it', () => {
    for (const penetration of [-0.1, 1.5, NaN]) {
      expect(() => cdlEveningStar(candles.open, candles.high, candles.low, candles.close, penetration)).toThrow(
        expect.objectContaining({
          code: 'TF_ERR_INDICATOR_PARAMETER',
          message: expect.stringContaining(`CDLEVENINGSTAR: penetration must be a finite number from 0 to 1, got ${penetration}`),
        }),
      );
    }
  });
});

describeTalibAgreement('CDLEVENINGSTAR', cdlEveningStar, [-100], { optInPenetration: 0.3 });
describeTalibAgreement('CDLEVENINGSTAR', (o, h, l, c) => cdlEveningStar(o, h, l, c, 0.1), [-100], { optInPenetration: 0.1 });
