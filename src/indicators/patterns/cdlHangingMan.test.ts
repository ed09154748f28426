import { describe, expect, it } from 'vitest';
import { candleColumns, compareWithTalib, plainCandles, randomWalks, sp500Bars } from '../../../test/patternReference.js';
import { requireSharedData } from '../../../test/sharedData.js';
import { talibAvailable } from '../../../test/talibReference.js';
import { cdlHangingMan, cdlHangingManLookback } from './cdlHangingMan.js';

const shared = requireSharedData('CDLHANGINGMAN on the S&P 500 file');

describe('cdlHangingMan', () => {
  it('flags the hammer shape near the previous high (hand-built; ordinary candles: body 1, range 2)', () => {
    const rows: [number, number, number, number][] = [...plainCandles(11), [101.5, 101.875, 100, 101.75], [99.5, 99.875, 98, 99.75]];
    const result = cdlHangingMan(...candleColumns(rows));
    expect(cdlHangingManLookback()).toBe(11);
    expect(Array.from(result.subarray(0, 11)).every(Number.isNaN)).toBe(true);
    expect(result[11], 'body bottom 101.5 >= previous high 101.5 - 0.4').toBe(-100);
    expect(result[12], 'same shape below the previous body: a hammer, not a hanging man').toBe(0);
  });

  it.skipIf(!talibAvailable)('equals TA-Lib CDLHANGINGMAN on random walks', () => {
    const comparison = compareWithTalib('CDLHANGINGMAN', cdlHangingMan, randomWalks());
    expect(comparison.mismatches).toEqual([]);
    expect(comparison.signals).toBeGreaterThan(0);
  });

  it.skipIf(!talibAvailable || !shared)('equals TA-Lib CDLHANGINGMAN on every S&P 500 symbol', async () => {
    const comparison = compareWithTalib('CDLHANGINGMAN', cdlHangingMan, await sp500Bars());
    expect(comparison.series).toBe(505);
    expect(comparison.mismatches).toEqual([]);
    expect(comparison.signals).toBeGreaterThan(0);
  });
});
