import { describe, expect, it } from 'vitest';
import { candleColumns, compareWithTalib, plainCandles, randomWalks, sp500Bars } from '../../../test/patternReference.js';
import { requireSharedData } from '../../../test/sharedData.js';
import { talibAvailable } from '../../../test/talibReference.js';
import { cdlHarami, cdlHaramiLookback } from './cdlHarami.js';

const shared = requireSharedData('CDLHARAMI on the S&P 500 file');

describe('cdlHarami', () => {
  it('flags a short body inside the previous long body, the sign opposite to the long candle (hand-built; ordinary candles: body 1, range 2)', () => {
    const rows: [number, number, number, number][] = [...plainCandles(11), [102, 102.5, 98.5, 99], [100, 101, 99.5, 100.5], [100, 101, 99.5, 100.5]];
    const result = cdlHarami(...candleColumns(rows));
    expect(cdlHaramiLookback()).toBe(11);
    expect(Array.from(result.subarray(0, 11)).every(Number.isNaN)).toBe(true);
    expect(result[12], 'white body 100..100.5 inside the long black 99..102').toBe(100);
    expect(result[13], 'the previous body is not long').toBe(0);
  });

  it.skipIf(!talibAvailable)('equals TA-Lib CDLHARAMI on random walks', () => {
    const comparison = compareWithTalib('CDLHARAMI', cdlHarami, randomWalks());
    expect(comparison.mismatches).toEqual([]);
    expect(comparison.signals).toBeGreaterThan(0);
  });

  it.skipIf(!talibAvailable || !shared)('equals TA-Lib CDLHARAMI on every S&P 500 symbol', async () => {
    const comparison = compareWithTalib('CDLHARAMI', cdlHarami, await sp500Bars());
    expect(comparison.series).toBe(505);
    expect(comparison.mismatches).toEqual([]);
    expect(comparison.signals).toBeGreaterThan(0);
  });
});
