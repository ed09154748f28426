import { describe, expect, it } from 'vitest';
import { closeBars } from '../../../test/handMadeBars.js';
import { expectSameSignals, runIncrementally, testStrategyContract } from '../../../test/strategyContract.js';
import { runStrategy } from '../runStrategy.js';
import { bollingerReversion } from './bollingerReversion.js';

testStrategyContract(bollingerReversion, [{}, { stopAtr: 2, direction: 'both' }, { direction: 'short', period: 10, deviations: 1, stopAtr: 1.5 }]);

describe('bollinger-reversion on a hand-made series', () => {
  // BB(3, 1) and ATR(2) on bars whose high = low = close, so a true range is |close change|
  // and ATR(2) starts at bar 2 with the mean of bars 1-2's ranges, then (previous + range) / 2.
  // bar  close  window     middle  sd     upper  lower   range ATR
  // 2    20     20 21 20   20.33   0.471  20.80  19.86   1     1       inside
  // 3    14     21 20 14   18.33   3.091  21.42  15.24   6     3.5     below the lower band
  // 4    15     20 14 15   16.33   2.625  18.96  13.71   1     2.25    back above it: long, target 16.33, stop 15 - 2.25
  // 5    16     14 15 16   15      0.816  15.82  14.18   1     1.625   at or above the middle: exit
  // 6    19     15 16 19   16.67   1.700  18.37  14.97   3     2.3125  above the upper band
  // 7    18     16 19 18   17.67   1.247  18.91  16.42   1     1.65625 back below it: short, target 17.67, stop 18 + 1.65625
  // 8    17     19 18 17   18      0.816  18.82  17.18   1     1.328   at or below the middle: exit
  const bars = closeBars([20, 21, 20, 14, 15, 16, 19, 18, 17]);
  const parameters = { period: 3, deviations: 1, stopAtr: 1, atrPeriod: 2 };

  it('enters on the close back inside the lower band, targets the middle band and stops an ATR below', () => {
    const signals = runStrategy(bollingerReversion, bars, parameters);
    expect(signals.map((s) => [s.index, s.kind, s.side])).toEqual([
      [4, 'entry', 'long'],
      [5, 'exit', 'long'],
    ]);
    expect(signals[0].takeProfit).toBeCloseTo(49 / 3, 12);
    expect(signals[0].stopLoss).toBeCloseTo(12.75, 12);
    expect(signals[0].reason).toBe('close 15 crossed back above the lower band of BB(3, 1), stop 1 ATR(2)');
    expect(signals[1]).toMatchObject({ reason: 'close 16 reached the middle band of BB(3, 1)', tag: 'lower-band-reversion' });
    expectSameSignals(runIncrementally(bollingerReversion, bars, parameters), signals, 'incremental');
  });

  it('mirrors it on the upper band for shorts', () => {
    const signals = runStrategy(bollingerReversion, bars, { ...parameters, direction: 'both' });
    expect(signals.map((s) => [s.index, s.kind, s.side])).toEqual([
      [4, 'entry', 'long'],
      [5, 'exit', 'long'],
      [7, 'entry', 'short'],
      [8, 'exit', 'short'],
    ]);
    expect(signals[2].takeProfit).toBeCloseTo(53 / 3, 12);
    expect(signals[2].stopLoss).toBeCloseTo(19.65625, 12);
  });

  it('gives no stop with stopAtr 0', () => {
    const signals = runStrategy(bollingerReversion, bars, { ...parameters, stopAtr: 0 });
    expect(signals[0].stopLoss).toBeUndefined();
    expect(signals[0].reason).toBe('close 15 crossed back above the lower band of BB(3, 1)');
  });

  it('names the parameter and its range when one is invalid', () => {
    expect(() => runStrategy(bollingerReversion, bars, { stopAtr: -1 })).toThrow(/bollinger-reversion: stopAtr must be a number from 0 to 20, got -1/);
    expect(() => runStrategy(bollingerReversion, bars, { period: 2.5 })).toThrow(/bollinger-reversion: period must be a whole number from 2 to 1000, got 2.5/);
  });
});
