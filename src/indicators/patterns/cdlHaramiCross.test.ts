import { describe, expect, it } from 'vitest';
import { candleColumns, itEqualsTalib, plainCandles } from '../../../test/talibPatternCheck.js';
import { requireSharedData } from '../../../test/sharedData.js';
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

  itEqualsTalib('CDLHARAMICROSS', cdlHaramiCross, shared);
});
