import { candlesOf, quietCandles, testPattern } from '../../../test/talibPatternCheck.js';
import { cdl3WhiteSoldiers, cdl3WhiteSoldiersLookback } from './cdl3WhiteSoldiers.js';

// 12 quiet candles (bodies 1, ranges 2), then three white candles with rising closes, each opening
// inside the previous body, upper shadows of 0.05.
const candles = candlesOf([
  ...quietCandles(12),
  [100, 102.05, 99.9, 102],
  [101.5, 103.55, 101.4, 103.5],
  [103, 105.05, 102.9, 105],
]);

testPattern({
  talibName: 'CDL3WHITESOLDIERS',
  compute: cdl3WhiteSoldiers,
  lookback: cdl3WhiteSoldiersLookback(),
  expectedLookback: 12,
  candles,
  signals: { 14: 100 },
  title: 'has TA-Lib lookback 12 and signals +100 on bar 14 (hand-built)',
  missingAt: 13,
  directions: [100],
});
