import { candlesOf, quietCandles, testPattern } from '../../../test/talibPatternCheck.js';
import { cdlRiseFall3Methods, cdlRiseFall3MethodsLookback } from './cdlRiseFall3Methods.js';

// 14 quiet candles (bodies 1, ranges 2), then a long white candle, three short black candles falling
// within its range, then a long white candle closing above the first.
const candles = candlesOf([
  ...quietCandles(14),
  [100, 103.2, 99.8, 103],
  [102.8, 102.9, 102.3, 102.4],
  [102.5, 102.6, 101.9, 102],
  [102.1, 102.2, 101.5, 101.6],
  [101.7, 104.1, 101.6, 104],
]);

testPattern({
  talibName: 'CDLRISEFALL3METHODS',
  compute: cdlRiseFall3Methods,
  lookback: cdlRiseFall3MethodsLookback(),
  expectedLookback: 14,
  candles,
  signals: { 18: 100 },
  title: 'has TA-Lib lookback 14 and signals +100 on bar 18 (hand-built)',
  missingAt: 16,
  directions: [100, -100],
});
