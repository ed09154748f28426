import { describe, expect, it } from 'vitest';
import { candleColumns, itEqualsTalib, plainCandles } from '../../../test/talibPatternCheck.js';
import { requireSharedData } from '../../../test/sharedData.js';
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

  itEqualsTalib('CDLMATCHINGLOW', cdlMatchingLow, shared);
});
