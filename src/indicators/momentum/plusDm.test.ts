import { testDirectionalSide } from '../../../test/directionalChecks.js';
import { PLUS_DM, plusDm, plusDmLookback } from './plusDm.js';

testDirectionalSide({
  name: 'PLUS_DM',
  inputs: ['high', 'low'],
  lookback: plusDmLookback,
  batch: ([high, low], period) => plusDm(high, low, period),
  create: (period) => new PLUS_DM(period),
  talibPeriods: [1, 2, 5, 14, 50],
  handCases: [
    {
      title: 'sums +DM1 over bars 1..period-1, then smooths by Wilder (hand-computed)',
      // period 3: bar 2 = 2 + 0; bar 3 = 2 * 2/3 + 3; bar 4 = 13/3 * 2/3; bar 5 = 26/9 * 2/3
      checks: [
        { period: 3, expected: [NaN, NaN, 2, 13 / 3, 26 / 9, 52 / 27] },
        { period: 1, expected: [NaN, 2, 0, 3, 0, 0] },
      ],
    },
  ],
});
