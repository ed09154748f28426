import { candlesOf, quietCandles, testPattern } from '../../../test/talibPatternCheck.js';
import { cdlAdvanceBlock, cdlAdvanceBlockLookback } from './cdlAdvanceBlock.js';

// 12 quiet candles (bodies 1, ranges 2), then three rising white candles, the first long with a short
// upper shadow, the third body (0.5) far smaller than the second (2.5).
const candles = candlesOf([
  ...quietCandles(12),
  [100, 103.1, 99.9, 103],
  [102, 104.6, 101.9, 104.5],
  [104.3, 105.5, 104.2, 104.8],
]);

testPattern({
  talibName: 'CDLADVANCEBLOCK',
  compute: cdlAdvanceBlock,
  lookback: cdlAdvanceBlockLookback(),
  expectedLookback: 12,
  candles,
  signals: { 14: -100 },
  title: 'has TA-Lib lookback 12 and signals -100 on bar 14 (hand-built)',
  missingAt: 13,
  directions: [-100],
});
