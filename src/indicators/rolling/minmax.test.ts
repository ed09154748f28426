import { describe, expect, it } from 'vitest';
import { realCrossCheckSeries, randomWalkCrossCheckSeries } from '../../../test/crossCheckSeries.js';
import { testIndicatorContract } from '../../../test/indicatorContract.js';
import { requireSharedData } from '../../../test/sharedData.js';
import { maxRelativeDifference, talibAligned, talibAvailable } from '../../../test/talibReference.js';
import { MINMAX, minmax, minmaxLookback } from './minmax.js';

for (const period of [2, 9, 30]) {
  testIndicatorContract({
    name: `MINMAX(${period})`,
    inputs: ['close'],
    outputs: ['min', 'max'],
    lookback: minmaxLookback(period),
    batch: ([close]) => {
      const { min, max } = minmax(close, period);
      return [min, max];
    },
    create: () => new MINMAX(period),
    update: (s, [x]) => s.update(x),
    replace: (s, [x]) => s.replace(x),
    read: (s) => [s.value, s.max],
    isReady: (s) => s.isReady,
    reset: (s) => s.reset(),
  });
}

const hasRealData = requireSharedData('the MINMAX cross-check on real data');

describe('MINMAX', () => {
  it('gives the lowest and highest of the last period values (hand-computed)', () => {
    const { min, max } = minmax(Float64Array.from([3, 1, 4, 1, 5, 9, 2]), 3);
    expect(Array.from(min)).toEqual([NaN, NaN, 1, 1, 1, 1, 2]);
    expect(Array.from(max)).toEqual([NaN, NaN, 4, 4, 5, 9, 9]);
  });

  it('writes into caller-given outputs and rejects a wrong length', () => {
    const out = { min: new Float64Array(4), max: new Float64Array(4) };
    expect(minmax(Float64Array.from([1, 2, 3, 4]), 2, out).max).toBe(out.max);
    expect(() => minmax(Float64Array.from([1, 2, 3]), 2, out)).toThrow(/out has length 4/);
  });

  it.skipIf(!talibAvailable)('equals TA-Lib MINMAX on random walks and real data', async () => {
    const series = [...randomWalkCrossCheckSeries(), ...(hasRealData ? await realCrossCheckSeries() : [])];
    for (const { name, columns } of series) {
      for (const period of [2, 30]) {
        const expected = talibAligned('MINMAX', { inReal: columns.close }, { optInTimePeriod: period });
        const actual = minmax(columns.close, period);
        expect(maxRelativeDifference(actual.min, expected.outMin).difference, `${name} min period ${period}`).toBe(0);
        expect(maxRelativeDifference(actual.max, expected.outMax).difference, `${name} max period ${period}`).toBe(0);
      }
    }
  });
});
