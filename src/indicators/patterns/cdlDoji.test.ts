import { describe, expect, it } from 'vitest';
import { candleColumns, itEqualsTalib, plainCandles } from '../../../test/talibPatternCheck.js';
import { requireSharedData } from '../../../test/sharedData.js';
import { cdlDoji, cdlDojiLookback } from './cdlDoji.js';

const shared = requireSharedData('CDLDOJI on the S&P 500 file');

describe('cdlDoji', () => {
  it('flags a body of at most 10% of the average range of the 10 candles before it (hand-built; ordinary candles: body 1, range 2)', () => {
    const rows: [number, number, number, number][] = [...plainCandles(10), [100, 101, 99, 100.125], [100, 101, 99, 100.25]];
    const result = cdlDoji(...candleColumns(rows));
    expect(cdlDojiLookback()).toBe(10);
    expect(Array.from(result.subarray(0, 10)).every(Number.isNaN)).toBe(true);
    expect(result[10], 'body 0.125 <= 0.1 * average range 2').toBe(100);
    expect(result[11], 'body 0.25 > 0.2').toBe(0);
  });

  itEqualsTalib('CDLDOJI', cdlDoji, shared);
});
