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
import { cdlMorningStar, cdlMorningStarLookback } from './cdlMorningStar.js';

// 12 quiet candles (bodies 1, ranges 2), a long black candle (body 3), a star (body 0.2) gapping
// below it, and a long white candle closing at 100 > 98 + 0.3 * 3.
const candles = candlesOf([...quietCandles(12), [101, 101.2, 97.8, 98], [97, 97.3, 96.7, 97.2], [97.5, 100.2, 97.4, 100]]);
const run = (penetration?: number) => cdlMorningStar(candles.open, candles.high, candles.low, candles.close, penetration);

describe('CDLMORNINGSTAR', () => {
  it('has TA-Lib lookback 12 and signals +100 on bar 14 (hand-built)', () => {
    expect(cdlMorningStarLookback()).toBe(12);
    expectPatternOutput(run(), 12, { 14: 100 });
  });

  it('requires the third close to reach the given fraction of the first body above the first close', () => {
    // 98 + 0.6 * 3 = 99.8 < 100 holds; 98 + 0.7 * 3 = 100.1 does not.
    expect(run(0.6)[14]).toBe(100);
    expect(run(0.7)[14]).toBe(0);
  });

  it.skipIf(!talibAvailable)('gives the signals TA-Lib gives on the hand-built sequence', () => {
    expect(firstDifference(run(), talibPattern('CDLMORNINGSTAR', candles, { optInPenetration: 0.3 }))).toBe(-1);
  });

  it('skips a bar with a missing field', () => expectMissingBarSkipped(cdlMorningStar, candles, 13));

  it('rejects inputs of unequal length', () => expectUnequalLengthsRejected(cdlMorningStar, candles, 'CDLMORNINGSTAR'));

  it('rejects a penetration outside 0..1, naming it', () => {
    for (const penetration of [-0.1, 1.5, NaN]) {
      expect(() => run(penetration)).toThrow(
        expect.objectContaining({
          code: 'TF_ERR_INDICATOR_PARAMETER',
          message: expect.stringContaining(`CDLMORNINGSTAR: penetration must be a finite number from 0 to 1, got ${penetration}`),
        }),
      );
    }
  });
});

describeTalibAgreement('CDLMORNINGSTAR', cdlMorningStar, [100], { optInPenetration: 0.3 });
describeTalibAgreement('CDLMORNINGSTAR', (o, h, l, c) => cdlMorningStar(o, h, l, c, 0.1), [100], { optInPenetration: 0.1 });
