import { describe, expect, it } from 'vitest';
import type { LiquidityPool } from '../../analysis/smc/equalLevels.js';
import type { StructureBreak } from '../../analysis/smc/structureBreaks.js';
import type { SwingPoint } from '../../analysis/smc/swings.js';
import type { SignalFields } from '../Signal.js';
import type { MarketBias } from './marketBias.js';
import type { PointOfInterest } from './pointsOfInterest.js';
import { SmcPipeline } from './SmcPipeline.js';
import { SmcMarket } from './smcMarket.js';
import { smcParameters, smcSettings } from './smcSettings.js';

const DAY = 86_400_000;
const start = Date.UTC(2024, 0, 1);
const defaults = Object.fromEntries(smcParameters.map((parameter) => [parameter.name, parameter.default]));

/** A market set by hand, bar by bar. */
class HandMarket extends SmcMarket {
  pools: LiquidityPool[] = [];
  openPools(): LiquidityPool[] {
    return this.pools;
  }

  set(index: number, bar: [open: number, high: number, low: number, close: number], zones: PointOfInterest[] = [], levels: Partial<SmcMarket> = {}): this {
    Object.assign(this, { index, time: start + index * DAY, open: bar[0], high: bar[1], low: bar[2], close: bar[3], atr: 2, rangeHigh: 120, rangeLow: 90 }, levels);
    this.touched.length = 0;
    this.touched.push(...zones);
    return this;
  }
}

function zone(kind: PointOfInterest['kind'], direction: 1 | -1, bottom: number, top: number, index: number): PointOfInterest {
  return { kind, direction, top, bottom, index, time: start + index * DAY };
}

function bias(direction: -1 | 0 | 1, level = 95, seenDay = 0): MarketBias {
  const structureBreak: StructureBreak = { kind: direction === 1 ? 'bos' : 'choch', direction: direction === -1 ? -1 : 1, level, swing: {} as SwingPoint, index: 0, time: 0 };
  return { direction, structureBreak: direction === 0 ? undefined : structureBreak, seenTime: start + seenDay * DAY };
}

function collect(): { signals: (SignalFields & { index: number })[]; emit: (index: number, fields: SignalFields) => void } {
  const signals: (SignalFields & { index: number })[] = [];
  return { signals, emit: (index, fields) => signals.push({ index, ...fields }) };
}

describe('the SMC pipeline, step by step on a hand-set market', () => {
  it('enters on a rejected zone in discount, ignores setups while in a trade, is flat again at the target, and exits on a bias flip', () => {
    const pipeline = new SmcPipeline(smcSettings(defaults));
    const market = new HandMarket();
    const { signals, emit } = collect();
    // Bar 0: a bullish order block 100-102 touched (low 100.5) and closed back above (102.5).
    // Stop 100 - 0.25 * ATR 2 = 99.5, risk 3; previous day high 108.5 pays 6: RR exactly 2.
    pipeline.step(market.set(0, [101, 103, 100.5, 102.5], [zone('order block', 1, 100, 102, -3)], { previousDayHigh: 108.5 }), bias(1), emit);
    expect(signals).toEqual([{
      index: 0, kind: 'entry', side: 'long', stopLoss: 99.5, takeProfit: 108.5, targets: [120], tag: 'ob-retest',
      reason: 'bullish bias (HTF BOS above 95, seen 2024-01-01); bullish order block 100-102 (formed 2023-12-29) in discount (90-105 of the range 90-120) retested and closed back above 102; '
        + 'stop 99.5 below order block low 100 - 0.25 ATR (2); target previous day high 108.5 (RR 2.00), then dealing range high 120',
    }]);
    expect(pipeline.lastSetup).toMatchObject({ index: 0, entry: 102.5, limitPrice: 105, riskReward: 2 });
    // Bar 1: another zone rejects, but a trade is open.
    pipeline.step(market.set(1, [102.5, 103, 101, 102.5], [zone('order block', 1, 101, 101.8, -1)], { previousDayHigh: 108.5 }), bias(1), emit);
    expect(signals).toHaveLength(1);
    // Bar 2: the high reaches the take-profit (the trade is over), and a gap 104-105 rejects: a new trade.
    pipeline.step(market.set(2, [106, 109, 104.5, 106], [zone('fair value gap', 1, 104, 105, 1)], { previousDayHigh: 112 }), bias(1), emit);
    expect(signals.map((s) => [s.index, s.kind, s.side, s.stopLoss, s.takeProfit, s.tag])).toEqual([[0, 'entry', 'long', 99.5, 108.5, 'ob-retest'], [2, 'entry', 'long', 103.5, 112, 'fvg-retest']]);
    // Bar 3: the higher timeframe prints a bearish CHoCH: exit.
    pipeline.step(market.set(3, [106, 107, 105, 106]), bias(-1, 104, 3), emit);
    expect(signals[2]).toEqual({ index: 3, kind: 'exit', side: 'long', tag: 'fvg-retest', reason: 'bias flipped against the long: HTF CHoCH below 104, seen 2024-01-04' });
    // Bar 4: a bearish order block 110-112 in premium rejected: short, stop above its high.
    pipeline.step(market.set(4, [108, 111, 108, 109], [zone('order block', -1, 110, 112, 2)], { previousDayLow: 100 }), bias(-1, 104, 3), emit);
    expect(signals[3]).toMatchObject({ index: 4, kind: 'entry', side: 'short', stopLoss: 112.5, takeProfit: 100, tag: 'ob-retest' });
    expect(signals[3].reason).toContain('bearish order block 110-112 (formed 2024-01-03) in premium (105-120 of the range 90-120) retested and closed back below 110');
  });

  it('skips a rejection against the bias, with no bias, outside discount, or short of the risk-reward', () => {
    type Case = [label: string, MarketBias, PointOfInterest, [number, number, number, number], Partial<SmcMarket>, number, Record<string, number | string>?];
    const block = zone('order block', 1, 100, 102, 0);
    const bar: [number, number, number, number] = [101, 103, 100.5, 102.5];
    const cases: Case[] = [
      ['the control case trades', bias(1), block, bar, { previousDayHigh: 120 }, 1],
      ['against the bias', bias(-1), block, bar, { previousDayHigh: 120 }, 0],
      ['no bias yet', bias(0), block, bar, { previousDayHigh: 120 }, 0],
      ['top above the equilibrium 105', bias(1), zone('order block', 1, 100, 105.5, 0), [105, 107, 104, 106], { previousDayHigh: 125 }, 0],
      ['the same zone with a lower limit still trades', bias(1), zone('order block', 1, 100, 104.5, 0), [105, 107, 104, 106], { previousDayHigh: 125 }, 1],
      ['the first target pays 1.997 R', bias(1), block, bar, { previousDayHigh: 108.49 }, 0],
      ['no dealing range', bias(1), block, bar, { previousDayHigh: 120, rangeHigh: NaN, rangeLow: NaN }, 0],
      ['no liquidity beyond the entry', bias(1), block, bar, { rangeHigh: 102.5, rangeLow: 90 }, 0, { discountLimit: 1 }],
      ['the same with a previous week high', bias(1), block, bar, { rangeHigh: 102.5, rangeLow: 90, previousWeekHigh: 110 }, 1, { discountLimit: 1 }],
    ];
    for (const [label, current, poi, prices, levels, expected, parameters] of cases) {
      const { signals, emit } = collect();
      new SmcPipeline(smcSettings({ ...defaults, ...parameters })).step(new HandMarket().set(0, prices, [poi], levels), current, emit);
      expect(signals.length, label).toBe(expected);
    }
  });

  it('stays in the trade on a bias flip with exitOnBiasFlip off, and is flat again when the stop is reached', () => {
    const pipeline = new SmcPipeline(smcSettings({ ...defaults, exitOnBiasFlip: 'no' }));
    const market = new HandMarket();
    const { signals, emit } = collect();
    pipeline.step(market.set(0, [101, 103, 100.5, 102.5], [zone('order block', 1, 100, 102, -3)], { previousDayHigh: 110 }), bias(1), emit);
    pipeline.step(market.set(1, [102, 103, 101, 102]), bias(-1), emit);
    expect(signals).toHaveLength(1);
    // Bar 2: the low reaches the stop 99.5; a short setup on the same bar is then free to trade.
    pipeline.step(market.set(2, [101, 111, 99.4, 109], [zone('order block', -1, 110, 112, 1)], { previousDayLow: 95 }), bias(-1), emit);
    expect(signals.map((s) => [s.index, s.kind, s.side])).toEqual([[0, 'entry', 'long'], [2, 'entry', 'short']]);
  });
});
