import { describe, expect, it } from 'vitest';
import { isTickforgeError } from '../../core/errors.js';
import { testIndicatorContract } from '../../../test/indicatorContract.js';
import { randomWalkBars } from '../../../test/randomWalk.js';
import { loadSharedBars, requireSharedData } from '../../../test/sharedData.js';
import { maxRelativeDifference, talibAligned, talibAvailable } from '../../../test/talibReference.js';
import { AD, ad, adLookback } from './ad.js';

const sharedData = requireSharedData('the AD cross-check against TA-Lib on real data');

testIndicatorContract({
  name: 'AD',
  inputs: ['high', 'low', 'close', 'volume'],
  outputs: ['value'],
  lookback: adLookback(),
  batch: ([h, l, c, v]) => [ad(h, l, c, v)],
  create: () => new AD(),
  update: (s, [h, l, c, v]) => s.update(h, l, c, v),
  replace: (s, [h, l, c, v]) => s.replace(h, l, c, v),
  read: (s) => [s.value],
  isReady: (s) => s.isReady,
  reset: (s) => s.reset(),
});

describe('AD', () => {
  it('accumulates volume weighted by the close location in the range, 0 for a bar without range (hand-computed)', () => {
    const high = Float64Array.from([10, 12, 5, 8]);
    const low = Float64Array.from([8, 10, 5, 4]);
    const close = Float64Array.from([9.5, 10, 5, 7]);
    const volume = Float64Array.from([100, 50, 1_000, 40]);
    // bar 0: ((1.5)-(0.5))/2 = 0.5 -> 50; bar 1: (0-2)/2 = -1 -> -50, total 0;
    // bar 2: no range, +0; bar 3: (3-1)/4 = 0.5 -> 20
    expect(Array.from(ad(high, low, close, volume))).toEqual([50, 0, 0, 20]);
  });

  it('rejects inputs of unequal length and an out of the wrong length', () => {
    const a = new Float64Array(3);
    try {
      ad(a, a, a, new Float64Array(2));
      expect.unreachable();
    } catch (error) {
      expect(isTickforgeError(error, 'TF_ERR_INDICATOR_INPUT')).toBe(true);
      expect((error as Error).message).toContain('AD: inputs must have equal lengths, got high 3, low 3, close 3, volume 2');
    }
    expect(() => ad(a, a, a, a, new Float64Array(4))).toThrow(/out has length 4/);
  });

  it.skipIf(!talibAvailable)('equals TA-Lib AD on a random walk', () => {
    const bars = randomWalkBars(5_000, 22);
    const expected = talibAligned('AD', { high: bars.high, low: bars.low, close: bars.close, volume: bars.volume }).outReal;
    expect(maxRelativeDifference(ad(bars.high, bars.low, bars.close, bars.volume), expected).difference).toBeLessThan(1e-9);
  });

  it.skipIf(!talibAvailable || !sharedData)('equals TA-Lib AD on MSFT 2000-2001 and S&P 500 symbols', async () => {
    const series = [
      ...(await loadSharedBars('msft_2000_2001_ohlcv.csv.gz')),
      ...(await loadSharedBars('sp500_5yr_daily_2013-2018.csv.gz', ['AAPL', 'GE', 'XOM', 'NVDA'])),
    ];
    expect(series).toHaveLength(5);
    for (const bars of series) {
      const expected = talibAligned('AD', { high: bars.high, low: bars.low, close: bars.close, volume: bars.volume }).outReal;
      expect(maxRelativeDifference(ad(bars.high, bars.low, bars.close, bars.volume), expected).difference, bars.symbol).toBeLessThan(1e-9);
    }
  }, 60_000);
});
