import { describe, expect, it } from 'vitest';
import { closeBars } from '../../../test/handMadeBars.js';
import { randomWalkBars } from '../../../test/randomWalk.js';
import { Bars } from '../../core/Bars.js';
import { donchianBreakout } from '../../strategy/builtin/donchianBreakout.js';
import { macdTrend } from '../../strategy/builtin/macdTrend.js';
import { movingAverageCross } from '../../strategy/builtin/movingAverageCross.js';
import type { Strategy } from '../../strategy/Strategy.js';
import { monteCarloTrades } from './monteCarloTrades.js';
import { parseGrid } from './parameterSpace.js';
import { walkForward } from './walkForward.js';

/** Holds one side from the first bar on: an entry at every bar (repeats add nothing). */
const hold: Strategy = {
  name: 'hold', title: 'Hold', description: 'holds long or short', indicators: () => [],
  parameters: [{ name: 'side', kind: 'choice', default: 'long', choices: ['long', 'short'], description: 'the side held' }],
  run: ({ bars }, { side }, emit) => {
    for (let i = 0; i < bars.length; i++) emit(i, { kind: 'entry', side: side as 'long' | 'short', reason: `hold ${side}` });
  },
  createState: () => ({ update: () => {} }),
};

describe('walkForward, worked by hand', () => {
  // Up 1% a bar for 20 bars, then down 1% a bar; every candle flat (open = close).
  const closes = Array.from({ length: 40 }, (_, i) => 100 * (i < 20 ? 1.01 ** i : 1.01 ** 19 * 0.99 ** (i - 19)));
  const bars = closeBars(closes);

  it('picks the side that won in-sample, holds it out-of-sample from the first open to the last close, and compounds the windows', async () => {
    const result = await walkForward(hold, [bars], { ranges: parseGrid(hold, 'side=long|short'), inSample: 10, outOfSample: 10, metric: 'totalReturn' });
    expect(result.windows.map((w) => [w.window.inStart, w.window.inEnd, w.window.outStart, w.window.outEnd])).toEqual([[0, 10, 10, 20], [10, 20, 20, 30], [20, 30, 30, 40]]);
    expect(result.windows.map((w) => w.parameters.side)).toEqual(['long', 'long', 'short']);
    // In-sample: the first window starts at bar 0, so its entry fills at bar 1's open; later ones at their first open.
    const inSample = [1.01 ** 8 - 1, 1.01 ** 9 - 1, 1 - 0.99 ** 9];
    const outOfSample = [1.01 ** 9 - 1, 0.99 ** 9 - 1, 1 - 0.99 ** 9];
    result.windows.forEach((window, k) => {
      expect(window.inSample.score, `in-sample ${k}`).toBeCloseTo(inSample[k], 12);
      expect(window.outOfSample.score, `out-of-sample ${k}`).toBeCloseTo(outOfSample[k], 12);
      expect(window.efficiency).toBeCloseTo(outOfSample[k] / inSample[k], 10);
      expect(window.evaluated).toBe(2);
    });
    const [stitched] = result.outOfSample.series;
    expect(stitched.metrics.totalReturn).toBeCloseTo(1.01 ** 9 * 0.99 ** 9 * (2 - 0.99 ** 9) - 1, 12);
    expect(stitched.trades.map((t) => [t.side, t.entryIndex, t.exitIndex])).toEqual([['long', 10, 19], ['long', 20, 29], ['short', 30, 39]]);
    expect(stitched.curve.time).toEqual(bars.time.slice(9));
    expect(stitched.curve.equity[0]).toBe(100_000);
    expect(result.inSampleScore).toBeCloseTo(inSample.reduce((a, b) => a + b) / 3, 12);
    expect(result.efficiency).toBeCloseTo(result.outOfSampleScore / result.inSampleScore, 12);
    expect(result.monteCarlo).toEqual(monteCarloTrades(stitched.trades));
  });

  it('anchors every in-sample window at the first bar when asked', async () => {
    const result = await walkForward(hold, [bars], { ranges: parseGrid(hold, 'side=long|short'), inSample: 10, outOfSample: 10, anchored: true, monteCarlo: false });
    expect(result.windows.map((w) => [w.window.inStart, w.window.inEnd])).toEqual([[0, 10], [0, 20], [0, 30]]);
    expect(result.anchored).toBe(true);
    expect(result.monteCarlo).toBeUndefined();
  });
});

describe('walkForward without look-ahead', () => {
  const length = 1_000;
  const original = randomWalkBars(length, 33);
  /** The same bars up to `cut`, another walk's prices after it (times unchanged). */
  const changedAfter = (cut: number): Bars => {
    const other = randomWalkBars(length, 77);
    const columns = { time: original.time.slice(), open: original.open.slice(), high: original.high.slice(), low: original.low.slice(), close: original.close.slice(), volume: original.volume.slice() };
    for (const name of ['open', 'high', 'low', 'close', 'volume'] as const) columns[name].set(other[name].subarray(cut), cut);
    return new Bars(original.symbol, original.timeframe, columns);
  };

  for (const [strategy, grid] of [[movingAverageCross, 'fastPeriod=3:15:6,slowPeriod=20:60:20,direction=both'], [donchianBreakout, 'entryPeriod=20|40,exitPeriod=5|10']] as const) {
    it(`${strategy.name}: window k's choice and results do not change when bars after its end do`, async () => {
      const options = { ranges: parseGrid(strategy, grid), inSample: 300, outOfSample: 150, simulation: { fees: { rate: 0.001 } } };
      const before = await walkForward(strategy, [original], options);
      expect(before.windows).toHaveLength(5);
      expect(before.outOfSample.series[0].trades.length).toBeGreaterThan(3);
      for (const k of [0, 2]) {
        const end = before.windows[k].window.outEnd;
        const after = await walkForward(strategy, [changedAfter(end)], options);
        expect(after.windows.slice(0, k + 1), `windows up to ${k}`).toEqual(before.windows.slice(0, k + 1));
        expect(after.windows[k + 1]).not.toEqual(before.windows[k + 1]);
        const stitchedEnd = end - before.windows[0].window.outStart + 1;
        expect(after.outOfSample.series[0].curve.equity.subarray(0, stitchedEnd)).toEqual(before.outOfSample.series[0].curve.equity.subarray(0, stitchedEnd));
      }
    });
  }

  it('scores several series on one clock, and refuses series on different clocks', async () => {
    const second = new Bars('SECOND', original.timeframe, { ...changedAfter(0), time: original.time });
    const options = { ranges: parseGrid(movingAverageCross, 'fastPeriod=5|10,slowPeriod=30'), inSample: 400, outOfSample: 300, monteCarlo: false as const };
    const result = await walkForward(movingAverageCross, [original, second], options);
    expect(result.outOfSample.series.map((entry) => entry.symbol)).toEqual(['WALK', 'SECOND']);
    expect(result.windows[0].outOfSample.series).toHaveLength(2);
    await expect(walkForward(movingAverageCross, [original, randomWalkBars(900, 1, 'SHORT')], options)).rejects.toThrow(/SHORT has other bar times than WALK/);
  });

  it('says so when the strategy refuses every point of the space', async () => {
    await expect(walkForward(macdTrend, [original], { ranges: parseGrid(macdTrend, 'fastPeriod=30,slowPeriod=20'), inSample: 400, outOfSample: 300 })).rejects.toThrow(
      /window 1 has no valid point to evaluate: macd-trend: fastPeriod \(30\) must be below slowPeriod \(20\)/,
    );
  });
});
