import { testDirectionalSide } from '../../../test/directionalChecks.js';
import { MINUS_DI, minusDi, minusDiLookback } from './minusDi.js';

testDirectionalSide({
  name: 'MINUS_DI',
  inputs: ['high', 'low', 'close'],
  lookback: minusDiLookback,
  batch: ([high, low, close], period) => minusDi(high, low, close, period),
  create: (period) => new MINUS_DI(period),
  talibPeriods: [2, 5, 14, 50],
  handCases: [
    {
      title: 'is 100 * smoothed -DM / smoothed TR from bar period (hand-computed)',
      // period 3, bar 3: -DM 2 * 2/3 = 4/3, TR 32/3 → 12.5; bar 4: 8/9 over 73/9; bar 5: 16/27 over 281/27
      checks: [{ period: 3, expected: [NaN, NaN, NaN, 12.5, (100 * 8) / 73, (100 * 16) / 281] }],
    },
    { title: 'period 1 is 100 * DM1 / TR1 where TA-Lib omits the factor 100', checks: [{ period: 1, expected: [NaN, 0, 50, 0, 0, 0] }] },
  ],
});
