import { describe, expect, it } from 'vitest';
import { candleColumns, itEqualsTalib, plainCandles } from '../../../test/talibPatternCheck.js';
import { requireSharedData } from '../../../test/sharedData.js';
import { cdlThrusting, cdlThrustingLookback } from './cdlThrusting.js';

const shared = requireSharedData('CDLTHRUSTING on the S&P 500 file');

describe('cdlThrusting', () => {
  it('flags a white candle opening below a long black low and closing into its body below the midpoint (hand-built; ordinary candles: body 1, range 2)', () => {
    const rows: [number, number, number, number][] = [...plainCandles(11), [102, 102.25, 98.5, 99], [97.5, 100.25, 97.25, 100], [102, 102.25, 98.5, 99], [97.5, 101.25, 97.25, 101]];
    const result = cdlThrusting(...candleColumns(rows));
    expect(cdlThrustingLookback()).toBe(11);
    expect(Array.from(result.subarray(0, 11)).every(Number.isNaN)).toBe(true);
    expect(result[12], 'closes 100: above 99 + 0.1, below the midpoint 100.5').toBe(-100);
    expect(result[14], 'closes 101, above the midpoint').toBe(0);
  });

  itEqualsTalib('CDLTHRUSTING', cdlThrusting, shared);
});
