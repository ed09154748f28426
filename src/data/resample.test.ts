import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Bars } from '../core/Bars.js';
import { BarsBuilder } from '../core/BarsBuilder.js';
import { isTickforgeError } from '../core/errors.js';
import { Timeframe } from '../core/Timeframe.js';
import { barsFromLines } from '../../test/fixtures/ohlcvRows.js';
import { resampleBars, resampleBarsWithCounts } from './resample.js';

const minute = Timeframe.of('1m');
const at = (hour: number, minuteOfHour: number) => Date.UTC(2024, 0, 2, hour, minuteOfHour);

function barsOf(timeframe: Timeframe, rows: ReadonlyArray<readonly [number, number, number, number, number, number]>): Bars {
  const builder = new BarsBuilder('TEST', rows.length);
  for (const [t, o, h, l, c, v] of rows) builder.push(t, o, h, l, c, v);
  return builder.build(timeframe);
}

function rowsOf(bars: Bars): number[][] {
  return Array.from(bars.time, (t, i) => [t, bars.open[i], bars.high[i], bars.low[i], bars.close[i], bars.volume[i]]);
}

describe('resampleBars', () => {
  // Hand-made 1m bars 10:00..10:07; the 10:05 bucket holds 3 of 5 minutes.
  const oneMinute = barsOf(minute, [
    [at(10, 0), 10, 11, 9.5, 10.5, 100],
    [at(10, 1), 10.5, 12, 10, 11.5, 200],
    [at(10, 2), 11.5, 11.8, 11, 11.2, 50],
    [at(10, 3), 11.2, 11.4, 8.7, 9, 300],
    [at(10, 4), 9, 9.9, 8.9, 9.8, 10],
    [at(10, 5), 9.8, 10.2, 9.6, 10.1, 70],
    [at(10, 6), 10.1, 10.6, 10, 10.4, 30],
    [at(10, 7), 10.4, 10.5, 10.3, 10.35, 5],
  ]);

  it('aggregates 1m into 5m and marks the last bucket partial', () => {
    const result = resampleBarsWithCounts(oneMinute, '5m');
    expect(result.bars.timeframe.code).toBe('5m');
    expect(rowsOf(result.bars)).toEqual([
      [at(10, 0), 10, 12, 8.7, 9.8, 660],
      [at(10, 5), 9.8, 10.6, 9.6, 10.35, 105],
    ]);
    expect(Array.from(result.barCount)).toEqual([5, 3]);
    expect(result.expectedCount).toBe(5);
    expect(result.partialLast).toBe(true);
    expect(result.droppedPartial).toBe(false);
  });

  it('drops the partial last bucket when asked', () => {
    const result = resampleBarsWithCounts(oneMinute, '5m', { partial: 'drop' });
    expect(rowsOf(result.bars)).toEqual([[at(10, 0), 10, 12, 8.7, 9.8, 660]]);
    expect(Array.from(result.barCount)).toEqual([5]);
    expect(result.partialLast).toBe(false);
    expect(result.droppedPartial).toBe(true);
    // A complete last bucket is kept even under `drop`.
    const complete = resampleBarsWithCounts(oneMinute.slice(0, 5), '5m', { partial: 'drop' });
    expect(complete.bars.length).toBe(1);
    expect(complete.droppedPartial).toBe(false);
  });

  it('creates no bucket for an hour without source bars (1m -> 1h across a gap)', () => {
    const source = barsOf(minute, [
      [at(9, 58), 5, 5.2, 4.9, 5.1, 1],
      [at(9, 59), 5.1, 5.3, 5.0, 5.25, 2],
      [at(10, 0), 5.25, 5.4, 5.2, 5.3, 3],
      [at(10, 1), 5.3, 5.35, 5.1, 5.15, 4],
      [at(12, 30), 6, 6.1, 5.9, 6.05, 5],
    ]);
    const result = resampleBarsWithCounts(source, Timeframe.of('1h'));
    expect(rowsOf(result.bars)).toEqual([
      [at(9, 0), 5, 5.3, 4.9, 5.25, 3],
      [at(10, 0), 5.25, 5.4, 5.1, 5.15, 7],
      [at(12, 0), 6, 6.1, 5.9, 6.05, 5],
    ]);
    expect(Array.from(result.barCount)).toEqual([2, 2, 1]);
    expect(result.partialLast).toBe(true);
  });

  it('builds Monday-open weeks from real ORCL days across the 4 July 2013 holiday and a missing Mon/Tue', () => {
    // sp500_5yr_daily_2013-2018.csv.gz lines 431349-431361, verbatim.
    const table = barsFromLines(Timeframe.of('1d'), [
      [431349, '2013-06-28T00:00:00Z,30.28,30.81,30.25,30.71,39787056,ORCL'],
      [431350, '2013-07-01T00:00:00Z,30.89,30.98,30.07,30.11,33962141,ORCL'],
      [431351, '2013-07-02T00:00:00Z,30.09,30.35,29.95,30.1,33114472,ORCL'],
      [431352, '2013-07-03T00:00:00Z,30.05,30.8,30.04,30.7,18629685,ORCL'],
      [431353, '2013-07-05T00:00:00Z,30.99,31.2,30.54,31.19,22193780,ORCL'],
      [431354, '2013-07-08T00:00:00Z,31.35,31.65,31.25,31.645,28904215,ORCL'],
      [431355, '2013-07-09T00:00:00Z,31.5,31.6,31.23,31.515,28854209,ORCL'],
      [431356, '2013-07-10T00:00:00Z,31.36,31.44,31.05,31.23,28478815,ORCL'],
      [431357, '2013-07-11T00:00:00Z,31.57,32.0,31.57,31.86,33192346,ORCL'],
      [431358, '2013-07-12T00:00:00Z,31.9,32.0,31.24,31.25,157674694,ORCL'],
      [431359, '2013-07-17T00:00:00Z,32.07,32.44,32.05,32.16,22357845,ORCL'],
      [431360, '2013-07-18T00:00:00Z,31.96,32.46,31.81,32.01,23614481,ORCL'],
      [431361, '2013-07-19T00:00:00Z,32.03,32.03,31.51,31.86,28395878,ORCL'],
    ]);
    const result = resampleBarsWithCounts(table.bars, '1w');
    const day = (month: number, date: number) => Date.UTC(2013, month - 1, date);
    expect(rowsOf(result.bars)).toEqual([
      [day(6, 24), 30.28, 30.81, 30.25, 30.71, 39787056],
      // 33962141 + 33114472 + 18629685 + 22193780
      [day(7, 1), 30.89, 31.2, 29.95, 31.19, 107900078],
      // 28904215 + 28854209 + 28478815 + 33192346 + 157674694
      [day(7, 8), 31.35, 32.0, 31.05, 31.25, 277104279],
      // 22357845 + 23614481 + 28395878
      [day(7, 15), 32.07, 32.46, 31.51, 31.86, 74368204],
    ]);
    expect(Array.from(result.barCount)).toEqual([1, 4, 5, 3]);
    expect(result.expectedCount).toBe(7);
    // The week closes Monday 22 July; the Friday bar closes Saturday 20 July, so the week could still grow.
    expect(result.partialLast).toBe(true);
    for (const t of result.bars.time) expect(new Date(t).getUTCDay()).toBe(1);
  });

  it('refuses a target that is finer than, or not a multiple of, the source', () => {
    const hourly = barsOf(Timeframe.of('4h'), [[Date.UTC(2024, 0, 1, 4), 1, 1, 1, 1, 1]]);
    for (const target of ['6h', '1h']) {
      try {
        resampleBars(hourly, target);
        expect.unreachable();
      } catch (error) {
        expect(isTickforgeError(error, 'TF_ERR_DATA_RESAMPLE')).toBe(true);
        expect((error as Error).message).toContain(`from 4h to ${target}`);
        expect((error as Error).message).toContain('you can resample to: 4h, 12h, 1d, 1w');
      }
    }
  });

  it('refuses unsorted or duplicated times and points to validation', () => {
    const duplicated = barsOf(minute, [[at(10, 0), 1, 1, 1, 1, 1], [at(10, 0), 1, 1, 1, 1, 1]]);
    expect(() => resampleBars(duplicated, '5m')).toThrow(/row 1 has time 2024-01-02T10:00:00.000Z, not after.*--on-duplicate/);
    try {
      resampleBars(duplicated, '5m');
    } catch (error) {
      expect(isTickforgeError(error, 'TF_ERR_DATA_UNSORTED')).toBe(true);
    }
  });

  it('returns an equal copy when the target is the source timeframe, and empty bars for empty input', () => {
    const same = resampleBarsWithCounts(oneMinute, '1m');
    expect(rowsOf(same.bars)).toEqual(rowsOf(oneMinute));
    expect(Array.from(same.barCount)).toEqual([1, 1, 1, 1, 1, 1, 1, 1]);
    expect(same.partialLast).toBe(false);
    const empty = resampleBarsWithCounts(Bars.empty('TEST', minute), '1h');
    expect(empty.bars.length).toBe(0);
    expect(empty.partialLast).toBe(false);
  });

  it('equals 1m -> 15m directly when going through 5m, and preserves total volume (property)', () => {
    const barArbitrary = fc.record({
      step: fc.integer({ min: 1, max: 40 }),
      open: fc.integer({ min: 1, max: 100_000 }),
      close: fc.integer({ min: 1, max: 100_000 }),
      above: fc.integer({ min: 0, max: 5_000 }),
      below: fc.integer({ min: 0, max: 5_000 }),
      volume: fc.integer({ min: 0, max: 1_000_000 }),
    });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), fc.array(barArbitrary, { minLength: 1, maxLength: 300 }), (startMinute, rows) => {
        const builder = new BarsBuilder('PROP', rows.length);
        let t = Date.UTC(2024, 0, 1) + startMinute * 60_000;
        for (const row of rows) {
          t += row.step * 60_000;
          // Prices in cents keep every value exact; high >= max(open, close), low <= min(open, close).
          const high = (Math.max(row.open, row.close) + row.above) / 100;
          const low = Math.max(0, Math.min(row.open, row.close) - row.below) / 100;
          builder.push(t, row.open / 100, high, low, row.close / 100, row.volume);
        }
        const source = builder.build(minute);
        const direct = resampleBarsWithCounts(source, '15m');
        const viaFive = resampleBarsWithCounts(resampleBars(source, '5m'), '15m');
        expect(rowsOf(viaFive.bars)).toEqual(rowsOf(direct.bars));
        const fiveCounts = resampleBarsWithCounts(source, '5m');
        const regrouped = resampleBarsWithCounts(fiveCounts.bars, '15m');
        // Source bars per 15m bucket = sum of the 5m counts falling into it.
        let k = 0;
        for (let j = 0; j < regrouped.bars.length; j++) {
          let sum = 0;
          for (let m = 0; m < regrouped.barCount[j]; m++) sum += fiveCounts.barCount[k++];
          expect(sum).toBe(direct.barCount[j]);
        }
        const total = (bars: Bars) => bars.volume.reduce((a, b) => a + b, 0);
        expect(total(direct.bars)).toBe(total(source));
        expect(direct.barCount.reduce((a, b) => a + b, 0)).toBe(source.length);
      }),
      { numRuns: 200 },
    );
  });
});
