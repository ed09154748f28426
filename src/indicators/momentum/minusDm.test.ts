import { testDirectionalSide } from '../../../test/directionalChecks.js';
import { MINUS_DM, minusDm, minusDmLookback } from './minusDm.js';

testDirectionalSide({
  name: 'MINUS_DM',
  inputs: ['high', 'low'],
  lookback: minusDmLookback,
  batch: ([high, low], period) => minusDm(high, low, period),
  create: (period) => new MINUS_DM(period),
  talibPeriods: [1, 2, 5, 14, 50],
  handCases: [
    {
      title: 'sums -DM1 over bars 1..period-1, then smooths by Wilder (hand-computed)',
      // period 3: bar 2 = 0 + 2; bar 3 = 2 * 2/3; bar 4 = 4/3 * 2/3; bar 5 = 8/9 * 2/3
      checks: [
        { period: 3, expected: [NaN, NaN, 2, 4 / 3, 8 / 9, 16 / 27] },
        { period: 1, expected: [NaN, 0, 2, 0, 0, 0] },
      ],
    },
  ],
});
