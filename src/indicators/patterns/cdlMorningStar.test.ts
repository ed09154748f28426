import { describe, expect, it } from 'vitest';
import { candlesOf, quietCandles, testPenetrationPattern } from '../../../test/talibPatternCheck.js';
import { cdlMorningStar, cdlMorningStarLookback } from './cdlMorningStar.js';

// 12 quiet candles (bodies 1, ranges 2), a long black candle (body 3), a star (body 0.2) gapping
// below it, and a long white candle closing at 100 > 98 + 0.3 * 3.
const candles = candlesOf([...quietCandles(12), [101, 101.2, 97.8, 98], [97, 97.3, 96.7, 97.2], [97.5, 100.2, 97.4, 100]]);

testPenetrationPattern({
  talibName: 'CDLMORNINGSTAR',
  compute: cdlMorningStar,
  lookback: cdlMorningStarLookback(),
  expectedLookback: 12,
  candles,
  signals: { 14: 100 },
  title: 'has TA-Lib lookback 12 and signals +100 on bar 14 (hand-built)',
  missingAt: 13,
  directions: [100],
});

const run = (penetration?: number) => cdlMorningStar(candles.open, candles.high, candles.low, candles.close, penetration);

describe('CDLMORNINGSTAR penetration', () => {
  it('requires the third close to reach the given fraction of the first body above the first close', () => {
    // 98 + 0.6 * 3 = 99.8 < 100 holds; 98 + 0.7 * 3 = 100.1 does not.
    expect(run(0.6)[14]).toBe(100);
    expect(run(0.7)[14]).toBe(0);
  });
});
