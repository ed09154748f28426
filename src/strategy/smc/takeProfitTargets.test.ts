import { describe, expect, it } from 'vitest';
import type { LiquidityPool } from '../../analysis/smc/equalLevels.js';
import { liquidityTargets, type LiquidityLevels } from './takeProfitTargets.js';

function pool(side: 'high' | 'low', level: number): LiquidityPool {
  return { side, level, swings: [], index: 0, time: 0, updatedIndex: 0, endIndex: -1, endTime: NaN, outcome: 'open' };
}

function levels(overrides: Partial<LiquidityLevels> = {}): LiquidityLevels {
  return { pools: [], previousDayHigh: NaN, previousDayLow: NaN, previousWeekHigh: NaN, previousWeekLow: NaN, rangeHigh: NaN, rangeLow: NaN, ...overrides };
}

describe('take-profit targets at liquidity', () => {
  it('lists the highs beyond a long entry nearest first, with what each is', () => {
    const targets = liquidityTargets(1, 100, levels({ pools: [pool('high', 108), pool('low', 95)], previousDayHigh: 103, previousWeekHigh: 112, rangeHigh: 110, previousDayLow: 90 }), 10);
    expect(targets).toEqual([
      { price: 103, label: 'previous day high' },
      { price: 108, label: 'equal highs' },
      { price: 110, label: 'dealing range high' },
      { price: 112, label: 'previous week high' },
    ]);
  });

  it('skips levels at or behind the entry and levels that do not exist yet', () => {
    expect(liquidityTargets(1, 100, levels({ pools: [pool('high', 100)], previousDayHigh: 99, previousWeekHigh: NaN, rangeHigh: 104 }), 5)).toEqual([{ price: 104, label: 'dealing range high' }]);
    expect(liquidityTargets(1, 100, levels(), 5)).toEqual([]);
  });

  it('lists the lows below a short entry, lowest last', () => {
    const targets = liquidityTargets(-1, 100, levels({ pools: [pool('low', 92), pool('high', 105)], previousDayLow: 97, previousWeekLow: 90, rangeLow: 94, previousDayHigh: 103 }), 3);
    expect(targets).toEqual([
      { price: 97, label: 'previous day low' },
      { price: 94, label: 'dealing range low' },
      { price: 92, label: 'equal lows' },
    ]);
  });

  it('names a level shared by several sources once, equal highs first, then week, day, range', () => {
    expect(liquidityTargets(1, 100, levels({ pools: [pool('high', 105)], previousWeekHigh: 105, previousDayHigh: 105, rangeHigh: 105 }), 5)).toEqual([{ price: 105, label: 'equal highs' }]);
    expect(liquidityTargets(1, 100, levels({ previousDayHigh: 105, rangeHigh: 105, previousWeekHigh: 105 }), 5)).toEqual([{ price: 105, label: 'previous week high' }]);
  });

  it('keeps at most maxTargets', () => {
    const targets = liquidityTargets(1, 100, levels({ pools: [pool('high', 101), pool('high', 102), pool('high', 103)], rangeHigh: 104 }), 2);
    expect(targets.map((target) => target.price)).toEqual([101, 102]);
  });
});
