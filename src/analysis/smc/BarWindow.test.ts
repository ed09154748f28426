import { describe, expect, it } from 'vitest';
import { ATR } from '../../indicators/volatility/atr.js';
import { randomWalkBars } from '../../../test/randomWalk.js';
import { BarWindow, hasMissingBar, streamedAtr } from './BarWindow.js';
import { TriggerList } from './TriggerList.js';

describe('streamedAtr', () => {
  it('is the indicators\' streaming ATR bit for bit, so batch and incremental thresholds agree exactly', () => {
    const bars = randomWalkBars(600, 3);
    for (const period of [1, 2, 5, 14, 50, 599, 600, 700]) {
      const stream = new ATR(period);
      const expected = Array.from(bars.high, (high, i) => stream.update(high, bars.low[i], bars.close[i]));
      const actual = Array.from(streamedAtr(bars.high, bars.low, bars.close, period));
      expect(actual.every((value, i) => Object.is(value, expected[i])), `period ${period}`).toBe(true);
    }
    expect(streamedAtr(new Float64Array(0), new Float64Array(0), new Float64Array(0), 14)).toEqual(new Float64Array(0));
  });
});

describe('BarWindow', () => {
  it('keeps the recent valid bars in a power-of-two ring and maps positions back to the caller\'s indexes', () => {
    const window = new BarWindow(11);
    expect(window.mask).toBe(15);
    for (let i = 0; i < 40; i++) {
      const valid = window.push(i, i + 1, i - 1, i, i * 1000 + (i === 7 ? Number.NaN : 0));
      expect(valid).toBe(i !== 7);
    }
    expect(window.index).toBe(39);
    expect(window.count).toBe(39);
    const latest = (window.count - 1) & window.mask;
    expect([window.close[latest], window.sourceIndex[latest]]).toEqual([39, 39]);
    // The bar 15 positions back is caller's bar 24 (bar 7 was skipped, long ago).
    expect(window.sourceIndex[(window.count - 1 - 15) & window.mask]).toBe(24);
    window.reset();
    expect([window.count, window.index]).toEqual([0, -1]);
  });

  it('hasMissingBar spots a non-finite value in any price or the time, and nothing else', () => {
    const bars = randomWalkBars(50, 4);
    expect(hasMissingBar(bars)).toBe(false);
    for (const name of ['open', 'high', 'low', 'close', 'time'] as const) {
      const damaged = bars.copy();
      damaged[name][17] = name === 'time' ? Number.POSITIVE_INFINITY : Number.NaN;
      expect(hasMissingBar(damaged), name).toBe(true);
    }
    const volume = bars.copy();
    volume.volume[3] = Number.NaN;
    expect(hasMissingBar(volume), 'volume is not read').toBe(false);
  });
});

describe('TriggerList', () => {
  it('falling: pops the highest key first, the older of equal keys first', () => {
    const list = new TriggerList<string>('falling');
    for (const [item, key] of [['a', 5], ['b', 9], ['c', 5], ['d', 1], ['e', 9]] as const) list.insert(item, key);
    const order: string[] = [];
    while (list.size > 0) {
      expect(list.next).toBe([9, 9, 5, 5, 1][order.length]);
      order.push(list.pop());
    }
    expect(order).toEqual(['b', 'e', 'a', 'c', 'd']);
    expect(list.next).toBeNaN();
  });

  it('rising: pops the lowest key first; remove and clear keep it consistent', () => {
    const list = new TriggerList<string>('rising');
    for (const [item, key] of [['a', 5], ['b', 2], ['c', 7], ['d', 2]] as const) list.insert(item, key);
    expect(list.remove('b')).toBe(true);
    expect(list.remove('zz')).toBe(false);
    expect(list.values()).toEqual(['c', 'a', 'd']);
    expect([list.pop(), list.next]).toEqual(['d', 5]);
    list.clear();
    expect([list.size, list.next]).toEqual([0, NaN]);
  });
});
