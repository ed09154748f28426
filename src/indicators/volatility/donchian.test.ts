import { describe, expect, it } from 'vitest';
import { realCrossCheckSeries, randomWalkCrossCheckSeries } from '../../../test/crossCheckSeries.js';
import { testIndicatorContract } from '../../../test/indicatorContract.js';
import { requireSharedData } from '../../../test/sharedData.js';
import { maxRelativeDifference, talibAligned, talibAvailable } from '../../../test/talibReference.js';
import { DONCHIAN, donchian, donchianLookback } from './donchian.js';

for (const period of [2, 20, 55]) {
  testIndicatorContract({
    name: `DONCHIAN(${period})`,
    inputs: ['high', 'low'],
    outputs: ['middle', 'upper', 'lower'],
    lookback: donchianLookback(period),
    batch: ([high, low]) => {
      const channels = donchian(high, low, period);
      return [channels.middle, channels.upper, channels.lower];
    },
    create: () => new DONCHIAN(period),
    update: (s, [h, l]) => s.update(h, l),
    replace: (s, [h, l]) => s.replace(h, l),
    read: (s) => [s.middle, s.value, s.lower],
    isReady: (s) => s.isReady,
    reset: (s) => s.reset(),
    tolerance: 0,
  });
}

const hasRealData = requireSharedData('the Donchian check on real data');

describe('DONCHIAN', () => {
  it('is the highest high, the lowest low and their midpoint (hand-computed)', () => {
    const channels = donchian(Float64Array.from([10, 12, 11, 9]), Float64Array.from([8, 9, 7, 8]), 3);
    expect(Array.from(channels.upper)).toEqual([NaN, NaN, 12, 12]);
    expect(Array.from(channels.lower)).toEqual([NaN, NaN, 7, 7]);
    expect(Array.from(channels.middle)).toEqual([NaN, NaN, 9.5, 9.5]);
  });

  it('rejects a period of 1 and unequal inputs', () => {
    expect(() => donchian(new Float64Array(5), new Float64Array(5), 1)).toThrow(/DONCHIAN: period must be a whole number from 2 to 100000, got 1/);
    expect(() => donchian(new Float64Array(5), new Float64Array(4))).toThrow(/high 5, low 4/);
  });

  it.skipIf(!talibAvailable)('equals TA-Lib MAX of high and MIN of low on random walks and real data', async () => {
    const series = [...randomWalkCrossCheckSeries(), ...(hasRealData ? await realCrossCheckSeries() : [])];
    for (const { name, columns } of series) {
      const upper = talibAligned('MAX', { inReal: columns.high }, { optInTimePeriod: 20 }).outReal;
      const lower = talibAligned('MIN', { inReal: columns.low }, { optInTimePeriod: 20 }).outReal;
      const actual = donchian(columns.high, columns.low, 20);
      expect(maxRelativeDifference(actual.upper, upper).difference, name).toBe(0);
      expect(maxRelativeDifference(actual.lower, lower).difference, name).toBe(0);
      expect(maxRelativeDifference(actual.middle, upper.map((u, i) => (u + lower[i]) / 2)).difference, name).toBe(0);
    }
  });
});
