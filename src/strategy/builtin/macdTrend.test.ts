import { describe, expect, it } from 'vitest';
import { closeBars } from '../../../test/handMadeBars.js';
import { expectSameSignals, runIncrementally, testStrategyContract } from '../../../test/strategyContract.js';
import { runStrategy } from '../runStrategy.js';
import { macdTrend } from './macdTrend.js';

testStrategyContract(macdTrend, [{}, { filter: 'zero-line', direction: 'both' }, { direction: 'short', fastPeriod: 5, slowPeriod: 35, signalPeriod: 5 }]);

describe('macd-trend on a hand-made series', () => {
  // MACD(2, 3, 2): EMAs with alpha 2/3 (fast), 1/2 (slow) and 2/3 (signal). Closes: 10 for
  // bars 0-11, 12 for bars 12-31, 10 for bars 32-39. On the flat start every EMA is 10, so
  // MACD = signal = 0 (level), whatever the seeding. n bars after a step of +2 the EMAs trail
  // the price by 2(1/3)^n and 2(1/2)^n, so MACD = 2((1/2)^n - (1/3)^n):
  // n      1       2       3       4
  // MACD   0.3333  0.2778  0.1759  0.1003
  // signal 0.2222  0.2593  0.2037  0.1348   (signal += 2/3 (MACD - signal))
  // MACD crosses above its signal at bar 12 (n = 1, from level) and below at bar 14 (n = 3);
  // then the signal tends to twice the MACD, both positive: no further cross while flat. The
  // step down mirrors it: below at bars 32 and 33, above again at bar 34 (MACD -0.176 > signal
  // -0.204), where the MACD is below zero.
  const bars = closeBars([...new Array(12).fill(10), ...new Array(20).fill(12), ...new Array(8).fill(10)]);
  const parameters = { fastPeriod: 2, slowPeriod: 3, signalPeriod: 2 };

  it('enters where the MACD crosses above its signal line and exits where it crosses below', () => {
    const signals = runStrategy(macdTrend, bars, parameters);
    expect(signals.map((s) => [s.index, s.kind, s.side])).toEqual([
      [12, 'entry', 'long'],
      [14, 'exit', 'long'],
      [34, 'entry', 'long'],
    ]);
    expect(signals[0]).toMatchObject({ reason: 'MACD(2, 3, 2) crossed above its signal line', tag: 'macd-cross-up' });
    expect(signals[1].reason).toBe('MACD(2, 3, 2) crossed below its signal line');
    expectSameSignals(runIncrementally(macdTrend, bars, parameters), signals, 'incremental');
  });

  it('reverses with direction both, and with the zero-line filter enters only on the matching side of zero', () => {
    expect(runStrategy(macdTrend, bars, { ...parameters, direction: 'both' }).map((s) => [s.index, s.kind, s.side])).toEqual([
      [12, 'entry', 'long'],
      [14, 'exit', 'long'],
      [14, 'entry', 'short'],
      [34, 'exit', 'short'],
      [34, 'entry', 'long'],
    ]);
    // Bar 14 crosses down above zero: it closes the long but opens no short; bar 34 crosses up below zero: nothing.
    const filtered = runStrategy(macdTrend, bars, { ...parameters, direction: 'both', filter: 'zero-line' });
    expect(filtered.map((s) => [s.index, s.kind, s.side, s.reason])).toEqual([
      [12, 'entry', 'long', 'MACD(2, 3, 2) crossed above its signal line above the zero line'],
      [14, 'exit', 'long', 'MACD(2, 3, 2) crossed below its signal line at or above the zero line'],
    ]);
    expect(runStrategy(macdTrend, bars, { ...parameters, direction: 'short' }).map((s) => [s.index, s.kind])).toEqual([
      [14, 'entry'],
      [34, 'exit'],
    ]);
  });

  it('names the parameters when they are invalid', () => {
    expect(() => runStrategy(macdTrend, bars, { fastPeriod: 26, slowPeriod: 12 })).toThrow(/macd-trend: fastPeriod \(26\) must be below slowPeriod \(12\)/);
    expect(() => runStrategy(macdTrend, bars, { filter: 'histogram' })).toThrow(/macd-trend: filter must be one of none, zero-line, got "histogram"/);
  });
});
