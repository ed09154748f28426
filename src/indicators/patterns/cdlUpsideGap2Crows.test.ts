import { candlesOf, quietCandles, testPattern } from '../../../test/talibPatternCheck.js';
import { cdlUpsideGap2Crows, cdlUpsideGap2CrowsLookback } from './cdlUpsideGap2Crows.js';

// 12 quiet candles (bodies 1, ranges 2), then a long white candle, a short black one gapping above it,
// then a black candle engulfing the second and closing above the first close.
const candles = candlesOf([
  ...quietCandles(12),
  [100, 103.2, 99.8, 103],
  [104, 104.2, 103.5, 103.6],
  [104.2, 104.3, 103.1, 103.2],
]);

testPattern({
  talibName: 'CDLUPSIDEGAP2CROWS',
  compute: cdlUpsideGap2Crows,
  lookback: cdlUpsideGap2CrowsLookback(),
  expectedLookback: 12,
  candles,
  signals: { 14: -100 },
  title: 'has TA-Lib lookback 12 and signals -100 on bar 14 (hand-built)',
  missingAt: 13,
  directions: [-100],
});
