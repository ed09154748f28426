import { describe, expect, it } from 'vitest';
import { candleColumns, itEqualsTalib } from '../../../test/talibPatternCheck.js';
import { requireSharedData } from '../../../test/sharedData.js';
import { cdlEngulfing, cdlEngulfingLookback } from './cdlEngulfing.js';

const shared = requireSharedData('CDLENGULFING on the S&P 500 file');

describe('cdlEngulfing', () => {
  it('flags a body engulfing the previous opposite body, ±80 when one end matches (TA-Lib 1.1.6) (hand-built; ordinary candles: body 1, range 2)', () => {
    const rows: [number, number, number, number][] = [[100, 101.5, 99.5, 101], [101, 101.5, 99.5, 100], [99.5, 101.5, 99.5, 101.5], [102, 102, 99, 99], [101, 101.5, 99.5, 100], [100, 101.5, 99.5, 101.5], [101, 101.5, 99.5, 100.5]];
    const result = cdlEngulfing(...candleColumns(rows));
    expect(cdlEngulfingLookback()).toBe(2);
    expect(Array.from(result.subarray(0, 2)).every(Number.isNaN)).toBe(true);
    expect(result[2], 'white 99.5..101.5 engulfs black 100..101').toBe(100);
    expect(result[3], 'black 99..102 engulfs white 99.5..101.5').toBe(-100);
    expect(result[5], 'white opens at the previous close: partial').toBe(80);
    expect(result[6], 'black inside the previous white').toBe(0);
  });

  itEqualsTalib('CDLENGULFING', cdlEngulfing, shared);
});
