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
import { cdlUpsideGap2Crows, cdlUpsideGap2CrowsLookback } from './cdlUpsideGap2Crows.js';

// 12 quiet candles (bodies 1, ranges 2), then a long white candle, a short black one gapping above it,
// then a black candle engulfing the second and closing above the first close.
const candles = candlesOf([
  ...quietCandles(12),
  [100, 103.2, 99.8, 103],
  [104, 104.2, 103.5, 103.6],
  [104.2, 104.3, 103.1, 103.2],
]);

describe('CDLUPSIDEGAP2CROWS', () => {
  it('has TA-Lib lookback 12 and signals -100 on bar 14 (hand-built)', () => {
    expect(cdlUpsideGap2CrowsLookback()).toBe(12);
    expectPatternOutput(cdlUpsideGap2Crows(candles.open, candles.high, candles.low, candles.close), 12, { 14: -100 });
  });

  it.skipIf(!talibAvailable)('gives the signals TA-Lib gives on the hand-built sequence', () => {
    const expected = talibPattern('CDLUPSIDEGAP2CROWS', candles);
    expect(firstDifference(cdlUpsideGap2Crows(candles.open, candles.high, candles.low, candles.close), expected)).toBe(-1);
  });

  it('skips a bar with a missing field', () => expectMissingBarSkipped(cdlUpsideGap2Crows, candles, 13));

  it('rejects inputs of unequal length', () => expectUnequalLengthsRejected(cdlUpsideGap2Crows, candles, 'CDLUPSIDEGAP2CROWS'));
});

describeTalibAgreement('CDLUPSIDEGAP2CROWS', cdlUpsideGap2Crows, [-100]);
