import { describe, expect, it } from 'vitest';
import { candleColumns, itEqualsTalib, plainCandles } from '../../../test/talibPatternCheck.js';
import { requireSharedData } from '../../../test/sharedData.js';
import { cdlLongLeggedDoji, cdlLongLeggedDojiLookback } from './cdlLongLeggedDoji.js';

const shared = requireSharedData('CDLLONGLEGGEDDOJI on the S&P 500 file');

describe('cdlLongLeggedDoji', () => {
  it('flags a doji with a shadow longer than its body (hand-built; ordinary candles: body 1, range 2)', () => {
    const rows: [number, number, number, number][] = [...plainCandles(10), [100, 101, 99, 100.125], [100, 100.125, 100, 100.125]];
    const result = cdlLongLeggedDoji(...candleColumns(rows));
    expect(cdlLongLeggedDojiLookback()).toBe(10);
    expect(Array.from(result.subarray(0, 10)).every(Number.isNaN)).toBe(true);
    expect(result[10], 'shadows 0.875 and 1 exceed the body 0.125').toBe(100);
    expect(result[11], 'no shadows').toBe(0);
  });

  itEqualsTalib('CDLLONGLEGGEDDOJI', cdlLongLeggedDoji, shared);
});
