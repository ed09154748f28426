import { describe, expect, it } from 'vitest';
import { candleColumns, compareWithTalib, plainCandles, randomWalks, sp500Bars } from '../../../test/patternReference.js';
import { requireSharedData } from '../../../test/sharedData.js';
import { talibAvailable } from '../../../test/talibReference.js';
import { cdlInNeck, cdlInNeckLookback } from './cdlInNeck.js';

const shared = requireSharedData('CDLINNECK on the S&P 500 file');

describe('cdlInNeck', () => {
  it('flags a white candle opening below a long black low and closing barely into its body (hand-built; ordinary candles: body 1, range 2)', () => {
    const rows: [number, number, number, number][] = [...plainCandles(11), [102, 102.25, 98.5, 99], [97.5, 99.25, 97.25, 99.0625], [102, 102.25, 98.5, 99], [97.5, 100.25, 97.25, 100]];
    const result = cdlInNeck(...candleColumns(rows));
    expect(cdlInNeckLookback()).toBe(11);
    expect(Array.from(result.subarray(0, 11)).every(Number.isNaN)).toBe(true);
    expect(result[12], 'closes 99.0625, within 0.1 above the black close 99').toBe(-100);
    expect(result[14], 'closes 100, too far into the body').toBe(0);
  });

  it.skipIf(!talibAvailable)('equals TA-Lib CDLINNECK on random walks', () => {
    const comparison = compareWithTalib('CDLINNECK', cdlInNeck, randomWalks());
    expect(comparison.mismatches).toEqual([]);
    expect(comparison.signals).toBeGreaterThan(0);
  });

  it.skipIf(!talibAvailable || !shared)('equals TA-Lib CDLINNECK on every S&P 500 symbol', async () => {
    const comparison = compareWithTalib('CDLINNECK', cdlInNeck, await sp500Bars());
    expect(comparison.series).toBe(505);
    expect(comparison.mismatches).toEqual([]);
    expect(comparison.signals).toBeGreaterThan(0);
  });
});
