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
import { cdl3WhiteSoldiers, cdl3WhiteSoldiersLookback } from './cdl3WhiteSoldiers.js';

// 12 quiet candles (bodies 1, ranges 2), then three white candles with rising closes, each opening
// inside the previous body, upper shadows of 0.05.
const candles = candlesOf([
  ...quietCandles(12),
  [100, 102.05, 99.9, 102],
  [101.5, 103.55, 101.4, 103.5],
  [103, 105.05, 102.9, 105],
]);

describe('CDL3WHITESOLDIERS', () => {
  it('has TA-Lib lookback 12 and signals +100 on bar 14 (hand-built)', () => {
    expect(cdl3WhiteSoldiersLookback()).toBe(12);
    expectPatternOutput(cdl3WhiteSoldiers(candles.open, candles.high, candles.low, candles.close), 12, { 14: 100 });
  });

  it.skipIf(!talibAvailable)('gives the signals TA-Lib gives on the hand-built sequence', () => {
    const expected = talibPattern('CDL3WHITESOLDIERS', candles);
    expect(firstDifference(cdl3WhiteSoldiers(candles.open, candles.high, candles.low, candles.close), expected)).toBe(-1);
  });

  it('skips a bar with a missing field', () => expectMissingBarSkipped(cdl3WhiteSoldiers, candles, 13));

  it('rejects inputs of unequal length', () => expectUnequalLengthsRejected(cdl3WhiteSoldiers, candles, 'CDL3WHITESOLDIERS'));
});

describeTalibAgreement('CDL3WHITESOLDIERS', cdl3WhiteSoldiers, [100]);
