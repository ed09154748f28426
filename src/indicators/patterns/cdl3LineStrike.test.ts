import { candlesOf, quietCandles, testPattern } from '../../../test/talibPatternCheck.js';
import { cdl3LineStrike, cdl3LineStrikeLookback } from './cdl3LineStrike.js';

// 8 quiet candles (bodies 1, ranges 2), then three rising white candles, each opening inside the
// previous body, struck by a black candle closing below the first open.
const candles = candlesOf([
  ...quietCandles(8),
  [100, 101.6, 99.9, 101.5],
  [101, 102.6, 100.9, 102.5],
  [102, 103.6, 101.9, 103.5],
  [103.8, 103.9, 99.4, 99.5],
]);

testPattern({
  talibName: 'CDL3LINESTRIKE',
  compute: cdl3LineStrike,
  lookback: cdl3LineStrikeLookback(),
  expectedLookback: 8,
  candles,
  signals: { 11: 100 },
  title: 'has TA-Lib lookback 8 and signals +100 on bar 11 (hand-built)',
  missingAt: 10,
  directions: [100, -100],
});
