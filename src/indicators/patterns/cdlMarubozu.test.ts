import { describe, expect, it } from 'vitest';
import { candleColumns, itEqualsTalib, plainCandles } from '../../../test/talibPatternCheck.js';
import { requireSharedData } from '../../../test/sharedData.js';
import { cdlMarubozu, cdlMarubozuLookback } from './cdlMarubozu.js';

const shared = requireSharedData('CDLMARUBOZU on the S&P 500 file');

describe('cdlMarubozu', () => {
  it('flags a long body without shadows, signed by color (hand-built; ordinary candles: body 1, range 2)', () => {
    const rows: [number, number, number, number][] = [...plainCandles(10), [100, 103.125, 99.875, 103], [103, 103.125, 99.875, 100], [100, 103.5, 99.875, 103]];
    const result = cdlMarubozu(...candleColumns(rows));
    expect(cdlMarubozuLookback()).toBe(10);
    expect(Array.from(result.subarray(0, 10)).every(Number.isNaN)).toBe(true);
    expect(result[10], 'white body 3, shadows 0.125').toBe(100);
    expect(result[11], 'black body 3, shadows 0.125').toBe(-100);
    expect(result[12], 'upper shadow 0.5 is too long').toBe(0);
  });

  itEqualsTalib('CDLMARUBOZU', cdlMarubozu, shared);
});
