import { describe, expect, it } from 'vitest';
import { closeBars } from '../../../test/handMadeBars.js';
import { expectSameSignals, runIncrementally, testStrategyContract } from '../../../test/strategyContract.js';
import { runStrategy } from '../runStrategy.js';
import { supertrendFlip } from './supertrendFlip.js';

testStrategyContract(supertrendFlip, [{}, { period: 7, multiplier: 2, trailing: 'line-distance', direction: 'both' }, { direction: 'short' }]);

describe('supertrend on a hand-made series', () => {
  // SuperTrend(1, 1) on bars whose high = low = close: ATR(1) is the true range |close change|,
  // the basic bands are close ± ATR. The final upper band only falls (unless the previous
  // close was above it), the final lower band only rises (unless the previous close was below).
  // bar  close ATR  basic up/low  final up/low  trend
  // 1    11    1    12 / 10       12 / 10       down (the first bar starts down)
  // 2    12    1    13 / 11       12 / 11       down: 12 is not above 12
  // 3    13    1    14 / 12       12 / 12       up: 13 > 12; stop at the lower band 12
  // 4    12    1    13 / 11       13 / 12       up: 12 is not below 12
  // 5    10    2    12 / 8        12 / 12       down: 10 < 12; stop at the upper band 12
  // 6    9     1    10 / 8        10 / 8        down
  // 7    11    2    13 / 9        10 / 9        up: 11 > 10; stop at the lower band 9
  const bars = closeBars([10, 11, 12, 13, 12, 10, 9, 11]);
  const parameters = { period: 1, multiplier: 1 };

  it('enters where the direction turns up, with the line as the stop, and exits where it turns down', () => {
    const signals = runStrategy(supertrendFlip, bars, parameters);
    expect(signals.map((s) => [s.index, s.kind, s.side, s.stopLoss])).toEqual([
      [3, 'entry', 'long', 12],
      [5, 'exit', 'long', undefined],
      [7, 'entry', 'long', 9],
    ]);
    expect(signals[0]).toMatchObject({ reason: 'SuperTrend(1, 1) turned up: close 13 rose above its upper band, stop at the SuperTrend line', tag: 'supertrend-up' });
    expect(signals[1]).toMatchObject({ reason: 'SuperTrend(1, 1) turned down: close 10 fell below its lower band', tag: 'supertrend-up' });
    expectSameSignals(runIncrementally(supertrendFlip, bars, parameters), signals, 'incremental');
  });

  it('reverses with direction both and gives the line distance as the trailing stop', () => {
    const signals = runStrategy(supertrendFlip, bars, { ...parameters, direction: 'both', trailing: 'line-distance' });
    expect(signals.map((s) => [s.index, s.kind, s.side, s.stopLoss, s.trailingStop])).toEqual([
      [3, 'entry', 'long', 12, 1],
      [5, 'exit', 'long', undefined, undefined],
      [5, 'entry', 'short', 12, 2],
      [7, 'exit', 'short', undefined, undefined],
      [7, 'entry', 'long', 9, 2],
    ]);
  });

  it('names the parameter and its range when one is invalid', () => {
    expect(() => runStrategy(supertrendFlip, bars, { multiplier: 0 })).toThrow(/supertrend: multiplier must be a number from 0.1 to 20, got 0/);
    expect(() => runStrategy(supertrendFlip, bars, { trailing: 'atr' })).toThrow(/supertrend: trailing must be one of none, line-distance, got "atr"/);
  });
});
