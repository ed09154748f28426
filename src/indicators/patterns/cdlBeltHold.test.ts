import { describe, expect, it } from 'vitest';
import { candleColumns, compareWithTalib, plainCandles, randomWalks, sp500Bars } from '../../../test/patternReference.js';
import { requireSharedData } from '../../../test/sharedData.js';
import { talibAvailable } from '../../../test/talibReference.js';
import { cdlBeltHold, cdlBeltHoldLookback } from './cdlBeltHold.js';

const shared = requireSharedData('CDLBELTHOLD on the S&P 500 file');

describe('cdlBeltHold', () => {
  it('flags a long candle opening at its extreme, signed by color (hand-built; ordinary candles: body 1, range 2)', () => {
    const rows: [number, number, number, number][] = [...plainCandles(10), [100, 102.5, 100, 102], [102, 102, 99.5, 100], [100, 102.5, 99, 102]];
    const result = cdlBeltHold(...candleColumns(rows));
    expect(cdlBeltHoldLookback()).toBe(10);
    expect(Array.from(result.subarray(0, 10)).every(Number.isNaN)).toBe(true);
    expect(result[10], 'white opens at its low').toBe(100);
    expect(result[11], 'black opens at its high').toBe(-100);
    expect(result[12], 'white with a lower shadow of 1').toBe(0);
  });

  it.skipIf(!talibAvailable)('equals TA-Lib CDLBELTHOLD on random walks', () => {
    const comparison = compareWithTalib('CDLBELTHOLD', cdlBeltHold, randomWalks());
    expect(comparison.mismatches).toEqual([]);
    expect(comparison.signals).toBeGreaterThan(0);
  });

  it.skipIf(!talibAvailable || !shared)('equals TA-Lib CDLBELTHOLD on every S&P 500 symbol', async () => {
    const comparison = compareWithTalib('CDLBELTHOLD', cdlBeltHold, await sp500Bars());
    expect(comparison.series).toBe(505);
    expect(comparison.mismatches).toEqual([]);
    expect(comparison.signals).toBeGreaterThan(0);
  });
});
