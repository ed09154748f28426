import { describe, expect, it } from 'vitest';
import { randomWalkBars } from '../../test/randomWalk.js';
import { Bars } from '../core/Bars.js';
import { Timeframe } from '../core/Timeframe.js';
import { buyAndHold } from '../strategy/builtin/buyAndHold.js';
import { movingAverageCross } from '../strategy/builtin/movingAverageCross.js';
import { runStrategy } from '../strategy/runStrategy.js';
import { backtestStrategy } from './backtestStrategy.js';
import { estimatePeriodsPerYear } from './estimatePeriodsPerYear.js';
import { simulate } from './simulator/simulate.js';

describe('backtestStrategy', () => {
  const universe = [randomWalkBars(600, 1, 'A'), randomWalkBars(600, 2, 'B'), randomWalkBars(600, 3, 'C')];

  it('routes every symbol\'s signals into one portfolio with equal slots, as simulate does by hand', () => {
    const run = backtestStrategy(universe, { strategy: movingAverageCross, parameters: { fastPeriod: 5, slowPeriod: 20 }, simulation: { fees: { rate: 0.001 } } });
    const signals = universe.flatMap((bars) => runStrategy(movingAverageCross, bars, { fastPeriod: 5, slowPeriod: 20 }));
    const direct = simulate({ symbols: universe.map((bars) => ({ bars })), signals, router: { positionFraction: 1 / 3 } }, { fees: { rate: 0.001 } });
    expect(run.result.curve.equity).toEqual(direct.curve.equity);
    expect(run.result.trades).toEqual(direct.trades);
    expect(run.signals).toBe(signals.length);
    expect(run.metrics.tradeCount).toBe(direct.trades.length);
    expect(run.metrics.tradeCount).toBeGreaterThan(20);
  });

  it('compares with buy-and-hold of the same universe: buy-and-hold against itself has alpha 0 and beta 1', () => {
    const run = backtestStrategy(universe, { strategy: buyAndHold });
    expect(run.benchmark).toEqual(run.result.curve.equity);
    expect(run.metrics.benchmark!.beta).toBeCloseTo(1, 12);
    expect(run.metrics.benchmark!.alpha).toBeCloseTo(0, 12);
    expect(run.metrics.totalReturn).toBeCloseTo(run.metrics.benchmark!.totalReturn, 12);
  });

  it('annualises with the bars per year the data has', () => {
    const weekdays = Float64Array.from({ length: 505 }, (_, k) => Date.UTC(2020, 0, 6) + (Math.floor(k / 5) * 7 + (k % 5)) * 86_400_000);
    // Bar 504 is week 100, day 4: 704 days after the first; 504 steps over 704/365.25 years, about 261.5 a year.
    expect(estimatePeriodsPerYear(weekdays, Timeframe.of('1d'))).toBeCloseTo((504 * 365.25) / 704, 9);
    expect(estimatePeriodsPerYear(Float64Array.of(0, 86_400_000), Timeframe.of('1d'))).toBeCloseTo(365.25, 12);
    expect(backtestStrategy(universe, { strategy: buyAndHold }).periodsPerYear).toBeCloseTo(365.25, 9);
  });

  it('refuses an empty universe and names a bad parameter', () => {
    expect(() => backtestStrategy([], { strategy: buyAndHold })).toThrow(/universe is empty/);
    expect(() => backtestStrategy([Bars.empty('X', Timeframe.of('1d'))], { strategy: movingAverageCross, parameters: { fastPeriod: 0 } })).toThrow(/fastPeriod must be/);
  });
});
