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
import { cdlDojiStar, cdlDojiStarLookback } from './cdlDojiStar.js';

// 11 quiet candles (bodies 1, ranges 2), then a long white candle then a doji gapping up (-100), and a
// long black candle then a doji gapping down (+100).
const candles = candlesOf([
  ...quietCandles(11),
  [100, 103.2, 99.8, 103],
  [103.5, 103.8, 103.3, 103.55],
  [103.5, 103.6, 99.9, 100],
  [99, 99.2, 98.9, 99.05],
]);

describe('CDLDOJISTAR', () => {
  it('has TA-Lib lookback 11 and signals -100 on bar 12, +100 on bar 14 (hand-built)', () => {
    expect(cdlDojiStarLookback()).toBe(11);
    expectPatternOutput(cdlDojiStar(candles.open, candles.high, candles.low, candles.close), 11, { 12: -100, 14: 100 });
  });

  it.skipIf(!talibAvailable)('gives the signals TA-Lib gives on the hand-built sequence', () => {
    const expected = talibPattern('CDLDOJISTAR', candles);
    expect(firstDifference(cdlDojiStar(candles.open, candles.high, candles.low, candles.close), expected)).toBe(-1);
  });

  it('skips a bar with a missing field', () => expectMissingBarSkipped(cdlDojiStar, candles, 12));

  it('rejects inputs of unequal length', () => expectUnequalLengthsRejected(cdlDojiStar, candles, 'CDLDOJISTAR'));
});

describeTalibAgreement('CDLDOJISTAR', cdlDojiStar, [100, -100]);
