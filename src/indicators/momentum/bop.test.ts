import { describe, expect, it } from 'vitest';
import { expectIndicatorError } from '../../../test/expectIndicatorError.js';
import { testIndicatorContract } from '../../../test/indicatorContract.js';
import { testTalibAgreement } from '../../../test/talibAgreement.js';
import { BOP, bop, bopLookback } from './bop.js';

testIndicatorContract({
  name: 'BOP',
  inputs: ['open', 'high', 'low', 'close'],
  outputs: ['value'],
  lookback: bopLookback(),
  batch: ([open, high, low, close]) => [bop(open, high, low, close)],
  create: () => new BOP(),
  update: (s, [o, h, l, c]) => s.update(o, h, l, c),
  replace: (s, [o, h, l, c]) => s.replace(o, h, l, c),
  read: (s) => [s.value],
  isReady: (s) => s.isReady,
  reset: (s) => s.reset(),
});

describe('BOP', () => {
  it('is (close - open) / (high - low), 0 for a bar without range (hand-computed)', () => {
    const values = bop(Float64Array.from([10, 12, 5]), Float64Array.from([12, 12, 5]), Float64Array.from([8, 10, 5]), Float64Array.from([11, 10, 5]));
    expect(Array.from(values)).toEqual([0.25, -1, 0]);
  });

  it('rejects inputs of unequal length', () => {
    const x = new Float64Array(4);
    expectIndicatorError(() => bop(x, x, x, new Float64Array(3)), 'TF_ERR_INDICATOR_INPUT', 'close 3');
  });
});

testTalibAgreement({
  talibName: 'BOP',
  inputs: ['open', 'high', 'low', 'close'],
  tolerance: 0,
  why: 'the same formula',
  cases: [{ options: {}, compute: (bars) => [bop(bars.open, bars.high, bars.low, bars.close)] }],
});
