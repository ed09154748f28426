import { describe, expect, it } from 'vitest';
import { candleColumns, compareWithTalib, plainCandles, randomWalks, sp500Bars } from '../../../test/patternReference.js';
import { requireSharedData } from '../../../test/sharedData.js';
import { talibAvailable } from '../../../test/talibReference.js';
import { cdlMarubozu, cdlMarubozuLookback } from './cdlMarubozu.js';

const shared = requireSharedData('CDLMARUBOZU on the S&P 500 file');

describe('cdlMarubozu', () => {
  it('flags a long body without shadows, signed by color (hand-built; ordinary candles: body 1, range 2)', () => {
    const rows: [number, number, number, number][] = [...plainCandles(10), [100, 103.125, 99.875, 103], [103, 103.125, 99.875, 100], [100, 103.5, 99.875, 103]];
    const result = cdlMarubozu(...candleColumns(rows));
    expect(cdlMarubozuLookback()).toBe(10);
    expect(Array.from(result.subarray(0, 10)).every(Number.isNaN)).toBe(true);
    expect(result[10], 'white body 3, shadows 0.125').toBe(100);
    expect(result[11], 'black body 3, shadows 0.125').toBe(-100);
    expect(result[12], 'upper shadow 0.5 is too long').toBe(0);
  });

  it.skipIf(!talibAvailable)('equals TA-Lib CDLMARUBOZU on random walks', () => {
    const comparison = compareWithTalib('CDLMARUBOZU', cdlMarubozu, randomWalks());
    expect(comparison.mismatches).toEqual([]);
    expect(comparison.signals).toBeGreaterThan(0);
  });

  it.skipIf(!talibAvailable || !shared)('equals TA-Lib CDLMARUBOZU on every S&P 500 symbol', async () => {
    const comparison = compareWithTalib('CDLMARUBOZU', cdlMarubozu, await sp500Bars());
    expect(comparison.series).toBe(505);
    expect(comparison.mismatches).toEqual([]);
    expect(comparison.signals).toBeGreaterThan(0);
  });
});
