import { candlesOf, quietCandles, testPattern } from '../../../test/talibPatternCheck.js';
import { cdlIdentical3Crows, cdlIdentical3CrowsLookback } from './cdlIdentical3Crows.js';

// 12 quiet candles (bodies 1, ranges 2), then three black candles closing 0.05 above their lows, each
// opening at the previous close.
const candles = candlesOf([
  ...quietCandles(12),
  [103, 103.1, 101.95, 102],
  [102.02, 102.1, 100.97, 101],
  [101, 101.1, 99.95, 100],
]);

testPattern({
  talibName: 'CDLIDENTICAL3CROWS',
  compute: cdlIdentical3Crows,
  lookback: cdlIdentical3CrowsLookback(),
  expectedLookback: 12,
  candles,
  signals: { 14: -100 },
  title: 'has TA-Lib lookback 12 and signals -100 on bar 14 (hand-built)',
  missingAt: 13,
  directions: [-100],
});
