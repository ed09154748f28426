import { describe, expect, it } from 'vitest';
import { candleColumns, itEqualsTalib, plainCandles } from '../../../test/talibPatternCheck.js';
import { requireSharedData } from '../../../test/sharedData.js';
import { cdlInvertedHammer, cdlInvertedHammerLookback } from './cdlInvertedHammer.js';

const shared = requireSharedData('CDLINVERTEDHAMMER on the S&P 500 file');

describe('cdlInvertedHammer', () => {
  it('flags a small body at the bottom of a long upper shadow, gapping below the previous body (hand-built; ordinary candles: body 1, range 2)', () => {
    const rows: [number, number, number, number][] = [...plainCandles(11), [99.5, 101.25, 99.375, 99.75], [99.5, 101.25, 99.375, 99.75]];
    const result = cdlInvertedHammer(...candleColumns(rows));
    expect(cdlInvertedHammerLookback()).toBe(11);
    expect(Array.from(result.subarray(0, 11)).every(Number.isNaN)).toBe(true);
    expect(result[11], 'body 0.25, upper shadow 1.5, lower 0.125, body below 100').toBe(100);
    expect(result[12], 'no body gap below the previous candle').toBe(0);
  });

  itEqualsTalib('CDLINVERTEDHAMMER', cdlInvertedHammer, shared);
});
