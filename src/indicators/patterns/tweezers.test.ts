import { describe, expect, it } from 'vitest';
import { candleColumns, gappedWalkBars, plainCandles } from '../../../test/talibPatternCheck.js';
import { cdlTweezerBottom, cdlTweezerBottomLookback } from './cdlTweezerBottom.js';
import { cdlTweezerTop, cdlTweezerTopLookback } from './cdlTweezerTop.js';

// Five ordinary candles (range 2) before the first candle: the "equal" tolerance is 0.05 * 2 = 0.1.
describe('cdlTweezerTop', () => {
  it('flags a white then a black candle with highs within 0.1 (hand-built)', () => {
    const rows: [number, number, number, number][] = [
      ...plainCandles(6),
      [101, 102, 100.5, 101.5], // 6: white
      [101.5, 102.0625, 100.5, 100.75], // 7: black, high 102.0625 vs 102: top at 7
      [100.75, 102.25, 100.5, 102], // 8: white
      [102, 102.5, 101, 101.25], // 9: black, high 102.5 vs 102.25: 0.25 apart, no top
      [101, 102, 100.5, 101.5], // 10: white
      [101.5, 101.9375, 101, 101.75], // 11: white again, equal highs: no top
    ];
    const result = cdlTweezerTop(...candleColumns(rows));
    expect(cdlTweezerTopLookback()).toBe(6);
    expect(Array.from(result.subarray(0, 6)).every(Number.isNaN)).toBe(true);
    expect(Array.from(result.subarray(6))).toEqual([0, -100, 0, 0, 0, 0]);
  });

  it('never flags a flat candle (no direction) and accepts the tolerance bound exactly', () => {
    const rows: [number, number, number, number][] = [
      ...plainCandles(6),
      [101, 102, 100.5, 101], // 6: flat
      [101.5, 102, 100.5, 100.75], // 7: black with the same high: no top, the first candle has no direction
      [100.75, 102, 100.5, 101.5], // 8: white
      [101.5, 102.125, 100.5, 100.75], // 9: black, high 0.125 above: beyond the tolerance (0.1)
    ];
    expect(Array.from(cdlTweezerTop(...candleColumns(rows)).subarray(6))).toEqual([0, 0, 0, 0]);
  });
});

describe('cdlTweezerBottom', () => {
  it('flags a black then a white candle with lows within 0.1 (hand-built)', () => {
    const rows: [number, number, number, number][] = [
      ...plainCandles(6),
      [101, 101.5, 99.5, 100], // 6: black
      [100, 101.5, 99.4375, 101], // 7: white, low 99.4375 vs 99.5: bottom at 7
      [101, 101.5, 99.5, 100], // 8: black
      [100, 101.5, 99.25, 101], // 9: white, low 0.25 below: no bottom
      [101, 101.5, 99.5, 100], // 10: black
      [100, 101.5, 99.5, 99.75], // 11: black again: no bottom
    ];
    const result = cdlTweezerBottom(...candleColumns(rows));
    expect(cdlTweezerBottomLookback()).toBe(6);
    expect(Array.from(result.subarray(0, 6)).every(Number.isNaN)).toBe(true);
    expect(Array.from(result.subarray(6))).toEqual([0, 100, 0, 0, 0, 0]);
  });

  it('mirrors the top: inverting prices turns every bottom into a top', () => {
    // Price p -> 1000 - p swaps high and low and the colors, so the two patterns must coincide.
    const bars = gappedWalkBars(5_000, 3);
    const mirror = (x: Float64Array) => x.map((p) => 1000 - p);
    const bottoms = cdlTweezerBottom(bars.open, bars.high, bars.low, bars.close);
    const tops = cdlTweezerTop(mirror(bars.open), mirror(bars.low), mirror(bars.high), mirror(bars.close));
    let count = 0;
    for (let i = 6; i < bars.length; i++) {
      if (bottoms[i] !== 0) count++;
      expect(tops[i] === -bottoms[i], `bar ${i}: top ${tops[i]}, bottom ${bottoms[i]}`).toBe(true);
    }
    expect(count).toBeGreaterThan(0);
  });
});
