import { describe, expect, it } from 'vitest';
import { Timeframe } from '../../core/Timeframe.js';
import { buildMarketSchedule, isTradingDay, type MarketScheduleOptions } from './buildMarketSchedule.js';

const DAY = 86_400_000;
const equity = (code: string, start: number, end: number): MarketScheduleOptions => ({
  market: 'equity',
  timeframe: Timeframe.parse(code),
  start,
  end,
  sessionOpen: (14 * 60 + 30) * 60_000,
  sessionClose: 21 * 60 * 60_000,
  holidays: new Set(),
  overnightVarianceShare: 0.2,
  intradayVarianceShape: 2,
  intradayVolumeShape: 3,
});

/** Sums of variance and volume shares per UTC day. */
function dailyTotals(options: MarketScheduleOptions): Map<number, { variance: number; volume: number; gaps: number }> {
  const schedule = buildMarketSchedule(options);
  const totals = new Map<number, { variance: number; volume: number; gaps: number }>();
  for (let p = 0; p < schedule.pieceCount; p++) {
    const day = schedule.pieceDay[p];
    const total = totals.get(day) ?? { variance: 0, volume: 0, gaps: 0 };
    total.variance += schedule.pieceVarianceShare[p];
    total.volume += schedule.pieceVolumeShare[p];
    total.gaps += schedule.pieceGap[p];
    totals.set(day, total);
  }
  return totals;
}

describe('buildMarketSchedule', () => {
  it('knows weekdays: 2024-01-06 and 07 are a weekend, 2024-01-08 a Monday', () => {
    const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY;
    expect(isTradingDay(day('2024-01-05'), new Set())).toBe(true);
    expect(isTradingDay(day('2024-01-06'), new Set())).toBe(false);
    expect(isTradingDay(day('2024-01-07'), new Set())).toBe(false);
    expect(isTradingDay(day('2024-01-08'), new Set())).toBe(true);
    expect(isTradingDay(day('2024-01-08'), new Set([day('2024-01-08')]))).toBe(false);
    expect(isTradingDay(day('1969-12-31'), new Set())).toBe(true);
  });

  it('splits each full equity day into a 0.2 overnight gap and a session worth 0.8, at every timeframe', () => {
    for (const code of ['1m', '15m', '1h', '4h', '12h', '1d', '1w']) {
      const totals = dailyTotals(equity(code, Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 29)));
      expect(totals.size).toBe(20);
      const days = [...totals.values()];
      // The first day has no previous close to gap from.
      expect(days[0].variance).toBeCloseTo(0.8, 12);
      expect(days[0].gaps).toBe(0);
      for (const total of days.slice(1)) {
        expect(total.variance).toBeCloseTo(1, 12);
        expect(total.gaps).toBe(1);
      }
      for (const total of days) expect(total.volume).toBeCloseTo(1, 12);
    }
  });

  it('weights the first minute of the session by the U shape 1 + 2 (2x - 1)^2', () => {
    const schedule = buildMarketSchedule(equity('1m', Date.UTC(2024, 0, 2), Date.UTC(2024, 0, 3)));
    expect(schedule.barTimes.length).toBe(390);
    // Integral of 1 + 2 (2x - 1)^2 over [0, 1/390], divided by its integral over [0, 1] (5/3), times 0.8.
    const x = 1 / 390;
    const integral = x + (2 * ((2 * x - 1) ** 3 + 1)) / 6;
    expect(schedule.pieceVarianceShare[0]).toBeCloseTo((0.8 * integral) / (5 / 3), 14);
    // Midday minute: weight about 1 against the average 5/3.
    expect(schedule.pieceVarianceShare[195] / (0.8 / 390)).toBeCloseTo(0.6, 3);
  });

  it('gives crypto hourly bars 1/24 of a day each with no gaps', () => {
    const schedule = buildMarketSchedule({ ...equity('1h', Date.UTC(2024, 0, 6), Date.UTC(2024, 0, 8)), market: 'crypto', overnightVarianceShare: 0 });
    expect(schedule.barTimes.length).toBe(48);
    expect(schedule.pieceCount).toBe(48);
    for (let p = 0; p < 48; p++) {
      expect(schedule.pieceVarianceShare[p]).toBeCloseTo(1 / 24, 15);
      expect(schedule.pieceGap[p]).toBe(0);
      expect(schedule.pieceBar[p]).toBe(p);
    }
  });
});
