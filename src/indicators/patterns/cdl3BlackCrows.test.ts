import { candlesOf, quietCandles, testPattern } from '../../../test/talibPatternCheck.js';
import { cdl3BlackCrows, cdl3BlackCrowsLookback } from './cdl3BlackCrows.js';

// 12 quiet candles (bodies 1, ranges 2), then a white candle, then three black candles opening inside
// the previous body and closing 0.05 above their lows.
const candles = candlesOf([
  ...quietCandles(12),
  [100, 103.2, 99.8, 103],
  [103, 103.1, 101.95, 102],
  [102.8, 102.9, 100.95, 101],
  [102, 102.1, 99.95, 100],
]);

testPattern({
  talibName: 'CDL3BLACKCROWS',
  compute: cdl3BlackCrows,
  lookback: cdl3BlackCrowsLookback(),
  expectedLookback: 13,
  candles,
  signals: { 15: -100 },
  title: 'has TA-Lib lookback 13 and signals -100 on bar 15 (hand-built)',
  missingAt: 14,
  directions: [-100],
});
