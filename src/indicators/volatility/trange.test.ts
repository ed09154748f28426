import { beforeAll, describe, expect, it } from 'vitest';
import type { Bars } from '../../core/Bars.js';
import { expectIndicatorError } from '../../../test/expectIndicatorError.js';
import { testIndicatorContract } from '../../../test/indicatorContract.js';
import { randomWalkBars } from '../../../test/randomWalk.js';
import { realBarsForTalib } from '../../../test/crossCheckSeries.js';
import { requireSharedData } from '../../../test/sharedData.js';
import { maxRelativeDifference, talibAligned, talibAvailable } from '../../../test/talibReference.js';
import { TRANGE, trange, trangeLookback } from './trange.js';

const sharedData = requireSharedData('TRANGE TA-Lib cross-check on real data');

testIndicatorContract({
  name: 'TRANGE',
  inputs: ['high', 'low', 'close'],
  outputs: ['value'],
  lookback: trangeLookback(),
  batch: ([high, low, close]) => [trange(high, low, close)],
  create: () => new TRANGE(),
  update: (s, [h, l, c]) => s.update(h, l, c),
  replace: (s, [h, l, c]) => s.replace(h, l, c),
  read: (s) => [s.value],
  isReady: (s) => s.isReady,
  reset: (s) => s.reset(),
});

describe('TRANGE', () => {
  it('stretches the range over a gap from the previous close (hand-computed)', () => {
    const high = Float64Array.from([10, 12, 11, 20]);
    const low = Float64Array.from([8, 11, 9, 19]);
    const close = Float64Array.from([9, 11.5, 10, 19.5]);
    // bar 1: max(12,9) - min(11,9) = 3; bar 2: inside 11.5 → 11.5 - 9 = 2.5; bar 3: gap up from 10 → 20 - 10 = 10
    expect(Array.from(trange(high, low, close))).toEqual([NaN, 3, 2.5, 10]);
  });

  it('rejects inputs of unequal length', () => {
    expectIndicatorError(() => trange(new Float64Array(3), new Float64Array(3), new Float64Array(2)), 'TF_ERR_INDICATOR_INPUT', 'TRANGE: inputs must have equal lengths');
  });

  it.skipIf(!talibAvailable)('equals TA-Lib TRANGE on a random walk', () => {
    const bars = randomWalkBars(5_000, 21);
    const expected = talibAligned('TRANGE', { high: bars.high, low: bars.low, close: bars.close }).outReal;
    expect(maxRelativeDifference(trange(bars.high, bars.low, bars.close), expected).difference).toBe(0);
  });

  describe.skipIf(!sharedData || !talibAvailable)('on real data', () => {
    let series: Bars[] = [];
    beforeAll(async () => {
      series = await realBarsForTalib();
    });
    it('equals TA-Lib TRANGE on MSFT 2000-2001 and S&P 500 symbols', () => {
      for (const bars of series) {
        const expected = talibAligned('TRANGE', { high: bars.high, low: bars.low, close: bars.close }).outReal;
        expect(maxRelativeDifference(trange(bars.high, bars.low, bars.close), expected).difference, bars.symbol).toBe(0);
      }
    });
  });
});
