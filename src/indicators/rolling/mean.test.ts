import { describe, expect, it } from 'vitest';
import { testIndicatorContract } from '../../../test/indicatorContract.js';
import { randomWalkBars } from '../../../test/randomWalk.js';
import { sma } from '../trend/sma.js';
import { MEAN, mean, meanLookback } from './mean.js';

for (const period of [1, 20]) {
  testIndicatorContract({
    name: `MEAN(${period})`,
    inputs: ['close'],
    outputs: ['value'],
    lookback: meanLookback(period),
    batch: ([close]) => [mean(close, period)],
    create: () => new MEAN(period),
    update: (s, [x]) => s.update(x),
    replace: (s, [x]) => s.replace(x),
    read: (s) => [s.value],
    isReady: (s) => s.isReady,
    reset: (s) => s.reset(),
  });
}

describe('MEAN', () => {
  it('averages the last period values (hand-computed) and is the SMA', () => {
    expect(Array.from(mean(Float64Array.from([2, 4, 9]), 2))).toEqual([NaN, 3, 6.5]);
    const close = randomWalkBars(300, 4).close;
    expect(mean(close, 14)).toEqual(sma(close, 14));
  });

  it('names itself in parameter errors', () => {
    expect(() => mean(new Float64Array(3), 0)).toThrow(/MEAN: period must be a whole number from 1 to 100000, got 0/);
  });
});
