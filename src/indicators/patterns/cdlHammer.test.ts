import { describe, expect, it } from 'vitest';
import { candleColumns, itEqualsTalib, plainCandles } from '../../../test/talibPatternCheck.js';
import { requireSharedData } from '../../../test/sharedData.js';
import { cdlHammer, cdlHammerLookback } from './cdlHammer.js';

const shared = requireSharedData('CDLHAMMER on the S&P 500 file');

describe('cdlHammer', () => {
  it('flags a small body at the top of a long lower shadow, near the previous low (hand-built; ordinary candles: body 1, range 2)', () => {
    const rows: [number, number, number, number][] = [...plainCandles(11), [99.5, 99.875, 98, 99.75], [101.5, 101.875, 100, 101.75]];
    const result = cdlHammer(...candleColumns(rows));
    expect(cdlHammerLookback()).toBe(11);
    expect(Array.from(result.subarray(0, 11)).every(Number.isNaN)).toBe(true);
    expect(result[11], 'body 0.25, lower shadow 1.5, upper 0.125; body bottom 99.5 <= previous low 99.5 + 0.4').toBe(100);
    expect(result[12], 'same shape near the previous high: a hanging man, not a hammer').toBe(0);
  });

  itEqualsTalib('CDLHAMMER', cdlHammer, shared);
});
