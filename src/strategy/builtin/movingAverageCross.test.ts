import { describe, expect, it } from 'vitest';
import { Bars } from '../../core/Bars.js';
import { Timeframe } from '../../core/Timeframe.js';
import { testStrategyContract } from '../../../test/strategyContract.js';
import { runStrategy } from '../runStrategy.js';
import { movingAverageCross } from './movingAverageCross.js';

testStrategyContract(movingAverageCross, [{}, { type: 'ema', fastPeriod: 5, slowPeriod: 20, direction: 'both' }, { direction: 'short', fastPeriod: 3, slowPeriod: 8 }]);

function closes(values: number[]): Bars {
  const time = Float64Array.from(values, (_, i) => Date.UTC(2024, 0, 1) + i * 86_400_000);
  const close = Float64Array.from(values);
  return new Bars('HAND', Timeframe.of('1d'), { time, open: close, high: close, low: close, close, volume: new Float64Array(values.length).fill(1) });
}

describe('ma-cross on a hand-made series', () => {
  // SMA(2) and SMA(3) of 5 5 5 4 3 2 3 5 7 7 4 2: fast crosses above at bar 7 (4 > 3.33 after 2.5 <= 2.67), below at bar 10.
  const bars = closes([5, 5, 5, 4, 3, 2, 3, 5, 7, 7, 4, 2]);

  it('enters at the bar the fast average closes above the slow one and exits where it closes below', () => {
    const signals = runStrategy(movingAverageCross, bars, { fastPeriod: 2, slowPeriod: 3 });
    expect(signals.map((s) => [s.index, s.kind, s.side, s.tag])).toEqual([
      [7, 'entry', 'long', 'golden-cross'],
      [10, 'exit', 'long', 'death-cross'],
    ]);
    expect(signals[0].reason).toBe('SMA(2) crossed above SMA(3)');
    expect(signals[0].time).toBe(bars.time[7]);
  });

  it('reverses on both sides with direction both, and shorts first when the first cross is down', () => {
    const signals = runStrategy(movingAverageCross, bars, { fastPeriod: 2, slowPeriod: 3, direction: 'both' });
    expect(signals.map((s) => [s.index, s.kind, s.side])).toEqual([
      [3, 'entry', 'short'],
      [7, 'exit', 'short'],
      [7, 'entry', 'long'],
      [10, 'exit', 'long'],
      [10, 'entry', 'short'],
    ]);
  });

  it('names the parameter and its range when one is invalid', () => {
    expect(() => runStrategy(movingAverageCross, bars, { fastPeriod: 1 })).toThrow(/ma-cross: fastPeriod must be a whole number from 2 to 1000, got 1/);
    expect(() => runStrategy(movingAverageCross, bars, { speed: 1 })).toThrow(/unknown parameter "speed"; its parameters are: fastPeriod, slowPeriod, type, direction/);
  });
});
