import { describe, expect, it } from 'vitest';
import { candleColumns } from '../../../test/talibPatternCheck.js';
import {
  candleAverage,
  candleColor,
  candleGapDown,
  candleGapUp,
  candleRange,
  candleRangeSum,
  candleSettings,
  lowerShadow,
  patternLookback,
  realBody,
  realBodyGapDown,
  realBodyGapUp,
  upperShadow,
  type Candles,
} from './candleSettings.js';

function candles(rows: [number, number, number, number][]): Candles {
  const [open, high, low, close] = candleColumns(rows);
  return { open, high, low, close };
}

describe('candleSettings', () => {
  it('holds TA-Lib 1.1.6 defaults (ta_global.c) and cannot be changed', () => {
    expect(candleSettings.bodyLong).toEqual({ rangeType: 'realBody', averagePeriod: 10, factor: 1 });
    expect(candleSettings.bodyVeryLong).toEqual({ rangeType: 'realBody', averagePeriod: 10, factor: 3 });
    expect(candleSettings.bodyShort).toEqual({ rangeType: 'realBody', averagePeriod: 10, factor: 1 });
    expect(candleSettings.bodyDoji).toEqual({ rangeType: 'highLow', averagePeriod: 10, factor: 0.1 });
    expect(candleSettings.shadowLong).toEqual({ rangeType: 'realBody', averagePeriod: 0, factor: 1 });
    expect(candleSettings.shadowVeryLong).toEqual({ rangeType: 'realBody', averagePeriod: 0, factor: 2 });
    expect(candleSettings.shadowShort).toEqual({ rangeType: 'shadows', averagePeriod: 10, factor: 1 });
    expect(candleSettings.shadowVeryShort).toEqual({ rangeType: 'highLow', averagePeriod: 10, factor: 0.1 });
    expect(candleSettings.near).toEqual({ rangeType: 'highLow', averagePeriod: 5, factor: 0.2 });
    expect(candleSettings.far).toEqual({ rangeType: 'highLow', averagePeriod: 5, factor: 0.6 });
    expect(candleSettings.equal).toEqual({ rangeType: 'highLow', averagePeriod: 5, factor: 0.05 });
    expect(Object.isFrozen(candleSettings) && Object.isFrozen(candleSettings.bodyLong)).toBe(true);
  });

  it('measures bodies, shadows, ranges and colors as TA-Lib macros (hand-computed)', () => {
    // 0: white 10 -> 12, high 13, low 9; 1: black 12 -> 11, high 12.5, low 10; 2: flat at 11.
    const c = candles([
      [10, 13, 9, 12],
      [12, 12.5, 10, 11],
      [11, 11.5, 10.5, 11],
    ]);
    expect([realBody(c, 0), upperShadow(c, 0), lowerShadow(c, 0), candleColor(c, 0)]).toEqual([2, 1, 1, 1]);
    expect([realBody(c, 1), upperShadow(c, 1), lowerShadow(c, 1), candleColor(c, 1)]).toEqual([1, 0.5, 1, -1]);
    expect(candleColor(c, 2)).toBe(1); // TA-Lib counts a flat candle as white
    expect([candleRange('realBody', c, 0), candleRange('highLow', c, 0), candleRange('shadows', c, 0)]).toEqual([2, 4, 2]);
    expect(candleRangeSum(candleSettings.near, c, 0, 3)).toBe(4 + 2.5 + 1);
  });

  it('turns a rolling sum into the threshold: factor * sum / period, halved for shadows, own range for period 0', () => {
    const c = candles([[10, 13, 9, 12]]);
    expect(candleAverage(candleSettings.bodyDoji, 20, c, 0)).toBeCloseTo(0.2, 15); // 0.1 * 20 / 10
    expect(candleAverage(candleSettings.shadowShort, 20, c, 0)).toBe(1); // 1 * 20 / 10 / 2
    expect(candleAverage(candleSettings.shadowVeryLong, 999, c, 0)).toBe(4); // 2 * own body 2
    expect(candleAverage(candleSettings.equal, 10, c, 0)).toBe(0.1); // 0.05 * 10 / 5
  });

  it('detects body and candle gaps (hand-computed)', () => {
    // 0: body 10..11, range 9.5..11.5; 1: body 12..13, low 11.75 (body and candle gap up); 2: body 11.5..11.75, high 12.5.
    const c = candles([
      [10, 11.5, 9.5, 11],
      [12, 13.5, 11.75, 13],
      [11.75, 12.5, 11.25, 11.5],
    ]);
    expect([realBodyGapUp(c, 1, 0), candleGapUp(c, 1, 0), realBodyGapDown(c, 1, 0), candleGapDown(c, 1, 0)]).toEqual([true, true, false, false]);
    expect([realBodyGapDown(c, 2, 1), candleGapDown(c, 2, 1)]).toEqual([true, false]); // bodies apart, ranges overlap
    expect(realBodyGapUp(c, 2, 0)).toBe(true);
  });

  it('gives a lookback of the longest average among the settings', () => {
    const s = candleSettings;
    expect(patternLookback(s.shadowLong)).toBe(0);
    expect(patternLookback(s.near, s.bodyLong, s.equal)).toBe(10);
    expect(patternLookback(s.near, s.equal)).toBe(5);
  });
});
