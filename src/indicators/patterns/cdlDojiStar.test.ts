import { candlesOf, quietCandles, testPattern } from '../../../test/talibPatternCheck.js';
import { cdlDojiStar, cdlDojiStarLookback } from './cdlDojiStar.js';

// 11 quiet candles (bodies 1, ranges 2), then a long white candle then a doji gapping up (-100), and a
// long black candle then a doji gapping down (+100).
const candles = candlesOf([
  ...quietCandles(11),
  [100, 103.2, 99.8, 103],
  [103.5, 103.8, 103.3, 103.55],
  [103.5, 103.6, 99.9, 100],
  [99, 99.2, 98.9, 99.05],
]);

testPattern({
  talibName: 'CDLDOJISTAR',
  compute: cdlDojiStar,
  lookback: cdlDojiStarLookback(),
  expectedLookback: 11,
  candles,
  signals: { 12: -100, 14: 100 },
  title: 'has TA-Lib lookback 11 and signals -100 on bar 12, +100 on bar 14 (hand-built)',
  missingAt: 12,
  directions: [100, -100],
});
