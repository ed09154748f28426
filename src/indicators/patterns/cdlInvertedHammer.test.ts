import { describe, expect, it } from 'vitest';
import { candleColumns, compareWithTalib, plainCandles, randomWalks, sp500Bars } from '../../../test/patternReference.js';
import { requireSharedData } from '../../../test/sharedData.js';
import { talibAvailable } from '../../../test/talibReference.js';
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

  it.skipIf(!talibAvailable)('equals TA-Lib CDLINVERTEDHAMMER on random walks', () => {
    const comparison = compareWithTalib('CDLINVERTEDHAMMER', cdlInvertedHammer, randomWalks());
    expect(comparison.mismatches).toEqual([]);
    expect(comparison.signals).toBeGreaterThan(0);
  });

  it.skipIf(!talibAvailable || !shared)('equals TA-Lib CDLINVERTEDHAMMER on every S&P 500 symbol', async () => {
    const comparison = compareWithTalib('CDLINVERTEDHAMMER', cdlInvertedHammer, await sp500Bars());
    expect(comparison.series).toBe(505);
    expect(comparison.mismatches).toEqual([]);
    expect(comparison.signals).toBeGreaterThan(0);
  });
});
