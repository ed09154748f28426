import { describe, expect, it } from 'vitest';
import { candleColumns, itEqualsTalib, plainCandles } from '../../../test/talibPatternCheck.js';
import { requireSharedData } from '../../../test/sharedData.js';
import { cdlOnNeck, cdlOnNeckLookback } from './cdlOnNeck.js';

const shared = requireSharedData('CDLONNECK on the S&P 500 file');

describe('cdlOnNeck', () => {
  it('flags a white candle opening below a long black low and closing at that low (hand-built; ordinary candles: body 1, range 2)', () => {
    const rows: [number, number, number, number][] = [...plainCandles(11), [102, 102.25, 98.5, 99], [97.5, 98.75, 97.25, 98.5], [102, 102.25, 98.5, 99], [97.5, 99.25, 97.25, 99]];
    const result = cdlOnNeck(...candleColumns(rows));
    expect(cdlOnNeckLookback()).toBe(11);
    expect(Array.from(result.subarray(0, 11)).every(Number.isNaN)).toBe(true);
    expect(result[12], 'closes 98.5 at the black low 98.5 (tolerance 0.1)').toBe(-100);
    expect(result[14], 'closes 99, above the low by more than the tolerance').toBe(0);
  });

  itEqualsTalib('CDLONNECK', cdlOnNeck, shared);
});
