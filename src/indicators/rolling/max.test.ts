import { testRollingExtreme } from '../../../test/rollingExtremeChecks.js';
import { MAX, max, maxLookback } from './max.js';

testRollingExtreme({
  name: 'MAX',
  lookback: maxLookback,
  batch: (x, period) => max(x, period),
  create: (period) => new MAX(period),
  isMaximum: true,
  realColumn: 'high',
  handCase: { title: 'is the highest of the last period values (hand-computed)', x: [3, 1, 4, 1, 5, 9, 2, 6, 5, 3], expected: [NaN, NaN, 4, 4, 5, 9, 9, 9, 6, 6] },
});
