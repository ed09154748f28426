import { describe, expect, it } from 'vitest';
import { candleColumns, compareWithTalib, plainCandles, randomWalks, sp500Bars } from '../../../test/patternReference.js';
import { requireSharedData } from '../../../test/sharedData.js';
import { talibAvailable } from '../../../test/talibReference.js';
import { cdlLongLeggedDoji, cdlLongLeggedDojiLookback } from './cdlLongLeggedDoji.js';

const shared = requireSharedData('CDLLONGLEGGEDDOJI on the S&P 500 file');

describe('cdlLongLeggedDoji', () => {
  it('flags a doji with a shadow longer than its body (hand-built; ordinary candles: body 1, range 2)', () => {
    const rows: [number, number, number, number][] = [...plainCandles(10), [100, 101, 99, 100.125], [100, 100.125, 100, 100.125]];
    const result = cdlLongLeggedDoji(...candleColumns(rows));
    expect(cdlLongLeggedDojiLookback()).toBe(10);
    expect(Array.from(result.subarray(0, 10)).every(Number.isNaN)).toBe(true);
    expect(result[10], 'shadows 0.875 and 1 exceed the body 0.125').toBe(100);
    expect(result[11], 'no shadows').toBe(0);
  });

  it.skipIf(!talibAvailable)('equals TA-Lib CDLLONGLEGGEDDOJI on random walks', () => {
    const comparison = compareWithTalib('CDLLONGLEGGEDDOJI', cdlLongLeggedDoji, randomWalks());
    expect(comparison.mismatches).toEqual([]);
    expect(comparison.signals).toBeGreaterThan(0);
  });

  it.skipIf(!talibAvailable || !shared)('equals TA-Lib CDLLONGLEGGEDDOJI on every S&P 500 symbol', async () => {
    const comparison = compareWithTalib('CDLLONGLEGGEDDOJI', cdlLongLeggedDoji, await sp500Bars());
    expect(comparison.series).toBe(505);
    expect(comparison.mismatches).toEqual([]);
    expect(comparison.signals).toBeGreaterThan(0);
  });
});
