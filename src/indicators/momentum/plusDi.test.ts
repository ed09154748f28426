import { testDirectionalSide } from '../../../test/directionalChecks.js';
import { PLUS_DI, plusDi, plusDiLookback } from './plusDi.js';

testDirectionalSide({
  name: 'PLUS_DI',
  inputs: ['high', 'low', 'close'],
  lookback: plusDiLookback,
  batch: ([high, low, close], period) => plusDi(high, low, close, period),
  create: (period) => new PLUS_DI(period),
  talibPeriods: [2, 5, 14, 50],
  handCases: [
    {
      title: 'is 100 * smoothed +DM / smoothed TR from bar period (hand-computed)',
      // period 3, bar 3: +DM 2 * 2/3 + 3 = 13/3, TR 7 * 2/3 + 6 = 32/3 → 40.625; bar 4: 26/9 over 73/9; bar 5: 52/27 over 281/27
      checks: [{ period: 3, expected: [NaN, NaN, NaN, 40.625, (100 * 26) / 73, (100 * 52) / 281] }],
    },
    { title: 'period 1 is 100 * DM1 / TR1 where TA-Lib omits the factor 100', checks: [{ period: 1, expected: [NaN, 200 / 3, 0, 50, 0, 0] }] },
  ],
});
