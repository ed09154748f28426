import { candlesOf, quietCandles, testPattern } from '../../../test/talibPatternCheck.js';
import { cdl3Outside, cdl3OutsideLookback } from './cdl3Outside.js';

// 3 quiet candles (bodies 1, ranges 2), then a black candle engulfed by a white one, then a higher
// close.
const candles = candlesOf([
  ...quietCandles(3),
  [101, 101.2, 99.8, 100],
  [99.5, 102.2, 99.4, 102],
  [102, 103.2, 101.9, 103],
]);

testPattern({
  talibName: 'CDL3OUTSIDE',
  compute: cdl3Outside,
  lookback: cdl3OutsideLookback(),
  expectedLookback: 3,
  candles,
  signals: { 5: 100 },
  title: 'has TA-Lib lookback 3 and signals +100 on bar 5 (hand-built)',
  missingAt: 4,
  directions: [100, -100],
});
