import { describe, expect, it } from 'vitest';
import { randomWalkBars } from '../../test/randomWalk.js';
import { computeAll } from './computeAll.js';
import { PlanStream } from './PlanStream.js';
import { indicatorDefinitions } from './registry/registry.js';

describe('PlanStream', () => {
  const bars = randomWalkBars(600, 7);
  const streamable = indicatorDefinitions.filter((definition) => definition.createStream !== undefined);

  it('gives every column of computeAll bar by bar, for every streamable indicator of the registry at its defaults', () => {
    const plan = streamable.map((definition) => ({ name: definition.name }));
    const batch = computeAll(bars, plan);
    const stream = new PlanStream(plan);
    expect(stream.columns).toEqual([...batch.keys()]);
    for (let i = 0; i < bars.length; i++) {
      const values = stream.update(bars.time[i], bars.open[i], bars.high[i], bars.low[i], bars.close[i], bars.volume[i]);
      stream.columns.forEach((column, k) => {
        const expected = batch.get(column)![i];
        if (Number.isNaN(expected)) expect(values[k], `${column} bar ${i}`).toBeNaN();
        else expect(Math.abs(values[k] - expected), `${column} bar ${i}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
      });
    }
  });

  it('reads columns by name and names the plan columns when one is unknown', () => {
    const stream = new PlanStream([{ name: 'macd' }, { name: 'sma', parameters: { period: 3 }, as: 'fast' }]);
    for (let i = 0; i < 50; i++) stream.update(bars.time[i], bars.open[i], bars.high[i], bars.low[i], bars.close[i], bars.volume[i]);
    expect(stream.get('fast')).toBeCloseTo((bars.close[47] + bars.close[48] + bars.close[49]) / 3, 12);
    expect(stream.get('macd.histogram')).toBeCloseTo(stream.get('macd.macd') - stream.get('macd.signal'), 12);
    expect(() => stream.get('slow')).toThrow(/no column "slow".*macd\.macd, macd\.signal, macd\.histogram, fast/);
  });

  it('reset starts over', () => {
    const stream = new PlanStream([{ name: 'ema', parameters: { period: 5 } }]);
    for (let i = 0; i < 20; i++) stream.update(bars.time[i], bars.open[i], bars.high[i], bars.low[i], bars.close[i], bars.volume[i]);
    stream.reset();
    expect(stream.values[0]).toBeNaN();
    for (let i = 0; i < 5; i++) stream.update(bars.time[i], bars.open[i], bars.high[i], bars.low[i], bars.close[i], bars.volume[i]);
    expect(stream.values[0]).toBeCloseTo((bars.close[0] + bars.close[1] + bars.close[2] + bars.close[3] + bars.close[4]) / 5, 12);
  });
});
