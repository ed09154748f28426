import { describe, expect, it } from 'vitest';
import { isTickforgeError } from '../../core/errors.js';
import { testIndicatorContract } from '../../../test/indicatorContract.js';
import { expectNoLookAhead } from '../../../test/noLookAhead.js';
import { randomWalkBars } from '../../../test/randomWalk.js';
import { talibAligned, talibAvailable } from '../../../test/talibReference.js';
import { atr } from '../volatility/atr.js';
import { SuperTrend, supertrend, supertrendLookback, supertrendOfAtr } from './supertrend.js';

for (const [period, multiplier] of [[10, 3], [1, 1], [14, 0.5]]) {
  testIndicatorContract({
    name: `SuperTrend(${period}, ${multiplier})`,
    inputs: ['high', 'low', 'close'],
    outputs: ['supertrend', 'direction'],
    lookback: supertrendLookback(period, multiplier),
    batch: ([h, l, c]) => {
      const result = supertrend(h, l, c, period, multiplier);
      return [result.supertrend, result.direction];
    },
    create: () => new SuperTrend(period, multiplier),
    update: (s, [h, l, c]) => s.update(h, l, c),
    replace: (s, [h, l, c]) => s.replace(h, l, c),
    read: (s) => [s.value, s.direction],
    isReady: (s) => s.isReady,
    reset: (s) => s.reset(),
  });
}

/**
 * TradingView's published Pine definition of ta.supertrend, transcribed statement by statement
 * (with its direction sign flipped to +1 = up), over an ATR taken from TA-Lib itself.
 */
function pineSupertrend(high: Float64Array, low: Float64Array, close: Float64Array, atrLine: Float64Array, factor: number) {
  const n = high.length;
  const line = new Float64Array(n).fill(NaN);
  const direction = new Float64Array(n).fill(NaN);
  const upperBands = new Float64Array(n).fill(NaN);
  const lowerBands = new Float64Array(n).fill(NaN);
  const nz = (x: number) => (Number.isNaN(x) ? 0 : x);
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(atrLine[i])) continue;
    const src = (high[i] + low[i]) / 2;
    let upperBand = src + factor * atrLine[i];
    let lowerBand = src - factor * atrLine[i];
    const prevLowerBand = nz(i > 0 ? lowerBands[i - 1] : NaN);
    const prevUpperBand = nz(i > 0 ? upperBands[i - 1] : NaN);
    const prevClose = i > 0 ? close[i - 1] : NaN;
    lowerBand = lowerBand > prevLowerBand || prevClose < prevLowerBand ? lowerBand : prevLowerBand;
    upperBand = upperBand < prevUpperBand || prevClose > prevUpperBand ? upperBand : prevUpperBand;
    let pineDirection: number;
    if (i === 0 || Number.isNaN(atrLine[i - 1])) pineDirection = 1;
    else if (line[i - 1] === upperBands[i - 1]) pineDirection = close[i] > upperBand ? -1 : 1;
    else pineDirection = close[i] < lowerBand ? 1 : -1;
    line[i] = pineDirection === -1 ? lowerBand : upperBand;
    direction[i] = -pineDirection;
    upperBands[i] = upperBand;
    lowerBands[i] = lowerBand;
  }
  return { line, direction };
}

describe('SuperTrend', () => {
  it('ratchets the final bands and flips on a close beyond them (hand-computed, ATR period 1 = true range)', () => {
    const high = Float64Array.from([10, 11, 12, 13, 12.5, 12]);
    const low = Float64Array.from([9, 10, 11, 12, 11, 10.5]);
    const close = Float64Array.from([9.5, 10.5, 11.8, 12.9, 11.2, 11]);
    // bar 1: TR 1.5, hl2 10.5: bands 12 / 9, start down, line 12
    // bar 2: TR 1.5, bands 13 / 10: lower rises to 10, upper stays 12; close 11.8 <= 12: down, line 12
    // bar 3: TR 1.2, bands 13.7 / 11.3: lower 11.3, upper 12; close 12.9 > 12: up, line 11.3
    // bar 4: TR 1.9, bands 13.65 / 9.85: lower stays 11.3; previous close 12.9 > 12 resets upper to 13.65;
    //        close 11.2 < 11.3: down, line 13.65
    // bar 5: TR 1.5, bands 12.75 / 9.75: upper falls to 12.75; close 11 <= 12.75: down, line 12.75
    const result = supertrend(high, low, close, 1, 1);
    const expectedLine = [NaN, 12, 12, 11.3, 13.65, 12.75];
    const expectedDirection = [NaN, -1, -1, 1, -1, -1];
    expect(result.supertrend[0]).toBeNaN();
    expect(result.direction[0]).toBeNaN();
    for (let i = 1; i < 6; i++) {
      expect(result.supertrend[i], `line at ${i}`).toBeCloseTo(expectedLine[i], 12);
      expect(result.direction[i], `direction at ${i}`).toBe(expectedDirection[i]);
    }
  });

  it('the line is below the close in an uptrend and above it in a downtrend', () => {
    const bars = randomWalkBars(3_000, 12);
    const { supertrend: line, direction } = supertrend(bars.high, bars.low, bars.close);
    let flips = 0;
    for (let i = 11; i < bars.length; i++) {
      if (direction[i] > 0) expect(line[i]).toBeLessThanOrEqual(bars.close[i]);
      else expect(line[i]).toBeGreaterThanOrEqual(bars.close[i]);
      if (direction[i] !== direction[i - 1]) flips++;
    }
    expect(flips).toBeGreaterThan(20);
  });

  it('from a shared ATR equals the direct computation', () => {
    const bars = randomWalkBars(500, 13);
    const direct = supertrend(bars.high, bars.low, bars.close, 7, 2);
    const shared = supertrendOfAtr(bars.high, bars.low, bars.close, atr(bars.high, bars.low, bars.close, 7), 2);
    expect(shared.supertrend).toEqual(direct.supertrend);
    expect(shared.direction).toEqual(direct.direction);
  });

  it('never uses a later bar', () => {
    expectNoLookAhead(['high', 'low', 'close'], ([h, l, c]) => {
      const result = supertrend(h, l, c, 5, 2);
      return [result.supertrend, result.direction];
    });
  });

  it('rejects a bad period or multiplier, naming it, and inputs of unequal length', () => {
    const a = new Float64Array(20);
    for (const [period, multiplier, text] of [
      [0, 3, 'SuperTrend: period must be a whole number from 1 to 100000, got 0'],
      [10, -1, 'SuperTrend: multiplier must be a finite number from 0 to 100, got -1'],
      [10, Infinity, 'SuperTrend: multiplier must be a finite number from 0 to 100, got Infinity'],
    ] as const) {
      try {
        supertrend(a, a, a, period, multiplier);
        expect.unreachable();
      } catch (error) {
        expect(isTickforgeError(error, 'TF_ERR_INDICATOR_PARAMETER')).toBe(true);
        expect((error as Error).message).toContain(text);
      }
    }
    expect(() => supertrend(a, a, new Float64Array(3))).toThrow(/SuperTrend: inputs must have equal lengths/);
  });

  it.skipIf(!talibAvailable)("equals TradingView's published definition over TA-Lib's ATR on a random walk", () => {
    const bars = randomWalkBars(5_000, 14);
    for (const [period, multiplier] of [[10, 3], [7, 2], [20, 1.5]]) {
      const talibAtr = talibAligned('ATR', { high: bars.high, low: bars.low, close: bars.close }, { optInTimePeriod: period }).outReal;
      const expected = pineSupertrend(bars.high, bars.low, bars.close, talibAtr, multiplier);
      const result = supertrend(bars.high, bars.low, bars.close, period, multiplier);
      expect(Array.from(result.direction), `direction ${period}/${multiplier}`).toEqual(Array.from(expected.direction));
      for (let i = period; i < bars.length; i++) {
        expect(Math.abs(result.supertrend[i] - expected.line[i]) / expected.line[i], `line at ${i}`).toBeLessThan(1e-9);
      }
    }
  });
});
