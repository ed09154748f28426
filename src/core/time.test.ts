import { describe, expect, it } from 'vitest';
import { formatTime, parseTime } from './time.js';

describe('parseTime', () => {
  it('reads dates as UTC midnight, date-times with or without a zone, and epoch ms', () => {
    expect(parseTime('2024-01-31')).toBe(Date.UTC(2024, 0, 31));
    expect(parseTime('2024-01-31T14:30:00Z')).toBe(Date.UTC(2024, 0, 31, 14, 30));
    expect(parseTime('2024-01-31 14:30')).toBe(Date.UTC(2024, 0, 31, 14, 30));
    expect(parseTime('2024-01-31T16:30:00+02:00')).toBe(Date.UTC(2024, 0, 31, 14, 30));
    expect(parseTime('1706711400000')).toBe(1706711400000);
  });

  it('rejects impossible dates and free text, naming the option', () => {
    expect(() => parseTime('2024-02-30', '--from')).toThrow(/Cannot read --from "2024-02-30"/);
    expect(() => parseTime('yesterday', '--to')).toThrow(/ISO date/);
  });
});

describe('formatTime', () => {
  it('prints ISO UTC, or the date alone for daily bars', () => {
    expect(formatTime(Date.UTC(2024, 0, 31, 14, 30))).toBe('2024-01-31T14:30:00.000Z');
    expect(formatTime(Date.UTC(2024, 0, 31), true)).toBe('2024-01-31');
  });
});
