import { candlesOf, quietCandles, testPenetrationPattern } from '../../../test/talibPatternCheck.js';
import { cdlAbandonedBaby, cdlAbandonedBabyLookback } from './cdlAbandonedBaby.js';

// 12 quiet candles (bodies 1, ranges 2), then a long black candle, a doji whose whole range gaps below
// it, then a white candle gapping fully above the doji and closing at 102 > 100 + 0.3 * 3 (+100); then
// the mirror image (-100). Random candles rarely give the bearish one, so this case and the S&P 500
// file cover it.
const candles = candlesOf([
  ...quietCandles(12),
  [103, 103.2, 99.8, 100],
  [99, 99.3, 98.7, 99.05],
  [99.5, 102.2, 99.4, 102],
  [100, 103.2, 99.8, 103],
  [104, 104.3, 103.7, 104.05],
  [103.5, 103.6, 100.8, 101],
]);

testPenetrationPattern({
  talibName: 'CDLABANDONEDBABY',
  compute: cdlAbandonedBaby,
  lookback: cdlAbandonedBabyLookback(),
  expectedLookback: 12,
  candles,
  signals: { 14: 100, 17: -100 },
  title: 'has TA-Lib lookback 12 and signals +100 on bar 14, -100 on bar 17 (hand-built)',
  missingAt: 13,
  directions: [100],
});
