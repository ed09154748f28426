import { describe, expect, it } from 'vitest';
import { candleColumns, compareWithTalib, plainCandles, randomWalks, sp500Bars } from '../../../test/patternReference.js';
import { requireSharedData } from '../../../test/sharedData.js';
import { talibAvailable } from '../../../test/talibReference.js';
import { cdlShootingStar, cdlShootingStarLookback } from './cdlShootingStar.js';

const shared = requireSharedData('CDLSHOOTINGSTAR on the S&P 500 file');

describe('cdlShootingStar', () => {
  it('flags a small body at the bottom of a long upper shadow, gapping above the previous body (hand-built; ordinary candles: body 1, range 2)', () => {
    const rows: [number, number, number, number][] = [...plainCandles(11), [101.75, 103, 101.375, 101.5], [101.75, 103, 101.375, 101.5]];
    const result = cdlShootingStar(...candleColumns(rows));
    expect(cdlShootingStarLookback()).toBe(11);
    expect(Array.from(result.subarray(0, 11)).every(Number.isNaN)).toBe(true);
    expect(result[11], 'body 0.25, upper shadow 1.25, lower 0.125, body above 101').toBe(-100);
    expect(result[12], 'no body gap above the previous candle').toBe(0);
  });

  it.skipIf(!talibAvailable)('equals TA-Lib CDLSHOOTINGSTAR on random walks', () => {
    const comparison = compareWithTalib('CDLSHOOTINGSTAR', cdlShootingStar, randomWalks());
    expect(comparison.mismatches).toEqual([]);
    expect(comparison.signals).toBeGreaterThan(0);
  });

  it.skipIf(!talibAvailable || !shared)('equals TA-Lib CDLSHOOTINGSTAR on every S&P 500 symbol', async () => {
    const comparison = compareWithTalib('CDLSHOOTINGSTAR', cdlShootingStar, await sp500Bars());
    expect(comparison.series).toBe(505);
    expect(comparison.mismatches).toEqual([]);
    expect(comparison.signals).toBeGreaterThan(0);
  });
});
