import { testRollingExtremeIndex } from '../../../test/rollingExtremeChecks.js';
import { MININDEX, minindex, minindexLookback } from './minindex.js';

testRollingExtremeIndex({
  name: 'MININDEX',
  lookback: minindexLookback,
  batch: (x, period) => minindex(x, period),
  create: (period) => new MININDEX(period),
  realColumn: 'low',
  // period 3. Bar 2: first scan of [4,0,0] takes the earliest, 1. Bar 3: an equal value takes over, 3.
  // Bars 4-5: 3 stays. Bar 6: 3 left, rescan of [4,4,3] -> 6. Bar 7: equal -> 7. Bars 8-9: 7.
  // Bar 10: 7 left, rescan of three equal values -> the earliest, 8.
  tieCase: { x: [4, 0, 0, 0, 4, 4, 3, 3, 5, 5, 5], expected: [NaN, NaN, 1, 3, 3, 3, 6, 7, 7, 7, 8] },
  missingCase: { x: [3, NaN, 1, 2, NaN, 3], expected: [NaN, NaN, NaN, 2, NaN, 2] },
});
