import { describe, expect, it } from 'vitest';
import { closeBars } from '../../../test/handMadeBars.js';
import { expectSameSignals, runIncrementally, testStrategyContract } from '../../../test/strategyContract.js';
import { runStrategy } from '../runStrategy.js';
import { donchianBreakout } from './donchianBreakout.js';

testStrategyContract(donchianBreakout, [{}, { entryPeriod: 55, exitPeriod: 20, trailAtr: 3, direction: 'both' }, { direction: 'short', stopAtr: 0 }]);

describe('donchian-breakout on a hand-made series', () => {
  // Entry channel 3 bars, exit channel 2 bars, ATR(2), stop 2 ATR; high = low = close, so the
  // channels are the highest and lowest closes and every true range is 1 (ATR 1).
  // bar   close  prior 3-bar high/low  prior 2-bar high/low
  // 3     11     11 / 10               11 / 10    11 is not above 11: no breakout
  // 4     12     11 / 10               11 / 10    above 11: long, stop 12 - 2
  // 5     11     12 / 10               12 / 11    11 is not below 11
  // 6     10     12 / 11               12 / 11    below 11: exit long; below 11: short, stop 10 + 2
  // 7     9      12 / 10               11 / 10
  // 8     8      11 / 9                10 / 9
  // 9     9      10 / 8                9 / 8
  // 10    10     9 / 8                 9 / 8      above 9: exit short; above 9: long, stop 10 - 2
  const bars = closeBars([10, 11, 10, 11, 12, 11, 10, 9, 8, 9, 10]);
  const parameters = { entryPeriod: 3, exitPeriod: 2, atrPeriod: 2 };

  it('enters on a close above the prior N-bar high and exits on a close below the prior M-bar low', () => {
    const signals = runStrategy(donchianBreakout, bars, parameters);
    expect(signals.map((s) => [s.index, s.kind, s.side, s.stopLoss])).toEqual([
      [4, 'entry', 'long', 10],
      [6, 'exit', 'long', undefined],
      [10, 'entry', 'long', 8],
    ]);
    expect(signals[0].reason).toBe('close 12 broke above the prior 3-bar high 11, stop 2 ATR(2)');
    expect(signals[1]).toMatchObject({ reason: 'close 10 fell below the prior 2-bar low 11', tag: 'donchian-breakout-up' });
    expectSameSignals(runIncrementally(donchianBreakout, bars, parameters), signals, 'incremental');
  });

  it('mirrors it for shorts and reverses on one bar through both channels', () => {
    const signals = runStrategy(donchianBreakout, bars, { ...parameters, direction: 'both', trailAtr: 1.5 });
    expect(signals.map((s) => [s.index, s.kind, s.side, s.stopLoss, s.trailingStop])).toEqual([
      [4, 'entry', 'long', 10, 1.5],
      [6, 'exit', 'long', undefined, undefined],
      [6, 'entry', 'short', 12, 1.5],
      [10, 'exit', 'short', undefined, undefined],
      [10, 'entry', 'long', 8, 1.5],
    ]);
    expect(signals[2].reason).toBe('close 10 broke below the prior 3-bar low 11, stop 2 ATR(2)');
    expect(signals[3].reason).toBe('close 10 rose above the prior 2-bar high 9');
  });

  it('leaves out a stop that would not be above zero', () => {
    // Closes 2 -> 3: ATR(2) is 1 at the breakout and 3 - 4 ATRs is negative.
    const signals = runStrategy(donchianBreakout, closeBars([1, 2, 1, 2, 3]), { ...parameters, stopAtr: 4 });
    expect(signals).toHaveLength(1);
    expect(signals[0]).toMatchObject({ index: 4, kind: 'entry', reason: 'close 3 broke above the prior 3-bar high 2' });
    expect(signals[0].stopLoss).toBeUndefined();
  });

  it('names the parameters when they are invalid', () => {
    expect(() => runStrategy(donchianBreakout, bars, { entryPeriod: 20, exitPeriod: 20 })).toThrow(/donchian-breakout: exitPeriod \(20\) must be below entryPeriod \(20\)/);
    expect(() => runStrategy(donchianBreakout, bars, { atrPeriod: 0 })).toThrow(/donchian-breakout: atrPeriod must be a whole number from 1 to 1000, got 0/);
  });
});
