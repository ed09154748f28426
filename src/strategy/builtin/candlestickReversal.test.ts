import { describe, expect, it } from 'vitest';
import { candleBars } from '../../../test/handMadeBars.js';
import { expectSameSignals, runIncrementally, testStrategyContract } from '../../../test/strategyContract.js';
import { runStrategy } from '../runStrategy.js';
import { candlestickReversal } from './candlestickReversal.js';

testStrategyContract(candlestickReversal, [
  {},
  { patterns: 'all-reversal', direction: 'both', holdBars: 5 },
  { patterns: 'hammer', trendPeriod: 0, direction: 'both' },
  { patterns: 'morningstar', direction: 'short', trendPeriod: 20 },
]);

describe('candlestick on a hand-made series', () => {
  // Engulfing (TA-Lib 1.1.6): a white body covering the previous black body is +100, or +80
  // when one end matches exactly; the mirror is -100 / -80. Trend filter SMA(3), hold 3 bars.
  // bar  open  high  low    close  color  engulfing       SMA(3)
  // 3    11.5  12    11.5   12     white
  // 4    12.2  12.3  11.45  11.5   black  -80: opens above bar 3's close 12, closes exactly at its open 11.5
  //                                                       11.5   the close is on the SMA, not below: no short
  // 5    11.4  12.6  11.3   12.5   white  +100            12.0   above: long, stop min(11.45, 11.3) = 11.3
  // 6-7  white candles, no pattern; 8 black (13.1 -> 13.0) not covering bar 7 (12.9 -> 13.1)
  // 8                                     hold: 8 - 5 = 3 bars, exit
  // 9    13.0  13.5  12.95  13.4   white  +80 (opens at bar 8's close 13.0)  13.17  above: long, stop min(12.9, 12.95) = 12.9
  // 10   13.5  13.6  12.6   12.7   black  -100            13.03  exits the long; below: short, stop max(13.5, 13.6) = 13.6
  // 11-12 black candles
  // 13   11.9  12.8  11.85  12.7   white  +100            12.43  exits the short (the pattern is checked before the hold, also over); above: long, stop 11.85
  // Without the filter (trendPeriod 0), short only: bar 4's -80 opens a short (stop max(12, 12.3)),
  // bar 5's +100 closes it; bar 10 opens one again and bar 13 closes it.
  const bars = candleBars([
    [10, 10.5, 9.5, 10],
    [10, 10.5, 9.5, 10],
    [10, 11, 9.5, 11],
    [11.5, 12, 11.5, 12],
    [12.2, 12.3, 11.45, 11.5],
    [11.4, 12.6, 11.3, 12.5],
    [12.5, 13, 12.4, 12.9],
    [12.9, 13.2, 12.8, 13.1],
    [13.1, 13.3, 12.9, 13.0],
    [13.0, 13.5, 12.95, 13.4],
    [13.5, 13.6, 12.6, 12.7],
    [12.7, 12.8, 12.5, 12.6],
    [12.5, 12.55, 11.9, 12.0],
    [11.9, 12.8, 11.85, 12.7],
  ]);
  const parameters = { patterns: 'engulfing', trendPeriod: 3, holdBars: 3 };

  it('enters on a bullish engulfing above the SMA, exits after the hold or on a bearish engulfing', () => {
    const signals = runStrategy(candlestickReversal, bars, parameters);
    expect(signals.map((s) => [s.index, s.kind, s.side, s.stopLoss])).toEqual([
      [5, 'entry', 'long', 11.3],
      [8, 'exit', 'long', undefined],
      [9, 'entry', 'long', 12.9],
      [10, 'exit', 'long', undefined],
      [13, 'entry', 'long', 11.85],
    ]);
    expect(signals.map((s) => s.reason)).toEqual([
      'bullish engulfing (CDLENGULFING +100), close 12.5 above SMA(3), stop at the pattern low 11.3',
      'held 3 bars',
      'bullish engulfing (CDLENGULFING +80), close 13.4 above SMA(3), stop at the pattern low 12.9',
      'bearish engulfing (CDLENGULFING -100) against the long',
      'bullish engulfing (CDLENGULFING +100), close 12.7 above SMA(3), stop at the pattern low 11.85',
    ]);
    expect(signals[1].tag).toBe('cdlengulfing');
    expectSameSignals(runIncrementally(candlestickReversal, bars, parameters), signals, 'incremental');
  });

  it('shorts a bearish engulfing below the SMA only, and closes the short on a bullish one', () => {
    const both = runStrategy(candlestickReversal, bars, { ...parameters, direction: 'both' });
    expect(both.map((s) => [s.index, s.kind, s.side, s.stopLoss])).toEqual([
      [5, 'entry', 'long', 11.3],
      [8, 'exit', 'long', undefined],
      [9, 'entry', 'long', 12.9],
      [10, 'exit', 'long', undefined],
      [10, 'entry', 'short', 13.6],
      [13, 'exit', 'short', undefined],
      [13, 'entry', 'long', 11.85],
    ]);
    expect(both[4].reason).toBe('bearish engulfing (CDLENGULFING -100), close 12.7 below SMA(3), stop at the pattern high 13.6');
    expect(both[5].reason).toBe('bullish engulfing (CDLENGULFING +100) against the short');
    // Without the filter, bar 4's bearish engulfing (close on the SMA) opens a short too.
    const unfiltered = runStrategy(candlestickReversal, bars, { ...parameters, direction: 'short', trendPeriod: 0 });
    expect(unfiltered.map((s) => [s.index, s.kind])).toEqual([
      [4, 'entry'],
      [5, 'exit'],
      [10, 'entry'],
      [13, 'exit'],
    ]);
    expect(unfiltered[0].reason).toBe('bearish engulfing (CDLENGULFING -80), stop at the pattern high 12.3');
  });

  it('names the parameters when they are invalid', () => {
    expect(() => runStrategy(candlestickReversal, bars, { patterns: 'doji' })).toThrow(/candlestick: patterns must be one of engulfing, hammer, morningstar, all-reversal, got "doji"/);
    expect(() => runStrategy(candlestickReversal, bars, { trendPeriod: 1 })).toThrow(/candlestick: trendPeriod must be 0 \(no trend filter\) or at least 2, got 1/);
    expect(() => runStrategy(candlestickReversal, bars, { holdBars: 0 })).toThrow(/candlestick: holdBars must be a whole number from 1 to 1000, got 0/);
  });
});
