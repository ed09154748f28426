import { describe, expect, it } from 'vitest';
import { candleColumns, itEqualsTalib, plainCandles } from '../../../test/talibPatternCheck.js';
import { requireSharedData } from '../../../test/sharedData.js';
import { cdlHomingPigeon, cdlHomingPigeonLookback } from './cdlHomingPigeon.js';

const shared = requireSharedData('CDLHOMINGPIGEON on the S&P 500 file');

describe('cdlHomingPigeon', () => {
  it('flags a short black body inside the previous long black body (hand-built; ordinary candles: body 1, range 2)', () => {
    const rows: [number, number, number, number][] = [...plainCandles(11), [102, 102.5, 98.5, 99], [101, 101.5, 99.5, 100], [102, 102.5, 98.5, 99], [101, 101.5, 99.5, 101.5]];
    const result = cdlHomingPigeon(...candleColumns(rows));
    expect(cdlHomingPigeonLookback()).toBe(11);
    expect(Array.from(result.subarray(0, 11)).every(Number.isNaN)).toBe(true);
    expect(result[12], 'black 100..101 inside black 99..102').toBe(100);
    expect(result[14], 'the second candle is white').toBe(0);
  });

  itEqualsTalib('CDLHOMINGPIGEON', cdlHomingPigeon, shared);
});
