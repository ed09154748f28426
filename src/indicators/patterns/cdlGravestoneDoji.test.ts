import { describe, expect, it } from 'vitest';
import { candleColumns, itEqualsTalib, plainCandles } from '../../../test/talibPatternCheck.js';
import { requireSharedData } from '../../../test/sharedData.js';
import { cdlGravestoneDoji, cdlGravestoneDojiLookback } from './cdlGravestoneDoji.js';

const shared = requireSharedData('CDLGRAVESTONEDOJI on the S&P 500 file');

describe('cdlGravestoneDoji', () => {
  it('flags a doji at its low with a long upper shadow (hand-built; ordinary candles: body 1, range 2)', () => {
    const rows: [number, number, number, number][] = [...plainCandles(10), [100, 102, 99.875, 100], [100, 102, 99.5, 100]];
    const result = cdlGravestoneDoji(...candleColumns(rows));
    expect(cdlGravestoneDojiLookback()).toBe(10);
    expect(Array.from(result.subarray(0, 10)).every(Number.isNaN)).toBe(true);
    expect(result[10], 'lower shadow 0.125 < 0.2 < upper shadow 2').toBe(100);
    expect(result[11], 'lower shadow 0.5 is not very short').toBe(0);
  });

  itEqualsTalib('CDLGRAVESTONEDOJI', cdlGravestoneDoji, shared);
});
