import { describe, expect, it } from 'vitest';
import { isTickforgeError } from '../../core/errors.js';
import { realCrossCheckSeries, randomWalkCrossCheckSeries } from '../../../test/crossCheckSeries.js';
import { testIndicatorContract } from '../../../test/indicatorContract.js';
import { requireSharedData } from '../../../test/sharedData.js';
import { maxRelativeDifference, talibAligned, talibAvailable } from '../../../test/talibReference.js';
import { KELTNER, keltner, keltnerLookback } from './keltner.js';

for (const [period, atrPeriod, multiplier] of [[20, 10, 2], [5, 14, 1.5], [1, 1, 3]]) {
  testIndicatorContract({
    name: `KELTNER(${period}, ${atrPeriod}, ${multiplier})`,
    inputs: ['high', 'low', 'close'],
    outputs: ['middle', 'upper', 'lower'],
    lookback: keltnerLookback(period, atrPeriod, multiplier),
    batch: ([high, low, close]) => {
      const channels = keltner(high, low, close, period, atrPeriod, multiplier);
      return [channels.middle, channels.upper, channels.lower];
    },
    create: () => new KELTNER(period, atrPeriod, multiplier),
    update: (s, [h, l, c]) => s.update(h, l, c),
    replace: (s, [h, l, c]) => s.replace(h, l, c),
    read: (s) => [s.middle, s.value, s.lower],
    isReady: (s) => s.isReady,
    reset: (s) => s.reset(),
  });
}

const hasRealData = requireSharedData('the Keltner check on real data');

describe('KELTNER', () => {
  it('is the EMA of close ± multiplier × ATR (hand-computed)', () => {
    // EMA(2): bar 1 seeds (9 + 10)/2 = 9.5; bar 2: 9.5 + 2/3·(11 - 9.5) = 10.5.
    // ATR(1) is the true range: bar 1 max(11, 9) - min(9, 9) = 2; bar 2 max(12, 10) - min(10, 10) = 2.
    const channels = keltner(Float64Array.from([10, 11, 12]), Float64Array.from([8, 9, 10]), Float64Array.from([9, 10, 11]), 2, 1, 2);
    expect(Array.from(channels.middle)).toEqual([NaN, 9.5, 10.5]);
    expect(Array.from(channels.upper)).toEqual([NaN, 13.5, 14.5]);
    expect(Array.from(channels.lower)).toEqual([NaN, 5.5, 6.5]);
  });

  it('rejects bad parameters and unequal inputs, naming them', () => {
    expect(() => keltner(new Float64Array(5), new Float64Array(5), new Float64Array(5), 0)).toThrow(/KELTNER: period must be a whole number from 1 to 100000, got 0/);
    expect(() => keltner(new Float64Array(5), new Float64Array(5), new Float64Array(5), 20, 10, -1)).toThrow(/KELTNER: multiplier must be a finite number from 0 to 100, got -1/);
    try {
      keltner(new Float64Array(5), new Float64Array(4), new Float64Array(5));
      expect.unreachable();
    } catch (error) {
      expect(isTickforgeError(error, 'TF_ERR_INDICATOR_INPUT')).toBe(true);
    }
  });

  it.skipIf(!talibAvailable)('equals TA-Lib EMA ± multiplier × TA-Lib ATR on random walks and real data', async () => {
    const series = [...randomWalkCrossCheckSeries(), ...(hasRealData ? await realCrossCheckSeries() : [])];
    for (const { name, columns } of series) {
      for (const [period, atrPeriod, multiplier] of [[20, 10, 2], [10, 20, 1.5]]) {
        const middle = talibAligned('EMA', { inReal: columns.close }, { optInTimePeriod: period }).outReal;
        const range = talibAligned('ATR', { high: columns.high, low: columns.low, close: columns.close }, { optInTimePeriod: atrPeriod }).outReal;
        const lookback = keltnerLookback(period, atrPeriod, multiplier);
        const expected = (sign: number) => middle.map((m, i) => (i < lookback ? NaN : m + sign * multiplier * range[i]));
        const actual = keltner(columns.high, columns.low, columns.close, period, atrPeriod, multiplier);
        // ATR here multiplies by (period-1)/period where TA-Lib divides: about 1e-15 apart.
        expect(maxRelativeDifference(actual.upper, expected(1)).difference, `${name} upper`).toBeLessThan(1e-12);
        expect(maxRelativeDifference(actual.lower, expected(-1)).difference, `${name} lower`).toBeLessThan(1e-12);
        expect(maxRelativeDifference(actual.middle, expected(0)).difference, `${name} middle`).toBeLessThan(1e-12);
      }
    }
  });
});
