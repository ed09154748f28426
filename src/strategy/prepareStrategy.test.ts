import { describe, expect, it } from 'vitest';
import { randomWalkBars } from '../../test/randomWalk.js';
import { prepareStrategy } from './prepareStrategy.js';
import { runPreparedStrategy, runStrategy } from './runStrategy.js';
import { builtInStrategies, findStrategy } from './strategyRegistry.js';

describe('prepareStrategy', () => {
  const series = [randomWalkBars(600, 41, 'A'), randomWalkBars(900, 42, 'B'), randomWalkBars(3, 43, 'C')];

  it('one prepared strategy run over many series gives what runStrategy gives on each', () => {
    for (const strategy of builtInStrategies) {
      const prepared = prepareStrategy(strategy, strategy.name === 'ma-cross' ? { fastPeriod: 5, direction: 'both' } : {});
      for (const bars of series) expect(runPreparedStrategy(prepared, bars), `${strategy.name} on ${bars.symbol}`).toEqual(runStrategy(strategy, bars, prepared.parameters));
    }
  });

  it('checks the parameters and their relations when prepared, before any series', () => {
    expect(() => prepareStrategy(findStrategy('ma-cross'), { fastPeriod: 0 })).toThrow(/fastPeriod must be/);
    expect(() => prepareStrategy(findStrategy('macd-trend'), { fastPeriod: 30, slowPeriod: 20 })).toThrow(/fastPeriod \(30\) must be below slowPeriod \(20\)/);
  });
});
