import { testRollingExtremeIndex } from '../../../test/rollingExtremeChecks.js';
import { MAXINDEX, maxindex, maxindexLookback } from './maxindex.js';

testRollingExtremeIndex({
  name: 'MAXINDEX',
  lookback: maxindexLookback,
  batch: (x, period) => maxindex(x, period),
  create: (period) => new MAXINDEX(period),
  realColumn: 'high',
  // period 3. Bar 2: first scan of [1,5,5] takes the earliest, 1. Bar 3: an equal value takes over, 3.
  // Bars 4-5: 3 stays. Bar 6: 3 left, rescan of [1,1,2] -> 6. Bar 7: equal -> 7. Bars 8-9: 7.
  // Bar 10: 7 left, rescan of three equal values -> the earliest, 8.
  tieCase: { x: [1, 5, 5, 5, 1, 1, 2, 2, 0, 0, 0], expected: [NaN, NaN, 1, 3, 3, 3, 6, 7, 7, 7, 8] },
  missingCase: { x: [1, NaN, 3, 2, NaN, 1], expected: [NaN, NaN, NaN, 2, NaN, 2] },
});
