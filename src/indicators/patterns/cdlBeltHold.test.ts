import { describe, expect, it } from 'vitest';
import { candleColumns, itEqualsTalib, plainCandles } from '../../../test/talibPatternCheck.js';
import { requireSharedData } from '../../../test/sharedData.js';
import { cdlBeltHold, cdlBeltHoldLookback } from './cdlBeltHold.js';

const shared = requireSharedData('CDLBELTHOLD on the S&P 500 file');

describe('cdlBeltHold', () => {
  it('flags a long candle opening at its extreme, signed by color (hand-built; ordinary candles: body 1, range 2)', () => {
    const rows: [number, number, number, number][] = [...plainCandles(10), [100, 102.5, 100, 102], [102, 102, 99.5, 100], [100, 102.5, 99, 102]];
    const result = cdlBeltHold(...candleColumns(rows));
    expect(cdlBeltHoldLookback()).toBe(10);
    expect(Array.from(result.subarray(0, 10)).every(Number.isNaN)).toBe(true);
    expect(result[10], 'white opens at its low').toBe(100);
    expect(result[11], 'black opens at its high').toBe(-100);
    expect(result[12], 'white with a lower shadow of 1').toBe(0);
  });

  itEqualsTalib('CDLBELTHOLD', cdlBeltHold, shared);
});
