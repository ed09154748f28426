import { candlesOf, quietCandles, testPattern } from '../../../test/talibPatternCheck.js';
import { cdlTasukiGap, cdlTasukiGapLookback } from './cdlTasukiGap.js';

// 7 quiet candles (bodies 1, ranges 2), then a white candle gapping up, then a black candle of nearly
// equal body opening inside it and closing inside the gap.
const candles = candlesOf([
  ...quietCandles(7),
  [100, 101.2, 99.8, 101],
  [101.5, 103.1, 101.4, 103],
  [102.5, 102.6, 101.1, 101.2],
]);

testPattern({
  talibName: 'CDLTASUKIGAP',
  compute: cdlTasukiGap,
  lookback: cdlTasukiGapLookback(),
  expectedLookback: 7,
  candles,
  signals: { 9: 100 },
  title: 'has TA-Lib lookback 7 and signals +100 on bar 9 (hand-built)',
  missingAt: 8,
  directions: [100, -100],
});
