import { describe, expect, it } from 'vitest';
import { futureTimes } from './futureTimes.js';

describe('futureTimes', () => {
  it('continues a monthly series in calendar months across the year end', () => {
    const times = [Date.UTC(1960, 9, 1), Date.UTC(1960, 10, 1), Date.UTC(1960, 11, 1)];
    expect(Array.from(futureTimes(times, 3)!)).toEqual([Date.UTC(1961, 0, 1), Date.UTC(1961, 1, 1), Date.UTC(1961, 2, 1)]);
    const quarterly = [Date.UTC(2020, 0, 1), Date.UTC(2020, 3, 1), Date.UTC(2020, 6, 1)];
    expect(Array.from(futureTimes(quarterly, 2)!)).toEqual([Date.UTC(2020, 9, 1), Date.UTC(2021, 0, 1)]);
  });

  it('uses the most common step otherwise (a daily series with a weekend gap), and nothing without a step', () => {
    const day = 86_400_000;
    const times = [0, 1, 2, 5, 6].map((d) => Date.UTC(2024, 0, 1) + d * day);
    expect(Array.from(futureTimes(times, 2)!)).toEqual([Date.UTC(2024, 0, 8), Date.UTC(2024, 0, 9)]);
    expect(futureTimes([5], 2)).toBeUndefined();
  });
});
