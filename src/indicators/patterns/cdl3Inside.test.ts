import { candlesOf, quietCandles, testPattern } from '../../../test/talibPatternCheck.js';
import { cdl3Inside, cdl3InsideLookback } from './cdl3Inside.js';

// 12 quiet candles (bodies 1, ranges 2), then a long black candle, a short body inside it, then a
// white candle closing above the first open.
const candles = candlesOf([
  ...quietCandles(12),
  [103, 103.2, 99.8, 100],
  [101, 101.6, 100.9, 101.5],
  [101.5, 103.6, 101.4, 103.5],
]);

testPattern({
  talibName: 'CDL3INSIDE',
  compute: cdl3Inside,
  lookback: cdl3InsideLookback(),
  expectedLookback: 12,
  candles,
  signals: { 14: 100 },
  title: 'has TA-Lib lookback 12 and signals +100 on bar 14 (hand-built)',
  missingAt: 13,
  directions: [100, -100],
});
