import { describe, expect, it } from 'vitest';
import { candleColumns, itEqualsTalib, plainCandles } from '../../../test/talibPatternCheck.js';
import { requireSharedData } from '../../../test/sharedData.js';
import { cdlInNeck, cdlInNeckLookback } from './cdlInNeck.js';

const shared = requireSharedData('CDLINNECK on the S&P 500 file');

describe('cdlInNeck', () => {
  it('flags a white candle opening below a long black low and closing barely into its body (hand-built; ordinary candles: body 1, range 2)', () => {
    const rows: [number, number, number, number][] = [...plainCandles(11), [102, 102.25, 98.5, 99], [97.5, 99.25, 97.25, 99.0625], [102, 102.25, 98.5, 99], [97.5, 100.25, 97.25, 100]];
    const result = cdlInNeck(...candleColumns(rows));
    expect(cdlInNeckLookback()).toBe(11);
    expect(Array.from(result.subarray(0, 11)).every(Number.isNaN)).toBe(true);
    expect(result[12], 'closes 99.0625, within 0.1 above the black close 99').toBe(-100);
    expect(result[14], 'closes 100, too far into the body').toBe(0);
  });

  itEqualsTalib('CDLINNECK', cdlInNeck, shared);
});
