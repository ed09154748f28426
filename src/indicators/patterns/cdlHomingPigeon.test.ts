import { describe, expect, it } from 'vitest';
import { candleColumns, compareWithTalib, plainCandles, randomWalks, sp500Bars } from '../../../test/patternReference.js';
import { requireSharedData } from '../../../test/sharedData.js';
import { talibAvailable } from '../../../test/talibReference.js';
import { cdlHomingPigeon, cdlHomingPigeonLookback } from './cdlHomingPigeon.js';

const shared = requireSharedData('CDLHOMINGPIGEON on the S&P 500 file');

describe('cdlHomingPigeon', () => {
  it('flags a short black body inside the previous long black body (hand-built; ordinary candles: body 1, range 2)', () => {
    const rows: [number, number, number, number][] = [...plainCandles(11), [102, 102.5, 98.5, 99], [101, 101.5, 99.5, 100], [102, 102.5, 98.5, 99], [101, 101.5, 99.5, 101.5]];
    const result = cdlHomingPigeon(...candleColumns(rows));
    expect(cdlHomingPigeonLookback()).toBe(11);
    expect(Array.from(result.subarray(0, 11)).every(Number.isNaN)).toBe(true);
    expect(result[12], 'black 100..101 inside black 99..102').toBe(100);
    expect(result[14], 'the second candle is white').toBe(0);
  });

  it.skipIf(!talibAvailable)('equals TA-Lib CDLHOMINGPIGEON on random walks', () => {
    const comparison = compareWithTalib('CDLHOMINGPIGEON', cdlHomingPigeon, randomWalks());
    expect(comparison.mismatches).toEqual([]);
    expect(comparison.signals).toBeGreaterThan(0);
  });

  it.skipIf(!talibAvailable || !shared)('equals TA-Lib CDLHOMINGPIGEON on every S&P 500 symbol', async () => {
    const comparison = compareWithTalib('CDLHOMINGPIGEON', cdlHomingPigeon, await sp500Bars());
    expect(comparison.series).toBe(505);
    expect(comparison.mismatches).toEqual([]);
    expect(comparison.signals).toBeGreaterThan(0);
  });
});
