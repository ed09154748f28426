import { describe, expect, it } from 'vitest';
import { candleColumns, itEqualsTalib, plainCandles } from '../../../test/talibPatternCheck.js';
import { requireSharedData } from '../../../test/sharedData.js';
import { cdlShootingStar, cdlShootingStarLookback } from './cdlShootingStar.js';

const shared = requireSharedData('CDLSHOOTINGSTAR on the S&P 500 file');

describe('cdlShootingStar', () => {
  it('flags a small body at the bottom of a long upper shadow, gapping above the previous body (hand-built; ordinary candles: body 1, range 2)', () => {
    const rows: [number, number, number, number][] = [...plainCandles(11), [101.75, 103, 101.375, 101.5], [101.75, 103, 101.375, 101.5]];
    const result = cdlShootingStar(...candleColumns(rows));
    expect(cdlShootingStarLookback()).toBe(11);
    expect(Array.from(result.subarray(0, 11)).every(Number.isNaN)).toBe(true);
    expect(result[11], 'body 0.25, upper shadow 1.25, lower 0.125, body above 101').toBe(-100);
    expect(result[12], 'no body gap above the previous candle').toBe(0);
  });

  itEqualsTalib('CDLSHOOTINGSTAR', cdlShootingStar, shared);
});
