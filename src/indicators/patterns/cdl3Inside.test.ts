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
import { cdl3Inside, cdl3InsideLookback } from './cdl3Inside.js';

// 12 quiet candles (bodies 1, ranges 2), then a long black candle, a short body inside it, then a
// white candle closing above the first open.
const candles = candlesOf([
  ...quietCandles(12),
  [103, 103.2, 99.8, 100],
  [101, 101.6, 100.9, 101.5],
  [101.5, 103.6, 101.4, 103.5],
]);

describe('CDL3INSIDE', () => {
  it('has TA-Lib lookback 12 and signals +100 on bar 14 (hand-built)', () => {
    expect(cdl3InsideLookback()).toBe(12);
    expectPatternOutput(cdl3Inside(candles.open, candles.high, candles.low, candles.close), 12, { 14: 100 });
  });

  it.skipIf(!talibAvailable)('gives the signals TA-Lib gives on the hand-built sequence', () => {
    const expected = talibPattern('CDL3INSIDE', candles);
    expect(firstDifference(cdl3Inside(candles.open, candles.high, candles.low, candles.close), expected)).toBe(-1);
  });

  it('skips a bar with a missing field', () => expectMissingBarSkipped(cdl3Inside, candles, 13));

  it('rejects inputs of unequal length', () => expectUnequalLengthsRejected(cdl3Inside, candles, 'CDL3INSIDE'));
});

describeTalibAgreement('CDL3INSIDE', cdl3Inside, [100, -100]);
