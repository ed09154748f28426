import { describe, expect, it } from 'vitest';
import { candleColumns, itEqualsTalib, plainCandles } from '../../../test/talibPatternCheck.js';
import { requireSharedData } from '../../../test/sharedData.js';
import { cdlPiercing, cdlPiercingLookback } from './cdlPiercing.js';

const shared = requireSharedData('CDLPIERCING on the S&P 500 file');

describe('cdlPiercing', () => {
  it('flags a long white candle opening below a long black low and closing above its midpoint (hand-built; ordinary candles: body 1, range 2)', () => {
    const rows: [number, number, number, number][] = [...plainCandles(11), [102, 102.25, 98.75, 99], [98.5, 101.25, 98.25, 101], [102, 102.25, 98.75, 99], [98.5, 100.5, 98.25, 100.25]];
    const result = cdlPiercing(...candleColumns(rows));
    expect(cdlPiercingLookback()).toBe(11);
    expect(Array.from(result.subarray(0, 11)).every(Number.isNaN)).toBe(true);
    expect(result[12], 'opens 98.5 < 98.75, closes 101 > midpoint 100.5 and < 102').toBe(100);
    expect(result[14], 'closes 100.25, below the midpoint').toBe(0);
  });

  itEqualsTalib('CDLPIERCING', cdlPiercing, shared);
});
