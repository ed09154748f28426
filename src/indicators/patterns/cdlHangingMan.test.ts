import { describe, expect, it } from 'vitest';
import { candleColumns, itEqualsTalib, plainCandles } from '../../../test/talibPatternCheck.js';
import { requireSharedData } from '../../../test/sharedData.js';
import { cdlHangingMan, cdlHangingManLookback } from './cdlHangingMan.js';

const shared = requireSharedData('CDLHANGINGMAN on the S&P 500 file');

describe('cdlHangingMan', () => {
  it('flags the hammer shape near the previous high (hand-built; ordinary candles: body 1, range 2)', () => {
    const rows: [number, number, number, number][] = [...plainCandles(11), [101.5, 101.875, 100, 101.75], [99.5, 99.875, 98, 99.75]];
    const result = cdlHangingMan(...candleColumns(rows));
    expect(cdlHangingManLookback()).toBe(11);
    expect(Array.from(result.subarray(0, 11)).every(Number.isNaN)).toBe(true);
    expect(result[11], 'body bottom 101.5 >= previous high 101.5 - 0.4').toBe(-100);
    expect(result[12], 'same shape below the previous body: a hammer, not a hanging man').toBe(0);
  });

  itEqualsTalib('CDLHANGINGMAN', cdlHangingMan, shared);
});
