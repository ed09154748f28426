import { describe, expect, it } from 'vitest';
import { candleColumns, compareWithTalib, plainCandles, randomWalks, sp500Bars } from '../../../test/patternReference.js';
import { requireSharedData } from '../../../test/sharedData.js';
import { talibAvailable } from '../../../test/talibReference.js';
import { cdlKicking, cdlKickingLookback } from './cdlKicking.js';

const shared = requireSharedData('CDLKICKING on the S&P 500 file');

describe('cdlKicking', () => {
  it('flags two opposite marubozu separated by a gap, signed by the second (hand-built; ordinary candles: body 1, range 2)', () => {
    const rows: [number, number, number, number][] = [...plainCandles(11), [102, 102, 99, 99], [103, 106, 103, 106], [103, 106, 102.5, 105.5]];
    const result = cdlKicking(...candleColumns(rows));
    expect(cdlKickingLookback()).toBe(11);
    expect(Array.from(result.subarray(0, 11)).every(Number.isNaN)).toBe(true);
    expect(result[12], 'black marubozu, then a white one with its low 103 above the high 102').toBe(100);
    expect(result[13], 'two white candles').toBe(0);
  });

  it.skipIf(!talibAvailable)('equals TA-Lib CDLKICKING on random walks', () => {
    const comparison = compareWithTalib('CDLKICKING', cdlKicking, randomWalks());
    expect(comparison.mismatches).toEqual([]);
    expect(comparison.signals).toBeGreaterThan(0);
  });

  it.skipIf(!talibAvailable || !shared)('equals TA-Lib CDLKICKING on every S&P 500 symbol', async () => {
    const comparison = compareWithTalib('CDLKICKING', cdlKicking, await sp500Bars());
    expect(comparison.series).toBe(505);
    expect(comparison.mismatches).toEqual([]);
    expect(comparison.signals).toBeGreaterThan(0);
  });
});
