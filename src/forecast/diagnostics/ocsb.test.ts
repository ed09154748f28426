import { describe, expect, it } from 'vitest';
import { nsdiffsReferences, ocsbReferences, ocsbSeries } from '../../../test/fixtures/diagnostics/ocsbReferences.js';
import { chooseSeasonalDifferencingOrder, ocsbTest } from './ocsb.js';

const cases = Object.entries(ocsbReferences).flatMap(([name, rows]) => rows.map(([method, maxLag, statistic, critical, lagOrder]) => [name, method, maxLag, { statistic, critical, lagOrder }] as const));

describe('OCSB seasonal unit-root test', () => {
  it.each(cases)('on %s with %s lag choice up to %s lags matches R forecast ocsb.test', (name, method, maxLag, expected) => {
    const { period, values } = ocsbSeries[name];
    const result = ocsbTest(values, period, { maxLag, lagMethod: method.toLowerCase() as 'aic' | 'bic' | 'fixed' });
    expect(result).not.toBeNull();
    expect(result?.lagOrder).toBe(expected.lagOrder);
    expect(Math.abs((result?.statistic as number) - expected.statistic)).toBeLessThan(1e-9 * Math.max(1, Math.abs(expected.statistic)));
    expect(Math.abs((result?.critical as number) - expected.critical)).toBeLessThan(1e-14);
    expect(result?.seasonalDifference).toBe(expected.statistic > expected.critical);
  });

  it.each(Object.entries(nsdiffsReferences))('chooses D on %s as R nsdiffs(test = "ocsb")', (name, [withOne, withTwo]) => {
    const { period, values } = ocsbSeries[name];
    expect(chooseSeasonalDifferencingOrder(values, period).order).toBe(withOne);
    expect(chooseSeasonalDifferencingOrder(values, period, { maxOrder: 2 }).order).toBe(withTwo);
  });

  it('needs no difference for a constant or too short series, and refuses bad options', () => {
    expect(chooseSeasonalDifferencingOrder(new Array(40).fill(2), 4)).toEqual({ order: 0, tests: [] });
    expect(chooseSeasonalDifferencingOrder([1, 2, 3], 4)).toEqual({ order: 0, tests: [] });
    expect(chooseSeasonalDifferencingOrder([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 4)).toEqual({ order: 0, tests: [null] });
    expect(() => ocsbTest(ocsbSeries.ar1.values, 1)).toThrow(/period must be a whole number >= 2/);
    expect(() => ocsbTest(ocsbSeries.ar1.values, 4, { maxLag: -1 })).toThrow(/maxLag/);
    expect(() => ocsbTest([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14], 4)).toThrow(/needs at least 15 observations; the series has 14/);
  });
});
