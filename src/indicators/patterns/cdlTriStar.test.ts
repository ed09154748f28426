import { candlesOf, quietCandles, testPattern } from '../../../test/talibPatternCheck.js';
import { cdlTriStar, cdlTriStarLookback } from './cdlTriStar.js';

// 12 quiet candles (bodies 1, ranges 2), then three dojis, the middle one gapping up and the third
// lower than it.
const candles = candlesOf([
  ...quietCandles(12),
  [100, 100.5, 99.5, 100.05],
  [100.5, 101, 100, 100.55],
  [100.2, 100.7, 99.7, 100.25],
]);

testPattern({
  talibName: 'CDLTRISTAR',
  compute: cdlTriStar,
  lookback: cdlTriStarLookback(),
  expectedLookback: 12,
  candles,
  signals: { 14: -100 },
  title: 'has TA-Lib lookback 12 and signals -100 on bar 14 (hand-built)',
  missingAt: 13,
  directions: [100, -100],
});
