import { describe, expect, it } from 'vitest';
import { candleColumns, compareWithTalib, plainCandles, randomWalks, sp500Bars } from '../../../test/patternReference.js';
import { requireSharedData } from '../../../test/sharedData.js';
import { talibAvailable } from '../../../test/talibReference.js';
import { cdlMatchingLow, cdlMatchingLowLookback } from './cdlMatchingLow.js';

const shared = requireSharedData('CDLMATCHINGLOW on the S&P 500 file');

describe('cdlMatchingLow', () => {
  it('flags two black candles closing at the same price (hand-built; ordinary candles: body 1, range 2)', () => {
    const rows: [number, number, number, number][] = [...plainCandles(6), [101, 101.5, 99.5, 100], [100.5, 101, 99.5, 100.0625], [101, 101.5, 99.5, 100], [100.5, 101, 99.5, 100.25]];
    const result = cdlMatchingLow(...candleColumns(rows));
    expect(cdlMatchingLowLookback()).toBe(6);
    expect(Array.from(result.subarray(0, 6)).every(Number.isNaN)).toBe(true);
    expect(result[7], 'closes 100 and 100.0625 (tolerance 0.1)').toBe(100);
    expect(result[9], 'closes 100 and 100.25').toBe(0);
  });

  it.skipIf(!talibAvailable)('equals TA-Lib CDLMATCHINGLOW on random walks', () => {
    const comparison = compareWithTalib('CDLMATCHINGLOW', cdlMatchingLow, randomWalks());
    expect(comparison.mismatches).toEqual([]);
    expect(comparison.signals).toBeGreaterThan(0);
  });

  it.skipIf(!talibAvailable || !shared)('equals TA-Lib CDLMATCHINGLOW on every S&P 500 symbol', async () => {
    const comparison = compareWithTalib('CDLMATCHINGLOW', cdlMatchingLow, await sp500Bars());
    expect(comparison.series).toBe(505);
    expect(comparison.mismatches).toEqual([]);
    expect(comparison.signals).toBeGreaterThan(0);
  });
});
