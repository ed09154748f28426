import { describe, expect, it } from 'vitest';
import { walkForwardWindows } from './walkForwardWindows.js';

describe('walkForwardWindows', () => {
  it('slides rolling windows so that the tests tile the rest of the series', () => {
    expect(walkForwardWindows(10, { inSample: 4, outOfSample: 3 })).toEqual([
      { inStart: 0, inEnd: 4, outStart: 4, outEnd: 7 },
      { inStart: 3, inEnd: 7, outStart: 7, outEnd: 10 },
    ]);
    expect(walkForwardWindows(11, { inSample: 4, outOfSample: 3 }).at(-1)).toEqual({ inStart: 6, inEnd: 10, outStart: 10, outEnd: 11 });
  });

  it('anchors every in-sample window at the first bar when asked', () => {
    expect(walkForwardWindows(10, { inSample: 4, outOfSample: 3, anchored: true }).map((w) => [w.inStart, w.inEnd])).toEqual([[0, 4], [0, 7]]);
  });

  it('refuses windows the series cannot hold', () => {
    expect(() => walkForwardWindows(4, { inSample: 4, outOfSample: 2 })).toThrow(/needs more than inSample \(4\) bars; the series has 4/);
    expect(() => walkForwardWindows(40, { inSample: 0, outOfSample: 2 })).toThrow(/inSample must be a whole number of bars >= 1, got 0/);
  });
});
