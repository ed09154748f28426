import { describe, expect, it } from 'vitest';
import { allMidnights, formatAmount, formatDuration, formatPercent, formatQuantity, formatRatio, formatSignedPercent, formatTime } from './formatNumbers.js';

describe('formatNumbers', () => {
  it('prints percentages, ratios and amounts, never a signed zero, and anything not finite as "-"', () => {
    expect(formatPercent(0.12345)).toBe('12.35%');
    expect(formatPercent(-0.00001)).toBe('0.00%');
    expect(formatPercent(NaN)).toBe('-');
    expect(formatSignedPercent(0.0512)).toBe('+5.1%');
    expect(formatSignedPercent(0.00001)).toBe('0.0%');
    expect(formatSignedPercent(-0.0512)).toBe('-5.1%');
    expect(formatRatio(-0.004)).toBe('0.00');
    expect(formatRatio(Infinity)).toBe('-');
    expect(formatAmount(1234567.891)).toBe('1,234,567.89');
    expect(formatAmount(-999.999)).toBe('-1,000.00');
    expect(formatAmount(12, 0)).toBe('12');
    expect(formatQuantity(0.000123456789)).toBe('0.000123457');
    expect(formatQuantity(2_500_000.4)).toBe('2,500,000');
  });

  it('prints durations in the largest unit that reads well and times as UTC dates', () => {
    expect(formatDuration(205 * 86_400_000)).toBe('205 days');
    expect(formatDuration(3.5 * 86_400_000)).toBe('3.5 days');
    expect(formatDuration(90 * 60_000)).toBe('1.5 hours');
    expect(formatDuration(15 * 60_000)).toBe('15 min');
    expect(formatTime(Date.UTC(2024, 2, 15, 14, 30))).toBe('2024-03-15');
    expect(formatTime(Date.UTC(2024, 2, 15, 14, 30), true)).toBe('2024-03-15 14:30');
    expect(allMidnights([Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 2)])).toBe(true);
    expect(allMidnights([Date.UTC(2024, 0, 1, 1)])).toBe(false);
  });
});
