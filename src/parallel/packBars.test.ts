import { describe, expect, it } from 'vitest';
import { Bars } from '../core/Bars.js';
import { Timeframe } from '../core/Timeframe.js';
import { validateBars } from '../data/validate/validateBars.js';
import { packBars, unpackBars } from './packBars.js';

function dailyBars(symbol: string, closes: number[]): Bars {
  const bars = Bars.allocate(symbol, Timeframe.of('1d'), closes.length);
  closes.forEach((close, i) => {
    bars.time[i] = Date.UTC(2024, 0, 1 + i);
    bars.open[i] = close;
    bars.high[i] = close + 1;
    bars.low[i] = close - 1;
    bars.close[i] = close;
    bars.volume[i] = 100;
  });
  return bars;
}

describe('packBars / unpackBars', () => {
  it('rebuilds every series with its rows, and carries a validation across the thread boundary', () => {
    const validated = validateBars({ bars: dailyBars('AAA', [10, 11, 12]) }).bars;
    const plain = dailyBars('BBB', [5, 4]);
    const [a, b] = unpackBars(structuredClone(packBars([validated, plain])));
    expect(Array.from(a.close)).toEqual([10, 11, 12]);
    expect(Array.from(b.low)).toEqual([4, 3]);
    expect(a.symbol).toBe('AAA');
    expect(a.validation).toEqual({ lowestLow: 9 });
    expect(b.validation).toBeUndefined();
  });

  it('keeps a validation on slices and copies only: new, picked or joined rows start unvalidated', () => {
    const validated = validateBars({ bars: dailyBars('AAA', [10, 11, 12]) }).bars;
    expect(validated.slice(1).validation).toEqual({ lowestLow: 9 });
    expect(validated.copy().validation).toEqual({ lowestLow: 9 });
    expect(validated.pick([2, 0]).validation).toBeUndefined();
    expect(Bars.concat([validated, validated]).validation).toBeUndefined();
    expect(new Bars('AAA', validated.timeframe, validated.columns()).validation).toBeUndefined();
  });
});
