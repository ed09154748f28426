import { describe, expect, it } from 'vitest';
import { candleColumns, itEqualsTalib, plainCandles } from '../../../test/talibPatternCheck.js';
import { requireSharedData } from '../../../test/sharedData.js';
import { cdlKicking, cdlKickingLookback } from './cdlKicking.js';

const shared = requireSharedData('CDLKICKING on the S&P 500 file');

describe('cdlKicking', () => {
  it('flags two opposite marubozu separated by a gap, signed by the second (hand-built; ordinary candles: body 1, range 2)', () => {
    const rows: [number, number, number, number][] = [...plainCandles(11), [102, 102, 99, 99], [103, 106, 103, 106], [103, 106, 102.5, 105.5]];
    const result = cdlKicking(...candleColumns(rows));
    expect(cdlKickingLookback()).toBe(11);
    expect(Array.from(result.subarray(0, 11)).every(Number.isNaN)).toBe(true);
    expect(result[12], 'black marubozu, then a white one with its low 103 above the high 102').toBe(100);
    expect(result[13], 'two white candles').toBe(0);
  });

  itEqualsTalib('CDLKICKING', cdlKicking, shared);
});
