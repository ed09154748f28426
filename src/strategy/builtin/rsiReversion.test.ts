import { describe, expect, it } from 'vitest';
import { closeBars } from '../../../test/handMadeBars.js';
import { expectSameSignals, runIncrementally, testStrategyContract } from '../../../test/strategyContract.js';
import { runStrategy } from '../runStrategy.js';
import { rsiReversion } from './rsiReversion.js';

testStrategyContract(rsiReversion, [{}, { period: 2, oversold: 10, overbought: 90, direction: 'both' }, { direction: 'short', exitLevel: 60 }]);

describe('rsi-reversion on a hand-made series', () => {
  // RSI(2), TA-Lib: first value at bar 2 from the mean gain and loss of the first two changes,
  // then Wilder's average (previous + change) / 2. Every change is a binary fraction, so the
  // values below are exact.
  // bar    0   1   2    3   4     5      6      7      8      9      10     11
  // close  10  11  12   11  10    9      9.5    10.5   10.25  9.25   9.5    9
  // gain           1    .5  .25   .125   .3125  .65625 .328   .164   .207   .104
  // loss           0    .5  .75   .875   .4375  .21875 .234   .617   .309   .404
  // RSI            100  50  25    12.5   41.67  75     58.33  21.0   40.15  20.4
  // Long: bar 6 crosses back above 30 (12.5 -> 41.67), bar 7 crosses above the exit level 50,
  // bar 10 crosses back above 30 again (21.0 -> 40.15); bar 11's fall below 30 is no exit.
  // Short: bar 3 crosses back below 70 (100 -> 50), and sits exactly on 50, which is level,
  // not below: the short exits at bar 4 (25). Bar 8 crosses below 70 (75 -> 58.33), bar 9
  // below 50.
  const bars = closeBars([10, 11, 12, 11, 10, 9, 9.5, 10.5, 10.25, 9.25, 9.5, 9]);
  const parameters = { period: 2 };

  it('enters on the cross back above oversold and exits on the cross above the exit level', () => {
    const signals = runStrategy(rsiReversion, bars, parameters);
    expect(signals.map((s) => [s.index, s.kind, s.side])).toEqual([
      [6, 'entry', 'long'],
      [7, 'exit', 'long'],
      [10, 'entry', 'long'],
    ]);
    expect(signals.map((s) => s.reason)).toEqual([
      'RSI(2) crossed back above the oversold level 30',
      'RSI(2) crossed above the exit level 50',
      'RSI(2) crossed back above the oversold level 30',
    ]);
    expect(signals[1].tag).toBe('oversold-reversion');
    expectSameSignals(runIncrementally(rsiReversion, bars, parameters), signals, 'incremental');
  });

  it('mirrors the rule for shorts, an RSI exactly on the exit level being no cross', () => {
    const signals = runStrategy(rsiReversion, bars, { ...parameters, direction: 'both' });
    expect(signals.map((s) => [s.index, s.kind, s.side])).toEqual([
      [3, 'entry', 'short'],
      [4, 'exit', 'short'],
      [6, 'entry', 'long'],
      [7, 'exit', 'long'],
      [8, 'entry', 'short'],
      [9, 'exit', 'short'],
      [10, 'entry', 'long'],
    ]);
    expect(signals[0].reason).toBe('RSI(2) crossed back below the overbought level 70');
    expect(signals[1].reason).toBe('RSI(2) crossed below the exit level 50 (100 - exitLevel)');
    expect(runStrategy(rsiReversion, bars, { ...parameters, direction: 'short' }).map((s) => s.index)).toEqual([3, 4, 8, 9]);
  });

  it('exits at overbought when the exit level is above it', () => {
    // exitLevel 80 > overbought 70: bar 7 (41.67 -> 75) crosses 70 first.
    const signals = runStrategy(rsiReversion, bars, { ...parameters, exitLevel: 80 });
    expect(signals[1]).toMatchObject({ index: 7, kind: 'exit', reason: 'RSI(2) crossed above the overbought level 70' });
  });

  it('names the parameter and what is allowed when one is invalid', () => {
    expect(() => runStrategy(rsiReversion, bars, { period: 1 })).toThrow(/rsi-reversion: period must be a whole number from 2 to 1000, got 1/);
    expect(() => runStrategy(rsiReversion, bars, { oversold: 75 })).toThrow(/rsi-reversion: oversold \(75\) must be below overbought \(70\)/);
    expect(() => runStrategy(rsiReversion, bars, { exitLevel: 20 })).toThrow(/rsi-reversion: oversold \(30\) must be below exitLevel \(20\)/);
    expect(() => runStrategy(rsiReversion, bars, { exitLevel: 25, oversold: 20 })).toThrow(/rsi-reversion: 100 - exitLevel \(the short exit\) \(75\) must be below overbought \(70\)/);
    expect(() => runIncrementally(rsiReversion, bars, { direction: 'sideways' })).toThrow(/direction must be one of long, short, both, got "sideways"/);
  });
});
