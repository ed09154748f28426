import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Bars } from '../../core/Bars.js';
import { randomWalkBars } from '../../../test/randomWalk.js';
import { barsFromRows, expectNoLookAhead, seriesArbitrary, trendRows, withHoles, withoutRows } from '../../../test/smc/structureFixtures.js';
import { OrderBlockDetector, orderBlocks, type OrderBlock } from './orderBlocks.js';
import { structureBreaks } from './structureBreaks.js';

const strength = { swingLeft: 1, swingRight: 1 };
const brief = (block: OrderBlock) => [block.direction, block.candleIndex, block.bottom, block.top, block.index, block.mitigatedIndex, block.invalidatedIndex];

describe('order blocks: hand-labelled', () => {
  it('the last opposite candle at or before the extreme of the move that broke structure, with mitigation and invalidation', () => {
    const bars = barsFromRows(trendRows);
    const result = orderBlocks(bars, strength);
    expect(result.blocks.map(brief)).toEqual([
      // Bullish BOS @6 of the high @2: lowest low of bars 2..5 is bar 4 (a down candle).
      // Mitigated @9 (low 11.5 <= 11.5), invalidated @11 (close 9.2 < 9.5).
      [1, 4, 9.5, 11.5, 6, 9, 11],
      // Bearish CHoCH @11 of the low @9: highest high of bars 9..10 is bar 10 (an up candle). Never revisited.
      [-1, 10, 11.6, 12.6, 11, -1, -1],
      // Bearish BOS @15 of the low @12: highest high of bars 12..14 is bar 14 (down); the last up candle before it is bar 13.
      // Bar 16 trades into it (high 10.5 >= 8.8) and closes above its top (10.4 > 10).
      [-1, 13, 8.8, 10, 15, 16, 16],
      // Bullish CHoCH @16 of the high @14: lowest low of bars 14..15 is bar 15 (a down candle).
      [1, 15, 8, 9.6, 16, -1, -1],
    ]);
    const breaks = structureBreaks(bars, strength).breaks;
    expect(result.blocks.map((block) => block.structureBreak)).toEqual(breaks);
    expect(result.blocks[0]).toMatchObject({ candleTime: bars.time[4], time: bars.time[6], mitigatedTime: bars.time[9], invalidatedTime: bars.time[11] });
    expect(result.bullishBlockTop[6]).toBe(11.5);
    expect(result.bullishBlockBottom[6]).toBe(9.5);
    expect(result.bullishBlockCandle[6]).toBe(4);
    expect(result.bearishBlockCandle[11]).toBe(10);
    expect(result.bearishBlockCandle[15]).toBe(13);
    expect(result.bullishBlockCandle[16]).toBe(15);
    expect(result.bullishBlockCandle[7]).toBe(-1);
    expect(Array.from(result.bullishBlocksMitigated).map((count, i) => (count ? i : -1)).filter((i) => i >= 0)).toEqual([9]);
    expect(Array.from(result.bullishBlocksInvalidated).map((count, i) => (count ? i : -1)).filter((i) => i >= 0)).toEqual([11]);
    expect(result.bearishBlocksMitigated[16]).toBe(1);
    expect(result.bearishBlocksInvalidated[16]).toBe(1);
  });

  it('a break with no opposite candle in its move has no order block', () => {
    // Only up candles: the bullish BOS @3 of the high 12 @1 has nothing to anchor a block.
    const bars = barsFromRows([[10, 10.6, 9.5, 10.5], [10.5, 12, 10.4, 11.8], [11.8, 11.9, 11.5, 11.85], [11.85, 12.5, 11.8, 12.4]]);
    expect(structureBreaks(bars, strength).breaks.map((event) => [event.kind, event.index])).toEqual([['bos', 3]]);
    expect(orderBlocks(bars, strength).blocks).toEqual([]);
  });

  it('the incremental detector names the blocks created, mitigated and invalidated on each bar', () => {
    const bars = barsFromRows(trendRows);
    const detector = new OrderBlockDetector(strength);
    const log: string[] = [];
    for (let i = 0; i < bars.length; i++) {
      detector.update(bars.open[i], bars.high[i], bars.low[i], bars.close[i], bars.volume[i], bars.time[i]);
      for (const block of detector.mitigated) log.push(`${i}: mitigated ${block.candleIndex}`);
      for (const block of detector.invalidated) log.push(`${i}: invalidated ${block.candleIndex}`);
      if (detector.newBullish) log.push(`${i}: bullish ${detector.newBullish.candleIndex}`);
      if (detector.newBearish) log.push(`${i}: bearish ${detector.newBearish.candleIndex}`);
    }
    expect(log).toEqual(['6: bullish 4', '9: mitigated 4', '11: invalidated 4', '11: bearish 10', '15: bearish 13', '16: mitigated 13', '16: invalidated 13', '16: bullish 15']);
    expect(detector.liveBlocks().map((block) => block.candleIndex).sort()).toEqual([10, 15]);
  });
});

function checkBlocks(bars: Bars, left: number, right: number, byWick: boolean): void {
  const options = { swingLeft: left, swingRight: right, breakBy: byWick ? 'wick' : 'close' } as const;
  const breaks = structureBreaks(bars, options).breaks;
  const result = orderBlocks(bars, options);
  const { open, high, low, close } = bars;
  const firstAfter = (from: number, test: (j: number) => boolean) => {
    for (let j = from + 1; j < bars.length; j++) if (test(j)) return j;
    return -1;
  };
  const expected = breaks.flatMap((event) => {
    const bullish = event.direction === 1;
    // The move's extreme: latest lowest low (bullish) / highest high (bearish) of pivot .. break - 1.
    let extreme = event.swing.index;
    for (let j = event.swing.index; j < event.index; j++) if (bullish ? low[j] <= low[extreme] : high[j] >= high[extreme]) extreme = j;
    let candle = -1;
    for (let j = extreme; j >= event.swing.index && candle < 0; j--) if (bullish ? close[j] < open[j] : close[j] > open[j]) candle = j;
    if (candle < 0) return [];
    const top = high[candle];
    const bottom = low[candle];
    return [{
      direction: event.direction, candleIndex: candle, top, bottom, index: event.index,
      mitigatedIndex: firstAfter(event.index, (j) => (bullish ? low[j] <= top : high[j] >= bottom)),
      invalidatedIndex: firstAfter(event.index, (j) => (bullish ? close[j] < bottom : close[j] > top)),
    }];
  });
  expect(result.blocks.map(({ direction, candleIndex, top, bottom, index, mitigatedIndex, invalidatedIndex }) => ({ direction, candleIndex, top, bottom, index, mitigatedIndex, invalidatedIndex }))).toEqual(expected);
  for (const block of result.blocks) {
    expect(block.structureBreak.index).toBe(block.index);
    if (block.invalidatedIndex >= 0) expect(block.mitigatedIndex).toBeGreaterThanOrEqual(0);
    if (block.invalidatedIndex >= 0) expect(block.mitigatedIndex).toBeLessThanOrEqual(block.invalidatedIndex);
  }
}

describe('order blocks: properties', () => {
  it('each is the last opposite candle at or before the move\'s extreme, between the broken swing and the break; mitigation and invalidation are the first bars that reach it', () => {
    fc.assert(
      fc.property(seriesArbitrary, fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }), fc.boolean(), (bars, left, right, byWick) => checkBlocks(bars, left, right, byWick)),
      { numRuns: 100 },
    );
  });

  it('use no bar after the one they are reported at (look-ahead)', () => {
    expectNoLookAhead((bars) => orderBlocks(bars, { swingLeft: 2, swingRight: 3 }));
  });
});

describe('order blocks: incremental', () => {
  const bars = randomWalkBars(3_000, 14);
  const options = { swingLeft: 3, swingRight: 2 };
  const batch = orderBlocks(bars, options);

  it('the detector fed bar by bar holds on each bar what the batch columns hold, and the same blocks', () => {
    const detector = new OrderBlockDetector(options);
    const seen: OrderBlock[] = [];
    for (let i = 0; i < bars.length; i++) {
      detector.update(bars.open[i], bars.high[i], bars.low[i], bars.close[i], bars.volume[i], bars.time[i]);
      expect(detector.newBullish?.top ?? NaN, `bar ${i}`).toBe(batch.bullishBlockTop[i]);
      expect(detector.newBearish?.candleIndex ?? -1).toBe(batch.bearishBlockCandle[i]);
      expect(detector.mitigated.length).toBe(batch.bullishBlocksMitigated[i] + batch.bearishBlocksMitigated[i]);
      expect(detector.invalidated.length).toBe(batch.bullishBlocksInvalidated[i] + batch.bearishBlocksInvalidated[i]);
      if (detector.newBullish) seen.push(detector.newBullish);
      if (detector.newBearish) seen.push(detector.newBearish);
    }
    expect(seen).toEqual(batch.blocks);
    expect(batch.blocks.length).toBeGreaterThan(100);
    detector.reset();
    for (let i = 0; i < bars.length; i++) detector.update(bars.open[i], bars.high[i], bars.low[i], bars.close[i], bars.volume[i], bars.time[i]);
    expect(detector.blocks, 'after reset').toEqual(batch.blocks);
  });

  it('skips a non-finite bar as if it were absent', () => {
    const holes = [7, 8, 1_234, 2_500];
    const damaged = orderBlocks(withHoles(bars, holes), options);
    const { bars: compact, kept } = withoutRows(bars, holes);
    const map = (index: number) => (index < 0 ? -1 : kept[index]);
    const expected = orderBlocks(compact, options).blocks.map((block) => [block.candleIndex, block.index, block.mitigatedIndex, block.invalidatedIndex].map(map));
    expect(damaged.blocks.map((block) => [block.candleIndex, block.index, block.mitigatedIndex, block.invalidatedIndex])).toEqual(expected);
  });
});
