import { describe, expect, it } from 'vitest';
import { candleColumns, itEqualsTalib, plainCandles } from '../../../test/talibPatternCheck.js';
import { requireSharedData } from '../../../test/sharedData.js';
import { cdlHarami, cdlHaramiLookback } from './cdlHarami.js';

const shared = requireSharedData('CDLHARAMI on the S&P 500 file');

describe('cdlHarami', () => {
  it('flags a short body inside the previous long body, the sign opposite to the long candle (hand-built; ordinary candles: body 1, range 2)', () => {
    const rows: [number, number, number, number][] = [...plainCandles(11), [102, 102.5, 98.5, 99], [100, 101, 99.5, 100.5], [100, 101, 99.5, 100.5]];
    const result = cdlHarami(...candleColumns(rows));
    expect(cdlHaramiLookback()).toBe(11);
    expect(Array.from(result.subarray(0, 11)).every(Number.isNaN)).toBe(true);
    expect(result[12], 'white body 100..100.5 inside the long black 99..102').toBe(100);
    expect(result[13], 'the previous body is not long').toBe(0);
  });

  itEqualsTalib('CDLHARAMI', cdlHarami, shared);
});
