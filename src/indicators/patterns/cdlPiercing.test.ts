import { describe, expect, it } from 'vitest';
import { candleColumns, compareWithTalib, plainCandles, randomWalks, sp500Bars } from '../../../test/patternReference.js';
import { requireSharedData } from '../../../test/sharedData.js';
import { talibAvailable } from '../../../test/talibReference.js';
import { cdlPiercing, cdlPiercingLookback } from './cdlPiercing.js';

const shared = requireSharedData('CDLPIERCING on the S&P 500 file');

describe('cdlPiercing', () => {
  it('flags a long white candle opening below a long black low and closing above its midpoint (hand-built; ordinary candles: body 1, range 2)', () => {
    const rows: [number, number, number, number][] = [...plainCandles(11), [102, 102.25, 98.75, 99], [98.5, 101.25, 98.25, 101], [102, 102.25, 98.75, 99], [98.5, 100.5, 98.25, 100.25]];
    const result = cdlPiercing(...candleColumns(rows));
    expect(cdlPiercingLookback()).toBe(11);
    expect(Array.from(result.subarray(0, 11)).every(Number.isNaN)).toBe(true);
    expect(result[12], 'opens 98.5 < 98.75, closes 101 > midpoint 100.5 and < 102').toBe(100);
    expect(result[14], 'closes 100.25, below the midpoint').toBe(0);
  });

  it.skipIf(!talibAvailable)('equals TA-Lib CDLPIERCING on random walks', () => {
    const comparison = compareWithTalib('CDLPIERCING', cdlPiercing, randomWalks());
    expect(comparison.mismatches).toEqual([]);
    expect(comparison.signals).toBeGreaterThan(0);
  });

  it.skipIf(!talibAvailable || !shared)('equals TA-Lib CDLPIERCING on every S&P 500 symbol', async () => {
    const comparison = compareWithTalib('CDLPIERCING', cdlPiercing, await sp500Bars());
    expect(comparison.series).toBe(505);
    expect(comparison.mismatches).toEqual([]);
    expect(comparison.signals).toBeGreaterThan(0);
  });
});
