import { describe, expect, it } from 'vitest';
import { isTickforgeError } from '../../core/errors.js';
import { realCrossCheckSeries, randomWalkCrossCheckSeries } from '../../../test/crossCheckSeries.js';
import { testIndicatorContract } from '../../../test/indicatorContract.js';
import { requireSharedData } from '../../../test/sharedData.js';
import { maxRelativeDifference, talibAligned, talibAvailable } from '../../../test/talibReference.js';
import { STDDEV, stddev, stddevLookback } from './stddev.js';

for (const [period, nbDev] of [[2, 1], [5, 1], [20, 2.5]]) {
  testIndicatorContract({
    name: `STDDEV(${period}, ${nbDev})`,
    inputs: ['close'],
    outputs: ['value'],
    lookback: stddevLookback(period, nbDev),
    batch: ([close]) => [stddev(close, period, nbDev)],
    create: () => new STDDEV(period, nbDev),
    update: (s, [x]) => s.update(x),
    replace: (s, [x]) => s.replace(x),
    read: (s) => [s.value],
    isReady: (s) => s.isReady,
    reset: (s) => s.reset(),
    tolerance: 0,
  });
}

const hasRealData = requireSharedData('the STDDEV cross-check on real data');

describe('STDDEV', () => {
  it('is the population standard deviation times nbDev (hand-computed)', () => {
    // [2, 4, 4, 4, 5, 5, 7, 9]: mean 5, squared deviations sum 32, population variance 4.
    expect(stddev(Float64Array.from([2, 4, 4, 4, 5, 5, 7, 9]), 8)[7]).toBeCloseTo(2, 14);
    expect(stddev(Float64Array.from([2, 4, 4, 4, 5, 5, 7, 9]), 8, 1.5)[7]).toBeCloseTo(3, 14);
    // [1, 2, 3]: variance 2/3.
    expect(Array.from(stddev(Float64Array.from([1, 2, 3, 3, 3]), 3)).map((v) => (Number.isNaN(v) ? v : Number(v.toFixed(12))))).toEqual([
      NaN,
      NaN,
      Number(Math.sqrt(2 / 3).toFixed(12)),
      Number(Math.sqrt(2 / 9).toFixed(12)),
      0,
    ]);
  });

  it('rejects a period of 1 and an nbDev outside -100..100, naming them', () => {
    for (const [period, nbDev, text] of [[1, 1, 'STDDEV: period must be a whole number from 2 to 100000, got 1'], [5, 101, 'STDDEV: nbDev must be a finite number from -100 to 100, got 101'], [5, Infinity, 'nbDev']] as const) {
      try {
        stddev(new Float64Array(10), period, nbDev);
        expect.unreachable();
      } catch (error) {
        expect(isTickforgeError(error, 'TF_ERR_INDICATOR_PARAMETER')).toBe(true);
        expect((error as Error).message).toContain(text);
      }
    }
  });

  it.skipIf(!talibAvailable)('equals TA-Lib STDDEV on random walks near 100 and 50,000 and on real data', async () => {
    const series = [...randomWalkCrossCheckSeries(), ...(hasRealData ? await realCrossCheckSeries() : [])];
    for (const { name, columns } of series) {
      for (const [period, nbDev] of [[2, 1], [5, 1], [20, 2], [200, 1]]) {
        const expected = talibAligned('STDDEV', { inReal: columns.close }, { optInTimePeriod: period, optInNbDev: nbDev }).outReal;
        const { difference, index } = maxRelativeDifference(stddev(columns.close, period, nbDev), expected);
        expect(difference, `${name} period ${period} nbDev ${nbDev} at ${index}`).toBeLessThan(1e-9);
      }
    }
  });
});
