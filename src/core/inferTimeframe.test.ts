import { describe, expect, it } from 'vitest';
import { inferTimeframe, mostCommonTimeStep } from './inferTimeframe.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Times from `start` every `step`, leaving out the indices in `skip`. */
function series(start: number, step: number, count: number, skip: (index: number, time: number) => boolean = () => false): Float64Array {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const time = start + i * step;
    if (!skip(i, time)) times.push(time);
  }
  return Float64Array.from(times);
}

describe('inferTimeframe', () => {
  it('finds 1m in minute bars with a missing hour', () => {
    const times = series(Date.UTC(2026, 1, 1), MINUTE, 600, (i) => i >= 100 && i < 160);
    expect(inferTimeframe(times)?.code).toBe('1m');
  });

  it('finds 1h in hourly bars with scattered gaps and a duplicated hour', () => {
    const times = Array.from(series(Date.UTC(2020, 0, 1), HOUR, 500, (i) => i % 37 === 5));
    times.splice(200, 0, times[199]); // a duplicate gives a zero step, which does not count
    expect(inferTimeframe(Float64Array.from(times))?.code).toBe('1h');
  });

  it('finds 1d in weekday bars although Monday follows Friday by three days', () => {
    // 4 one-day steps and 1 three-day step per week.
    const times = series(Date.UTC(2024, 0, 1), DAY, 365, (_, t) => [0, 6].includes(new Date(t).getUTCDay()));
    expect(mostCommonTimeStep(times)).toBe(DAY);
    expect(inferTimeframe(times)?.code).toBe('1d');
  });

  it('finds 1w in weekly bars with a holiday week missing', () => {
    const times = series(Date.UTC(2024, 0, 1), 7 * DAY, 60, (i) => i === 30);
    expect(inferTimeframe(times)?.code).toBe('1w');
  });

  it('counts steps within each series, never across two symbols', () => {
    const first = series(Date.UTC(2024, 0, 1), HOUR, 3); // 2 one-hour steps
    const second = series(Date.UTC(2023, 0, 1), 4 * HOUR, 3); // 2 four-hour steps, plus 1 more below
    const third = series(Date.UTC(2022, 0, 1), 4 * HOUR, 2);
    // Joined into one column, the jump from the first series to the second would be a step too.
    expect(mostCommonTimeStep([first, second, third])).toBe(4 * HOUR);
  });

  it('breaks a tie in favour of the smaller step', () => {
    expect(mostCommonTimeStep(Float64Array.from([0, HOUR, 2 * HOUR, 4 * HOUR, 6 * HOUR]))).toBe(HOUR);
  });

  it('ignores backward steps of unsorted rows', () => {
    expect(mostCommonTimeStep(Float64Array.from([3 * DAY, 4 * DAY, 0, DAY, 2 * DAY]))).toBe(DAY);
  });

  it('is undefined for a single bar or a step that is no timeframe', () => {
    expect(inferTimeframe(Float64Array.from([Date.UTC(2024, 0, 1)]))).toBeUndefined();
    const monthly = Float64Array.from([0, 1, 2, 3].map((m) => Date.UTC(2024, m, 1)));
    expect(mostCommonTimeStep(monthly)).toBe(31 * DAY); // Jan->Feb and Mar->Apr are 31 days, Feb->Mar 29 (2024 is a leap year)
    expect(inferTimeframe(monthly)).toBeUndefined();
  });
});
