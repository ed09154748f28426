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
import { cdlMorningDojiStar, cdlMorningDojiStarLookback } from './cdlMorningDojiStar.js';

// 12 quiet candles (bodies 1, ranges 2), then a long black candle, a doji (body 0.05) gapping below it
// and a white candle closing at 100 > 98 + 0.3 * 3.
const candles = candlesOf([
  ...quietCandles(12),
  [101, 101.2, 97.8, 98],
  [97, 97.3, 96.8, 97.05],
  [97.5, 100.2, 97.4, 100],
]);

describe('CDLMORNINGDOJISTAR', () => {
  it('has TA-Lib lookback 12 and signals +100 on bar 14 (hand-built)', () => {
    expect(cdlMorningDojiStarLookback()).toBe(12);
    expectPatternOutput(cdlMorningDojiStar(candles.open, candles.high, candles.low, candles.close), 12, { 14: 100 });
  });

  it.skipIf(!talibAvailable)('gives the signals TA-Lib gives on the hand-built sequence', () => {
    const expected = talibPattern('CDLMORNINGDOJISTAR', candles, { optInPenetration: 0.3 });
    expect(firstDifference(cdlMorningDojiStar(candles.open, candles.high, candles.low, candles.close), expected)).toBe(-1);
  });

  it('skips a bar with a missing field', () => expectMissingBarSkipped(cdlMorningDojiStar, candles, 13));

  it('rejects inputs of unequal length', () => expectUnequalLengthsRejected(cdlMorningDojiStar, candles, 'CDLMORNINGDOJISTAR'));

  it('rejects a penetration outside 0..1, naming it', () => {
    for (const penetration of [-0.1, 1.5, NaN]) {
      expect(() => cdlMorningDojiStar(candles.open, candles.high, candles.low, candles.close, penetration)).toThrow(
        expect.objectContaining({
          code: 'TF_ERR_INDICATOR_PARAMETER',
          message: expect.stringContaining(`CDLMORNINGDOJISTAR: penetration must be a finite number from 0 to 1, got ${penetration}`),
        }),
      );
    }
  });
});

describeTalibAgreement('CDLMORNINGDOJISTAR', cdlMorningDojiStar, [100], { optInPenetration: 0.3 });
describeTalibAgreement('CDLMORNINGDOJISTAR', (o, h, l, c) => cdlMorningDojiStar(o, h, l, c, 0.1), [100], { optInPenetration: 0.1 });
