import { describe, expect, it } from 'vitest';
import { isTickforgeError } from '../../core/errors.js';
import { testIndicatorContract } from '../../../test/indicatorContract.js';
import { expectNoLookAhead } from '../../../test/noLookAhead.js';
import { randomWalkBars } from '../../../test/randomWalk.js';
import { loadSharedBars, requireSharedData } from '../../../test/sharedData.js';
import { maxRelativeDifference, talibAligned, talibAvailable } from '../../../test/talibReference.js';
import { SAR, sar, sarLookback } from './sar.js';

const sharedData = requireSharedData('the SAR cross-check against TA-Lib on real data');

for (const [acceleration, maximum] of [[0.02, 0.2], [0.05, 0.5], [0.3, 0.1]]) {
  testIndicatorContract({
    name: `SAR(${acceleration}, ${maximum})`,
    inputs: ['high', 'low'],
    outputs: ['value'],
    lookback: sarLookback(acceleration, maximum),
    batch: ([h, l]) => [sar(h, l, acceleration, maximum)],
    create: () => new SAR(acceleration, maximum),
    update: (s, [h, l]) => s.update(h, l),
    replace: (s, [h, l]) => s.replace(h, l),
    read: (s) => [s.value],
    isReady: (s) => s.isReady,
    reset: (s) => s.reset(),
  });
}

describe('SAR', () => {
  it('starts long from bar 0 low, accelerates on new highs and reverses to the extreme point (hand-computed)', () => {
    const high = Float64Array.from([10, 11, 12, 11.5, 10]);
    const low = Float64Array.from([9, 10, 10.5, 9.5, 8.5]);
    // long (the low rose): SAR 9; +0.02*(11-9) = 9.04; new high 12, af 0.04: 9.04 + 0.04*2.96 = 9.1584;
    // bar 4's low 8.5 pierces 9.1584 + 0.04*(12-9.1584) = 9.272064: reverse at the extreme point 12.
    const result = sar(high, low);
    expect(result[0]).toBeNaN();
    expect(result[1]).toBe(9);
    expect(result[2]).toBeCloseTo(9.04, 14);
    expect(result[3]).toBeCloseTo(9.1584, 14);
    expect(result[4]).toBe(12);
  });

  it('starts short when the low fell by more than the high rose, from bar 0 high', () => {
    const result = sar(Float64Array.from([10, 9.8, 9.5]), Float64Array.from([9, 8, 7.5]));
    // -DM 1 > 0 and > +DM -0.2: short; SAR 10 with extreme point 8; then 10 + 0.02*(8 - 10) = 9.96
    expect(result[0]).toBeNaN();
    expect(result[1]).toBe(10);
    expect(result[2]).toBeCloseTo(9.96, 14);
    // A bar 1 whose high reaches bar 0's high reverses at once, to the extreme point (bar 1's low).
    expect(sar(Float64Array.from([10, 10.2]), Float64Array.from([9, 8]))[1]).toBe(8);
  });

  it('rejects an acceleration or maximum outside 0..1 and inputs of unequal length', () => {
    const a = new Float64Array(5);
    for (const [acceleration, maximum, text] of [
      [-0.1, 0.2, 'SAR: acceleration must be a finite number from 0 to 1, got -0.1'],
      [0.02, NaN, 'SAR: maximum must be a finite number from 0 to 1, got NaN'],
    ] as const) {
      try {
        sar(a, a, acceleration, maximum);
        expect.unreachable();
      } catch (error) {
        expect(isTickforgeError(error, 'TF_ERR_INDICATOR_PARAMETER')).toBe(true);
        expect((error as Error).message).toContain(text);
      }
    }
    expect(() => sar(a, new Float64Array(4))).toThrow(/SAR: inputs must have equal lengths, got high 5, low 4/);
  });

  it('never uses a later bar', () => {
    expectNoLookAhead(['high', 'low'], ([h, l]) => [sar(h, l)]);
  });

  it.skipIf(!talibAvailable)('equals TA-Lib SAR on a random walk for several settings', () => {
    const bars = randomWalkBars(5_000, 31);
    for (const [acceleration, maximum] of [[0.02, 0.2], [0.01, 0.1], [0.1, 0.3], [0.3, 0.2]]) {
      const expected = talibAligned('SAR', { high: bars.high, low: bars.low }, { optInAcceleration: acceleration, optInMaximum: maximum }).outReal;
      expect(maxRelativeDifference(sar(bars.high, bars.low, acceleration, maximum), expected).difference, `${acceleration}/${maximum}`).toBeLessThan(1e-9);
    }
  });

  it.skipIf(!talibAvailable || !sharedData)('equals TA-Lib SAR on MSFT 2000-2001 and S&P 500 symbols', async () => {
    const series = [
      ...(await loadSharedBars('msft_2000_2001_ohlcv.csv.gz')),
      ...(await loadSharedBars('sp500_5yr_daily_2013-2018.csv.gz', ['AAPL', 'GE', 'XOM', 'NVDA'])),
    ];
    expect(series).toHaveLength(5);
    for (const bars of series) {
      const expected = talibAligned('SAR', { high: bars.high, low: bars.low }, { optInAcceleration: 0.02, optInMaximum: 0.2 }).outReal;
      expect(maxRelativeDifference(sar(bars.high, bars.low), expected).difference, bars.symbol).toBeLessThan(1e-9);
    }
  }, 60_000);
});
