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
import { cdlTasukiGap, cdlTasukiGapLookback } from './cdlTasukiGap.js';

// 7 quiet candles (bodies 1, ranges 2), then a white candle gapping up, then a black candle of nearly
// equal body opening inside it and closing inside the gap.
const candles = candlesOf([
  ...quietCandles(7),
  [100, 101.2, 99.8, 101],
  [101.5, 103.1, 101.4, 103],
  [102.5, 102.6, 101.1, 101.2],
]);

describe('CDLTASUKIGAP', () => {
  it('has TA-Lib lookback 7 and signals +100 on bar 9 (hand-built)', () => {
    expect(cdlTasukiGapLookback()).toBe(7);
    expectPatternOutput(cdlTasukiGap(candles.open, candles.high, candles.low, candles.close), 7, { 9: 100 });
  });

  it.skipIf(!talibAvailable)('gives the signals TA-Lib gives on the hand-built sequence', () => {
    const expected = talibPattern('CDLTASUKIGAP', candles);
    expect(firstDifference(cdlTasukiGap(candles.open, candles.high, candles.low, candles.close), expected)).toBe(-1);
  });

  it('skips a bar with a missing field', () => expectMissingBarSkipped(cdlTasukiGap, candles, 8));

  it('rejects inputs of unequal length', () => expectUnequalLengthsRejected(cdlTasukiGap, candles, 'CDLTASUKIGAP'));
});

describeTalibAgreement('CDLTASUKIGAP', cdlTasukiGap, [100, -100]);
