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
import { cdlRiseFall3Methods, cdlRiseFall3MethodsLookback } from './cdlRiseFall3Methods.js';

// 14 quiet candles (bodies 1, ranges 2), then a long white candle, three short black candles falling
// within its range, then a long white candle closing above the first.
const candles = candlesOf([
  ...quietCandles(14),
  [100, 103.2, 99.8, 103],
  [102.8, 102.9, 102.3, 102.4],
  [102.5, 102.6, 101.9, 102],
  [102.1, 102.2, 101.5, 101.6],
  [101.7, 104.1, 101.6, 104],
]);

describe('CDLRISEFALL3METHODS', () => {
  it('has TA-Lib lookback 14 and signals +100 on bar 18 (hand-built)', () => {
    expect(cdlRiseFall3MethodsLookback()).toBe(14);
    expectPatternOutput(cdlRiseFall3Methods(candles.open, candles.high, candles.low, candles.close), 14, { 18: 100 });
  });

  it.skipIf(!talibAvailable)('gives the signals TA-Lib gives on the hand-built sequence', () => {
    const expected = talibPattern('CDLRISEFALL3METHODS', candles);
    expect(firstDifference(cdlRiseFall3Methods(candles.open, candles.high, candles.low, candles.close), expected)).toBe(-1);
  });

  it('skips a bar with a missing field', () => expectMissingBarSkipped(cdlRiseFall3Methods, candles, 16));

  it('rejects inputs of unequal length', () => expectUnequalLengthsRejected(cdlRiseFall3Methods, candles, 'CDLRISEFALL3METHODS'));
});

describeTalibAgreement('CDLRISEFALL3METHODS', cdlRiseFall3Methods, [100, -100]);
