import { describe, expect, it } from 'vitest';
import { isTickforgeError } from '../../core/errors.js';
import { testIndicatorContract } from '../../../test/indicatorContract.js';
import { randomWalkBars } from '../../../test/randomWalk.js';
import { loadSharedBars, requireSharedData } from '../../../test/sharedData.js';
import { maxRelativeDifference, talibAligned, talibAvailable } from '../../../test/talibReference.js';
import { OBV, obv, obvLookback } from './obv.js';

const sharedData = requireSharedData('the OBV cross-check against TA-Lib on real data');

testIndicatorContract({
  name: 'OBV',
  inputs: ['close', 'volume'],
  outputs: ['value'],
  lookback: obvLookback(),
  batch: ([close, volume]) => [obv(close, volume)],
  create: () => new OBV(),
  update: (s, [c, v]) => s.update(c, v),
  replace: (s, [c, v]) => s.replace(c, v),
  read: (s) => [s.value],
  isReady: (s) => s.isReady,
  reset: (s) => s.reset(),
});

describe('OBV', () => {
  it('starts at the first volume and adds, subtracts or keeps each volume by the close move (hand-computed)', () => {
    const close = Float64Array.from([10, 11, 11, 9, 12]);
    const volume = Float64Array.from([100, 200, 300, 400, 500]);
    // 100; up +200 = 300; flat 300; down -400 = -100; up +500 = 400
    expect(Array.from(obv(close, volume))).toEqual([100, 300, 300, -100, 400]);
  });

  it('is right when the closes are so large that their running check sum overflows', () => {
    const close = Float64Array.from([1e308, 1.5e308, 1e308, 1.7e308]);
    expect(Array.from(obv(close, Float64Array.from([1, 2, 4, 8])))).toEqual([1, 3, -1, 7]);
  });

  it('skips a missing close or volume anywhere, the first bar included', () => {
    expect(Array.from(obv(Float64Array.from([NaN, 10, 11, 9]), Float64Array.from([5, 1, 2, 4])))).toEqual([NaN, 1, 3, -1]);
    expect(Array.from(obv(Float64Array.from([10, 11, 12, 9]), Float64Array.from([1, 2, Infinity, 4])))).toEqual([1, 3, NaN, -1]);
  });

  it('returns an empty series for empty inputs', () => {
    expect(obv(new Float64Array(0), new Float64Array(0))).toHaveLength(0);
  });

  it('rejects inputs of unequal length, naming them', () => {
    try {
      obv(new Float64Array(3), new Float64Array(4));
      expect.unreachable();
    } catch (error) {
      expect(isTickforgeError(error, 'TF_ERR_INDICATOR_INPUT')).toBe(true);
      expect((error as Error).message).toContain('OBV: inputs must have equal lengths, got close 3, volume 4');
    }
  });

  it.skipIf(!talibAvailable)('equals TA-Lib OBV on a random walk', () => {
    const bars = randomWalkBars(5_000, 21);
    const expected = talibAligned('OBV', { inReal: bars.close, volume: bars.volume }).outReal;
    expect(maxRelativeDifference(obv(bars.close, bars.volume), expected).difference).toBeLessThan(1e-9);
  });

  it.skipIf(!talibAvailable || !sharedData)('equals TA-Lib OBV on MSFT 2000-2001 and S&P 500 symbols', async () => {
    const series = [
      ...(await loadSharedBars('msft_2000_2001_ohlcv.csv.gz')),
      ...(await loadSharedBars('sp500_5yr_daily_2013-2018.csv.gz', ['AAPL', 'GE', 'XOM', 'NVDA'])),
    ];
    expect(series).toHaveLength(5);
    for (const bars of series) {
      const expected = talibAligned('OBV', { inReal: bars.close, volume: bars.volume }).outReal;
      expect(maxRelativeDifference(obv(bars.close, bars.volume), expected).difference, bars.symbol).toBeLessThan(1e-9);
    }
  }, 60_000);
});
