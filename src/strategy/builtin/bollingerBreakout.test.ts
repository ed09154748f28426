import { describe, expect, it } from 'vitest';
import { closeBars } from '../../../test/handMadeBars.js';
import { expectSameSignals, runIncrementally, testStrategyContract } from '../../../test/strategyContract.js';
import { runStrategy } from '../runStrategy.js';
import { bollingerBreakout } from './bollingerBreakout.js';

testStrategyContract(bollingerBreakout, [{}, { period: 10, deviations: 1.5, direction: 'both' }, { direction: 'short' }]);

describe('bollinger-breakout on a hand-made series', () => {
  // BB(3, 1): middle = mean of the last 3 closes, bands at 1 population standard deviation.
  // bar   close  window      middle   sd      upper   lower
  // 2,3   10     10 10 10    10       0       10      10      flat: the close is level with every band
  // 4     13     10 10 13    11       1.414   12.41   9.59    13 > upper, from level: long
  // 5     12     10 13 12    11.67    1.247   12.91   10.42   inside, above the middle
  // 6     10     13 12 10    11.67    1.247   12.91   10.42   below the middle (exit) and the lower band (short)
  // 7     9      12 10 9     10.33    1.247   11.58   9.09    below
  // 8     11     10 9 11     10       0.816   10.82   9.18    above the middle (exit short) and the upper band (long)
  // 9     11     9 11 11     10.33    0.943   11.28   9.39    inside
  const bars = closeBars([10, 10, 10, 10, 13, 12, 10, 9, 11, 11]);
  const parameters = { period: 3, deviations: 1 };

  it('enters on the close crossing above the upper band and exits on the cross back below the middle', () => {
    const signals = runStrategy(bollingerBreakout, bars, parameters);
    expect(signals.map((s) => [s.index, s.kind, s.side, s.tag])).toEqual([
      [4, 'entry', 'long', 'upper-band-breakout'],
      [6, 'exit', 'long', 'upper-band-breakout'],
      [8, 'entry', 'long', 'upper-band-breakout'],
    ]);
    expect(signals[0].reason).toBe('close 13 crossed above the upper band of BB(3, 1)');
    expect(signals[1].reason).toBe('close 10 crossed back below the middle band of BB(3, 1)');
    expectSameSignals(runIncrementally(bollingerBreakout, bars, parameters), signals, 'incremental');
  });

  it('closes the long and opens a short on one bar falling through the middle and the lower band', () => {
    const signals = runStrategy(bollingerBreakout, bars, { ...parameters, direction: 'both' });
    expect(signals.map((s) => [s.index, s.kind, s.side])).toEqual([
      [4, 'entry', 'long'],
      [6, 'exit', 'long'],
      [6, 'entry', 'short'],
      [8, 'exit', 'short'],
      [8, 'entry', 'long'],
    ]);
    expect(signals[2].reason).toBe('close 10 crossed below the lower band of BB(3, 1)');
    expect(signals[3].reason).toBe('close 11 crossed back above the middle band of BB(3, 1)');
    expect(runStrategy(bollingerBreakout, bars, { ...parameters, direction: 'short' }).map((s) => [s.index, s.kind])).toEqual([
      [6, 'entry'],
      [8, 'exit'],
    ]);
  });

  it('names the parameter and its range when one is invalid', () => {
    expect(() => runStrategy(bollingerBreakout, bars, { deviations: 0 })).toThrow(/bollinger-breakout: deviations must be a number from 0.1 to 10, got 0/);
    expect(() => runStrategy(bollingerBreakout, bars, { width: 2 })).toThrow(/unknown parameter "width"; its parameters are: period, deviations, direction/);
  });
});
