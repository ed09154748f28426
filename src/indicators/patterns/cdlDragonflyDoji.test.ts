import { describe, expect, it } from 'vitest';
import { candleColumns, itEqualsTalib, plainCandles } from '../../../test/talibPatternCheck.js';
import { requireSharedData } from '../../../test/sharedData.js';
import { cdlDragonflyDoji, cdlDragonflyDojiLookback } from './cdlDragonflyDoji.js';

const shared = requireSharedData('CDLDRAGONFLYDOJI on the S&P 500 file');

describe('cdlDragonflyDoji', () => {
  it('flags a doji at its high with a long lower shadow (hand-built; ordinary candles: body 1, range 2)', () => {
    const rows: [number, number, number, number][] = [...plainCandles(10), [100, 100.125, 98, 100], [100, 100.5, 98, 100]];
    const result = cdlDragonflyDoji(...candleColumns(rows));
    expect(cdlDragonflyDojiLookback()).toBe(10);
    expect(Array.from(result.subarray(0, 10)).every(Number.isNaN)).toBe(true);
    expect(result[10], 'upper shadow 0.125 < 0.2 < lower shadow 2').toBe(100);
    expect(result[11], 'upper shadow 0.5 is not very short').toBe(0);
  });

  itEqualsTalib('CDLDRAGONFLYDOJI', cdlDragonflyDoji, shared);
});
