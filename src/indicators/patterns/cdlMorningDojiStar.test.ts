import { candlesOf, quietCandles, testPenetrationPattern } from '../../../test/talibPatternCheck.js';
import { cdlMorningDojiStar, cdlMorningDojiStarLookback } from './cdlMorningDojiStar.js';

// 12 quiet candles (bodies 1, ranges 2), then a long black candle, a doji (body 0.05) gapping below it
// and a white candle closing at 100 > 98 + 0.3 * 3.
const candles = candlesOf([
  ...quietCandles(12),
  [101, 101.2, 97.8, 98],
  [97, 97.3, 96.8, 97.05],
  [97.5, 100.2, 97.4, 100],
]);

testPenetrationPattern({
  talibName: 'CDLMORNINGDOJISTAR',
  compute: cdlMorningDojiStar,
  lookback: cdlMorningDojiStarLookback(),
  expectedLookback: 12,
  candles,
  signals: { 14: 100 },
  title: 'has TA-Lib lookback 12 and signals +100 on bar 14 (hand-built)',
  missingAt: 13,
  directions: [100],
});
