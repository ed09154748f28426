import { describe, expect, it } from 'vitest';
import { isTickforgeError } from '../../core/errors.js';
import { gappedWalkBars } from '../../../test/talibPatternCheck.js';
import { cdlEngulfing } from './cdlEngulfing.js';
import { cdlHarami } from './cdlHarami.js';

describe('pattern batch wrapper (runPattern)', () => {
  it('rejects inputs of unequal length, naming them', () => {
    const a = new Float64Array(20);
    try {
      cdlHarami(a, a, new Float64Array(19), a);
      expect.unreachable();
    } catch (error) {
      expect(isTickforgeError(error, 'TF_ERR_INDICATOR_INPUT')).toBe(true);
      expect((error as Error).message).toContain('CDLHARAMI: inputs must have equal lengths, got open 20, high 20, low 19, close 20');
    }
  });

  it('writes into a caller-given output and rejects one of the wrong length', () => {
    const bars = gappedWalkBars(100, 1);
    const out = new Float64Array(100);
    expect(cdlHarami(bars.open, bars.high, bars.low, bars.close, out)).toBe(out);
    expect(() => cdlHarami(bars.open, bars.high, bars.low, bars.close, new Float64Array(99))).toThrow(/out has length 99/);
  });

  it('returns all NaN when the series is no longer than the lookback', () => {
    const bars = gappedWalkBars(11, 1);
    expect(Array.from(cdlHarami(bars.open, bars.high, bars.low, bars.close)).every(Number.isNaN)).toBe(true);
    expect(cdlHarami(new Float64Array(0), new Float64Array(0), new Float64Array(0), new Float64Array(0)).length).toBe(0);
  });

  it('gives NaN on a bar with a missing field and judges the others as if it were absent', () => {
    const bars = gappedWalkBars(2_000, 5);
    const missing = [3, 500, 501, 1_200];
    const dropped = (x: Float64Array) => x.filter((_, i) => !missing.includes(i));
    const expected = cdlHarami(dropped(bars.open), dropped(bars.high), dropped(bars.low), dropped(bars.close));
    const low = bars.low.slice();
    for (const i of missing) low[i] = NaN;
    const result = cdlHarami(bars.open, bars.high, low, bars.close);
    for (const i of missing) expect(result[i]).toBeNaN();
    expect(Array.from(result).filter((_, i) => !missing.includes(i))).toEqual(Array.from(expected));
    // An engulfing pattern across the gap compares the bars on either side of it.
    const engulfing = cdlEngulfing(bars.open, bars.high, low, bars.close);
    expect(engulfing[1_200]).toBeNaN();
  });
});
