import { candlesOf, quietCandles, testPenetrationPattern } from '../../../test/talibPatternCheck.js';
import { cdlEveningDojiStar, cdlEveningDojiStarLookback } from './cdlEveningDojiStar.js';

// 12 quiet candles (bodies 1, ranges 2), then a long white candle, a doji (body 0.05) gapping above it
// and a black candle closing at 101 < 103 - 0.3 * 3.
const candles = candlesOf([
  ...quietCandles(12),
  [100, 103.2, 99.8, 103],
  [104, 104.3, 103.8, 104.05],
  [103.5, 103.6, 100.8, 101],
]);

testPenetrationPattern({
  talibName: 'CDLEVENINGDOJISTAR',
  compute: cdlEveningDojiStar,
  lookback: cdlEveningDojiStarLookback(),
  expectedLookback: 12,
  candles,
  signals: { 14: -100 },
  title: 'has TA-Lib lookback 12 and signals -100 on bar 14 (hand-built)',
  missingAt: 13,
  directions: [-100],
});
