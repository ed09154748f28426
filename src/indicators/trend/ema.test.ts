import { describe, expect, it } from 'vitest';
import { testIndicatorContract } from '../../../test/indicatorContract.js';
import { randomWalkBars } from '../../../test/randomWalk.js';
import { maxRelativeDifference, talibAligned, talibAvailable } from '../../../test/talibReference.js';
import { EMA, ema, emaLookback, type EmaSeed } from './ema.js';

for (const [period, seed] of [[1, 'sma'], [10, 'sma'], [30, 'sma'], [10, 'first']] as Array<[number, EmaSeed]>) {
  testIndicatorContract({
    name: `EMA(${period}, seed ${seed})`,
    inputs: ['close'],
    outputs: ['value'],
    lookback: emaLookback(period, seed),
    batch: ([close]) => [ema(close, period, undefined, seed)],
    create: () => new EMA(period, seed),
    update: (s, [x]) => s.update(x),
    replace: (s, [x]) => s.replace(x),
    read: (s) => [s.value],
    isReady: (s) => s.isReady,
    reset: (s) => s.reset(),
  });
}

describe('EMA', () => {
  it('seeds with the mean of the first period values, then smooths by 2/(period+1) (hand-computed)', () => {
    // period 3: seed (1+2+3)/3 = 2; then 2 + 0.5*(4-2) = 3; 3 + 0.5*(8-3) = 5.5
    expect(Array.from(ema(Float64Array.from([1, 2, 3, 4, 8]), 3))).toEqual([NaN, NaN, 2, 3, 5.5]);
    expect(Array.from(ema(Float64Array.from([1, 2, 3]), 3, undefined, 'first'))).toEqual([1, 1.5, 2.25]);
  });

  it.skipIf(!talibAvailable)('equals TA-Lib EMA on a random walk', () => {
    const close = randomWalkBars(5_000, 5).close;
    for (const period of [2, 12, 26, 200]) {
      const expected = talibAligned('EMA', { inReal: close }, { optInTimePeriod: period }).outReal;
      expect(maxRelativeDifference(ema(close, period), expected).difference, `period ${period}`).toBeLessThan(1e-9);
    }
  });
});
