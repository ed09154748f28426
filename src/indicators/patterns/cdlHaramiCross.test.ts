import { describe, expect, it } from 'vitest';
import { candleColumns, compareWithTalib, plainCandles, randomWalks, sp500Bars } from '../../../test/patternReference.js';
import { requireSharedData } from '../../../test/sharedData.js';
import { talibAvailable } from '../../../test/talibReference.js';
import { cdlHaramiCross, cdlHaramiCrossLookback } from './cdlHaramiCross.js';

const shared = requireSharedData('CDLHARAMICROSS on the S&P 500 file');

describe('cdlHaramiCross', () => {
  it('flags a doji inside the previous long body (hand-built; ordinary candles: body 1, range 2)', () => {
    const rows: [number, number, number, number][] = [...plainCandles(11), [102, 102.5, 98.5, 99], [100.5, 101, 100, 100.625], [102, 102.5, 98.5, 99], [100, 101, 99.5, 100.5]];
    const result = cdlHaramiCross(...candleColumns(rows));
    expect(cdlHaramiCrossLookback()).toBe(11);
    expect(Array.from(result.subarray(0, 11)).every(Number.isNaN)).toBe(true);
    expect(result[12], 'doji body 0.125 <= 0.1 * average range 2.2, inside the black body').toBe(100);
    expect(result[14], 'body 0.5 is not a doji').toBe(0);
  });

  it.skipIf(!talibAvailable)('equals TA-Lib CDLHARAMICROSS on random walks', () => {
    const comparison = compareWithTalib('CDLHARAMICROSS', cdlHaramiCross, randomWalks());
    expect(comparison.mismatches).toEqual([]);
    expect(comparison.signals).toBeGreaterThan(0);
  });

  it.skipIf(!talibAvailable || !shared)('equals TA-Lib CDLHARAMICROSS on every S&P 500 symbol', async () => {
    const comparison = compareWithTalib('CDLHARAMICROSS', cdlHaramiCross, await sp500Bars());
    expect(comparison.series).toBe(505);
    expect(comparison.mismatches).toEqual([]);
    expect(comparison.signals).toBeGreaterThan(0);
  });
});
