import { testRollingExtreme } from '../../../test/rollingExtremeChecks.js';
import { MIN, min, minLookback } from './min.js';

testRollingExtreme({
  name: 'MIN',
  lookback: minLookback,
  batch: (x, period) => min(x, period),
  create: (period) => new MIN(period),
  isMaximum: false,
  realColumn: 'low',
  handCase: { title: 'is the lowest of the last period values (hand-computed)', x: [3, 1, 4, 1, 5, 9, 2, 6, 5, 3], expected: [NaN, NaN, 1, 1, 1, 1, 2, 2, 2, 3] },
});
