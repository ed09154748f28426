import { describe, expect, it } from 'vitest';
import { candleColumns, itEqualsTalib, plainCandles } from '../../../test/talibPatternCheck.js';
import { requireSharedData } from '../../../test/sharedData.js';
import { cdlSpinningTop, cdlSpinningTopLookback } from './cdlSpinningTop.js';

const shared = requireSharedData('CDLSPINNINGTOP on the S&P 500 file');

describe('cdlSpinningTop', () => {
  it('flags a small body with both shadows longer than it, signed by color (hand-built; ordinary candles: body 1, range 2)', () => {
    const rows: [number, number, number, number][] = [...plainCandles(10), [100, 101.5, 99, 100.5], [100.5, 101.5, 99, 100], [100, 100.75, 99, 100.5]];
    const result = cdlSpinningTop(...candleColumns(rows));
    expect(cdlSpinningTopLookback()).toBe(10);
    expect(Array.from(result.subarray(0, 10)).every(Number.isNaN)).toBe(true);
    expect(result[10], 'white body 0.5, shadows 1 and 1').toBe(100);
    expect(result[11], 'black body 0.5, shadows 1 and 1').toBe(-100);
    expect(result[12], 'upper shadow 0.25 is shorter than the body').toBe(0);
  });

  itEqualsTalib('CDLSPINNINGTOP', cdlSpinningTop, shared);
});
