import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { randomWalkBars } from '../../../test/randomWalk.js';
import { barsFromRows, expectNoLookAhead, seriesArbitrary, trendRows } from '../../../test/smc/structureFixtures.js';
import { DealingRange, dealingRange } from './dealingRange.js';
import { swings } from './swings.js';

const strength = { swingLeft: 1, swingRight: 1 };

describe('dealing range: premium and discount', () => {
  it('hand-labelled: the range follows the latest confirmed swing high and low, the zone the close', () => {
    const result = dealingRange(barsFromRows(trendRows), strength);
    // No swing low before bar 5. Ranges: 9.5..13 (bars 5-7), 9.5..14 (8-9), 11.5..14 (10), 11.5..12.6 (11-12),
    // 8.5..12.6 (13-14), 8.5..10.2 (15), 8..10.2 (16).
    expect(Array.from(result.rangeLow)).toEqual([NaN, NaN, NaN, NaN, NaN, 9.5, 9.5, 9.5, 9.5, 9.5, 11.5, 11.5, 11.5, 8.5, 8.5, 8.5, 8]);
    expect(Array.from(result.rangeHigh)).toEqual([NaN, NaN, NaN, NaN, NaN, 13, 13, 13, 14, 14, 14, 12.6, 12.6, 12.6, 12.6, 10.2, 10.2]);
    expect(result.equilibrium[5]).toBe(11.25);
    expect(result.equilibrium[16]).toBe(9.1);
    // Closes: 10.8 13.2 13.5 12.2 11.8 12.4 9.2 9 9.8 9.5 8.2 10.4 from bar 5.
    expect(Array.from(result.zone)).toEqual([0, 0, 0, 0, 0, -1, 1, 1, 1, 1, -1, -1, -1, -1, -1, -1, 1]);
    expect(result.rangePosition[5]).toBeCloseTo((10.8 - 9.5) / 3.5, 12);
    expect(result.rangePosition[11]).toBeLessThan(0); // closed below the range
  });

  it('has no range while the latest swing high is not above the latest swing low', () => {
    // Swing high 10 @1, swing low 8.8 @3 (range from bar 4), then a rally and a swing low 10.8 @6 above that high.
    const bars = barsFromRows([
      [9, 9.5, 8.5, 9.2], [9.2, 10, 9, 9.5], [9.5, 9.8, 9.1, 9.6], [9.6, 9.7, 8.8, 9], [9, 11.5, 8.9, 11.4], [11.4, 12, 11, 11.9], [11.9, 12.2, 10.8, 11], [11, 12.6, 10.9, 12.5],
    ]);
    const result = dealingRange(bars, strength);
    expect(result.rangeLow[4]).toBe(8.8);
    expect(result.rangePosition[4]).toBeGreaterThan(1);
    expect(result.zone[4]).toBe(1);
    expect(result.rangeHigh[7]).toBeNaN();
    expect(result.zone[7]).toBe(0);
  });

  it('matches the latest swings by definition on random series', () => {
    fc.assert(
      fc.property(seriesArbitrary, (bars) => {
        const options = { swingLeft: 2, swingRight: 3 };
        const points = swings(bars, options).points;
        const result = dealingRange(bars, options);
        for (let i = 0; i < bars.length; i++) {
          const high = points.filter((point) => point.kind === 'high' && point.confirmedIndex <= i).at(-1);
          const low = points.filter((point) => point.kind === 'low' && point.confirmedIndex <= i).at(-1);
          if (high === undefined || low === undefined || high.price <= low.price) {
            expect([result.rangeHigh[i], result.zone[i]]).toEqual([NaN, 0]);
            continue;
          }
          const middle = (high.price + low.price) / 2;
          expect([result.rangeHigh[i], result.rangeLow[i], result.equilibrium[i]]).toEqual([high.price, low.price, middle]);
          expect(result.zone[i]).toBe(Math.sign(bars.close[i] - middle));
        }
      }),
      { numRuns: 80 },
    );
  });

  it('the incremental form holds on each bar what the batch columns hold', () => {
    const bars = randomWalkBars(2_000, 8);
    const batch = dealingRange(bars);
    const range = new DealingRange();
    for (let i = 0; i < bars.length; i++) {
      range.update(bars.open[i], bars.high[i], bars.low[i], bars.close[i], bars.volume[i], bars.time[i]);
      expect([range.rangeHigh, range.rangeLow, range.equilibrium, range.rangePosition, range.zone], `bar ${i}`).toEqual([batch.rangeHigh[i], batch.rangeLow[i], batch.equilibrium[i], batch.rangePosition[i], batch.zone[i]]);
    }
  });

  it('use no bar after the one they are reported at (look-ahead)', () => {
    expectNoLookAhead((bars) => dealingRange(bars, { swingLeft: 2, swingRight: 2 }));
  });
});
