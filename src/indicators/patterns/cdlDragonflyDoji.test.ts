import { describe, expect, it } from 'vitest';
import { candleColumns, compareWithTalib, plainCandles, randomWalks, sp500Bars } from '../../../test/patternReference.js';
import { requireSharedData } from '../../../test/sharedData.js';
import { talibAvailable } from '../../../test/talibReference.js';
import { cdlDragonflyDoji, cdlDragonflyDojiLookback } from './cdlDragonflyDoji.js';

const shared = requireSharedData('CDLDRAGONFLYDOJI on the S&P 500 file');

describe('cdlDragonflyDoji', () => {
  it('flags a doji at its high with a long lower shadow (hand-built; ordinary candles: body 1, range 2)', () => {
    const rows: [number, number, number, number][] = [...plainCandles(10), [100, 100.125, 98, 100], [100, 100.5, 98, 100]];
    const result = cdlDragonflyDoji(...candleColumns(rows));
    expect(cdlDragonflyDojiLookback()).toBe(10);
    expect(Array.from(result.subarray(0, 10)).every(Number.isNaN)).toBe(true);
    expect(result[10], 'upper shadow 0.125 < 0.2 < lower shadow 2').toBe(100);
    expect(result[11], 'upper shadow 0.5 is not very short').toBe(0);
  });

  it.skipIf(!talibAvailable)('equals TA-Lib CDLDRAGONFLYDOJI on random walks', () => {
    const comparison = compareWithTalib('CDLDRAGONFLYDOJI', cdlDragonflyDoji, randomWalks());
    expect(comparison.mismatches).toEqual([]);
    expect(comparison.signals).toBeGreaterThan(0);
  });

  it.skipIf(!talibAvailable || !shared)('equals TA-Lib CDLDRAGONFLYDOJI on every S&P 500 symbol', async () => {
    const comparison = compareWithTalib('CDLDRAGONFLYDOJI', cdlDragonflyDoji, await sp500Bars());
    expect(comparison.series).toBe(505);
    expect(comparison.mismatches).toEqual([]);
    expect(comparison.signals).toBeGreaterThan(0);
  });
});
