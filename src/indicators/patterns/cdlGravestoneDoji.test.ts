import { describe, expect, it } from 'vitest';
import { candleColumns, compareWithTalib, plainCandles, randomWalks, sp500Bars } from '../../../test/patternReference.js';
import { requireSharedData } from '../../../test/sharedData.js';
import { talibAvailable } from '../../../test/talibReference.js';
import { cdlGravestoneDoji, cdlGravestoneDojiLookback } from './cdlGravestoneDoji.js';

const shared = requireSharedData('CDLGRAVESTONEDOJI on the S&P 500 file');

describe('cdlGravestoneDoji', () => {
  it('flags a doji at its low with a long upper shadow (hand-built; ordinary candles: body 1, range 2)', () => {
    const rows: [number, number, number, number][] = [...plainCandles(10), [100, 102, 99.875, 100], [100, 102, 99.5, 100]];
    const result = cdlGravestoneDoji(...candleColumns(rows));
    expect(cdlGravestoneDojiLookback()).toBe(10);
    expect(Array.from(result.subarray(0, 10)).every(Number.isNaN)).toBe(true);
    expect(result[10], 'lower shadow 0.125 < 0.2 < upper shadow 2').toBe(100);
    expect(result[11], 'lower shadow 0.5 is not very short').toBe(0);
  });

  it.skipIf(!talibAvailable)('equals TA-Lib CDLGRAVESTONEDOJI on random walks', () => {
    const comparison = compareWithTalib('CDLGRAVESTONEDOJI', cdlGravestoneDoji, randomWalks());
    expect(comparison.mismatches).toEqual([]);
    expect(comparison.signals).toBeGreaterThan(0);
  });

  it.skipIf(!talibAvailable || !shared)('equals TA-Lib CDLGRAVESTONEDOJI on every S&P 500 symbol', async () => {
    const comparison = compareWithTalib('CDLGRAVESTONEDOJI', cdlGravestoneDoji, await sp500Bars());
    expect(comparison.series).toBe(505);
    expect(comparison.mismatches).toEqual([]);
    expect(comparison.signals).toBeGreaterThan(0);
  });
});
