import { describe, expect, it } from 'vitest';
import { candleColumns, compareWithTalib, plainCandles, randomWalks, sp500Bars } from '../../../test/patternReference.js';
import { requireSharedData } from '../../../test/sharedData.js';
import { talibAvailable } from '../../../test/talibReference.js';
import { cdlDoji, cdlDojiLookback } from './cdlDoji.js';

const shared = requireSharedData('CDLDOJI on the S&P 500 file');

describe('cdlDoji', () => {
  it('flags a body of at most 10% of the average range of the 10 candles before it (hand-built; ordinary candles: body 1, range 2)', () => {
    const rows: [number, number, number, number][] = [...plainCandles(10), [100, 101, 99, 100.125], [100, 101, 99, 100.25]];
    const result = cdlDoji(...candleColumns(rows));
    expect(cdlDojiLookback()).toBe(10);
    expect(Array.from(result.subarray(0, 10)).every(Number.isNaN)).toBe(true);
    expect(result[10], 'body 0.125 <= 0.1 * average range 2').toBe(100);
    expect(result[11], 'body 0.25 > 0.2').toBe(0);
  });

  it.skipIf(!talibAvailable)('equals TA-Lib CDLDOJI on random walks', () => {
    const comparison = compareWithTalib('CDLDOJI', cdlDoji, randomWalks());
    expect(comparison.mismatches).toEqual([]);
    expect(comparison.signals).toBeGreaterThan(0);
  });

  it.skipIf(!talibAvailable || !shared)('equals TA-Lib CDLDOJI on every S&P 500 symbol', async () => {
    const comparison = compareWithTalib('CDLDOJI', cdlDoji, await sp500Bars());
    expect(comparison.series).toBe(505);
    expect(comparison.mismatches).toEqual([]);
    expect(comparison.signals).toBeGreaterThan(0);
  });
});
