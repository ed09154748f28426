import { describe, expect, it } from 'vitest';
import { transformSeries } from './transformSeries.js';

describe('transformSeries', () => {
  it('log, log returns and simple returns of 100, 110, 99', () => {
    expect(Array.from(transformSeries([100, 110, 99], 'log').values)).toEqual([Math.log(100), Math.log(110), Math.log(99)]);
    const logReturns = transformSeries([100, 110, 99], 'logret');
    expect(logReturns.values[0]).toBeCloseTo(0.0953101798, 10);
    expect(logReturns.values[1]).toBeCloseTo(-0.1053605157, 10);
    expect(Array.from(logReturns.sourceIndex)).toEqual([1, 2]);
    const simple = transformSeries([100, 110, 99], 'pctret');
    expect(simple.values[0]).toBeCloseTo(0.1, 14);
    expect(simple.values[1]).toBeCloseTo(-0.1, 14);
    expect(Array.from(transformSeries([-1, 2], 'none').values)).toEqual([-1, 2]);
  });

  it('names the observation that is missing, or not positive for a ratio', () => {
    expect(() => transformSeries([1, NaN, 3], 'none', 'prices.csv column close')).toThrow(/prices.csv column close: observation 2 is NaN; drop or fill/);
    expect(() => transformSeries([1, 0, 3], 'logret')).toThrow(/observation 2 is 0, but transform 'logret' needs positive values/);
    expect(() => transformSeries([1, 2], 'bogus' as never)).toThrow(/Unknown transform 'bogus'/);
  });
});
