import { describe, expect, it } from 'vitest';
import { randomWalkBars } from '../../test/randomWalk.js';
import type { Trade } from '../backtest/Trade.js';
import { tradeBarIndex, tradeColors, tradesChart } from './tradesChart.js';

const day = 86_400_000;
const bars = randomWalkBars(40, 3, 'XYZ');
const trade = (id: number, fields: Partial<Trade>): Trade => ({
  id, symbol: 'XYZ', strategy: 's', side: 'long', quantity: 10, entryTime: bars.time[5], entryIndex: 5, entryPrice: 100, exitTime: bars.time[9], exitIndex: 9,
  exitPrice: 101, pnl: 10, returnFraction: 0.01, fees: 0, slippage: 0, funding: 0, exitReason: 'signal', ...fields,
});

describe('tradesChart', () => {
  it('marks a long entry with a blue arrow below the bar and its winning exit with a green circle above, labelled with the return', () => {
    const losingShort = trade(2, { side: 'short', entryTime: bars.time[12], entryIndex: 12, exitTime: bars.time[20], exitIndex: 20, pnl: -5, returnFraction: -0.0234 });
    const model = tradesChart(bars, [trade(1, {}), losingShort, trade(3, { symbol: 'OTHER' })]);
    expect(model.title).toBe('XYZ 1d: trades');
    expect(model.markers).toEqual([
      { time: bars.time[5], position: 'below', shape: 'arrowUp', color: tradeColors.long, text: 'L' },
      { time: bars.time[9], position: 'above', shape: 'circle', color: tradeColors.win, text: '+1.0%' },
      { time: bars.time[12], position: 'above', shape: 'arrowDown', color: tradeColors.short, text: 'S' },
      { time: bars.time[20], position: 'below', shape: 'circle', color: tradeColors.loss, text: '-2.3%' },
    ]);
    expect(tradesChart(bars, [trade(1, {})], { labels: false }).markers.map((m) => m.text)).toEqual([undefined, undefined]);
  });

  it('draws a fill at a close on the bar that closed, and places trades by time on a slice of the series', () => {
    // Filled at the close of bar 9 = the open time of bar 10.
    const atClose = trade(1, { exitTime: bars.time[9] + day, exitIndex: 9 });
    expect(tradesChart(bars, [atClose]).markers[1].time).toBe(bars.time[9]);
    const window = tradesChart(bars, [trade(1, {}), trade(2, { entryTime: bars.time[30], entryIndex: 30, exitTime: bars.time[35], exitIndex: 35 })], { lastBars: 20 });
    expect(window.candles.time.length).toBe(20);
    expect(window.markers.map((m) => m.time)).toEqual([bars.time[30], bars.time[35]]);
    // On a slice the ledger's indices point elsewhere: the time decides.
    const slice = bars.slice(3);
    expect(tradesChart(slice, [trade(1, {})]).markers.map((m) => m.time)).toEqual([bars.time[5], bars.time[9]]);
  });

  it('finds the bar of a time: the trade index when it holds the time, else the last bar opening at or before it', () => {
    const time = Float64Array.of(0, 10, 20, 30);
    expect(tradeBarIndex(time, 1, 10)).toBe(1);
    expect(tradeBarIndex(time, 1, 20)).toBe(1);
    expect(tradeBarIndex(time, 0, 25)).toBe(2);
    expect(tradeBarIndex(time, 7, 35)).toBe(3);
    expect(tradeBarIndex(time, 0, -5)).toBe(-1);
  });
});
