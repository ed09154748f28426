import { describe, expect, it } from 'vitest';
import { isTickforgeError } from '../../core/errors.js';
import { testIndicatorContract } from '../../../test/indicatorContract.js';
import { randomWalkBars } from '../../../test/randomWalk.js';
import { loadSharedBars, requireSharedData } from '../../../test/sharedData.js';
import { maxRelativeDifference, talibAligned, talibAvailable } from '../../../test/talibReference.js';
import { ad } from './ad.js';
import { ADOSC, adosc, adoscLookback, adoscOfAd } from './adosc.js';

const sharedData = requireSharedData('the ADOSC cross-check against TA-Lib on real data');

for (const [fast, slow] of [[3, 10], [2, 2], [12, 5]]) {
  testIndicatorContract({
    name: `ADOSC(${fast}, ${slow})`,
    inputs: ['high', 'low', 'close', 'volume'],
    outputs: ['value'],
    lookback: adoscLookback(fast, slow),
    batch: ([h, l, c, v]) => [adosc(h, l, c, v, fast, slow)],
    create: () => new ADOSC(fast, slow),
    update: (s, [h, l, c, v]) => s.update(h, l, c, v),
    replace: (s, [h, l, c, v]) => s.replace(h, l, c, v),
    read: (s) => [s.value],
    isReady: (s) => s.isReady,
    reset: (s) => s.reset(),
  });
}

describe('ADOSC', () => {
  it('seeds both EMAs with the first A/D value and outputs from the slower period (hand-computed)', () => {
    // A/D line: 50, 0, 0, 20 (see ad.test.ts). fast 2 (k 2/3), slow 3 (k 1/2), lookback 2.
    const high = Float64Array.from([10, 12, 5, 8]);
    const low = Float64Array.from([8, 10, 5, 4]);
    const close = Float64Array.from([9.5, 10, 5, 7]);
    const volume = Float64Array.from([100, 50, 1_000, 40]);
    // fast: 50, 50/3, 50/9, 20*2/3 + 50/27; slow: 50, 25, 12.5, 16.25
    const result = adosc(high, low, close, volume, 2, 3);
    expect(result[0]).toBeNaN();
    expect(result[1]).toBeNaN();
    expect(result[2]).toBeCloseTo(50 / 9 - 12.5, 12);
    expect(result[3]).toBeCloseTo(40 / 3 + 50 / 27 - 16.25, 12);
  });

  it('computed from a shared A/D line equals the direct computation', () => {
    const bars = randomWalkBars(300, 4);
    const direct = adosc(bars.high, bars.low, bars.close, bars.volume, 3, 10);
    expect(adoscOfAd(ad(bars.high, bars.low, bars.close, bars.volume), 3, 10)).toEqual(direct);
  });

  it('rejects periods below 2, naming the parameter and range', () => {
    const a = new Float64Array(20);
    for (const [fast, slow, name] of [[1, 10, 'fastPeriod'], [3, 1.5, 'slowPeriod'], [3, 100_001, 'slowPeriod']] as const) {
      try {
        adosc(a, a, a, a, fast, slow);
        expect.unreachable();
      } catch (error) {
        expect(isTickforgeError(error, 'TF_ERR_INDICATOR_PARAMETER')).toBe(true);
        expect((error as Error).message).toContain(`ADOSC: ${name} must be a whole number from 2 to 100000`);
      }
    }
  });

  it('rejects inputs of unequal length', () => {
    const a = new Float64Array(3);
    expect(() => adosc(a, a, new Float64Array(2), a)).toThrow(/ADOSC: inputs must have equal lengths/);
  });

  it.skipIf(!talibAvailable)('equals TA-Lib ADOSC on a random walk for several period pairs', () => {
    const bars = randomWalkBars(5_000, 23);
    const inputs = { high: bars.high, low: bars.low, close: bars.close, volume: bars.volume };
    for (const [fast, slow] of [[3, 10], [2, 30], [10, 3], [50, 200]]) {
      const expected = talibAligned('ADOSC', inputs, { optInFastPeriod: fast, optInSlowPeriod: slow }).outReal;
      expect(maxRelativeDifference(adosc(bars.high, bars.low, bars.close, bars.volume, fast, slow), expected).difference, `${fast}/${slow}`).toBeLessThan(1e-9);
    }
  });

  it.skipIf(!talibAvailable || !sharedData)('equals TA-Lib ADOSC on MSFT 2000-2001 and S&P 500 symbols', async () => {
    const series = [
      ...(await loadSharedBars('msft_2000_2001_ohlcv.csv.gz')),
      ...(await loadSharedBars('sp500_5yr_daily_2013-2018.csv.gz', ['AAPL', 'GE', 'XOM', 'NVDA'])),
    ];
    expect(series).toHaveLength(5);
    for (const bars of series) {
      const expected = talibAligned('ADOSC', { high: bars.high, low: bars.low, close: bars.close, volume: bars.volume }, { optInFastPeriod: 3, optInSlowPeriod: 10 }).outReal;
      expect(maxRelativeDifference(adosc(bars.high, bars.low, bars.close, bars.volume), expected).difference, bars.symbol).toBeLessThan(1e-9);
    }
  }, 60_000);
});
