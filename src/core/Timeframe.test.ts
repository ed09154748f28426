import { describe, expect, it } from 'vitest';
import { Timeframe, timeframeCodes } from './Timeframe.js';
import { isTickforgeError } from './errors.js';

describe('Timeframe', () => {
  it('parses every code and formats it back', () => {
    for (const code of timeframeCodes) expect(Timeframe.parse(code).toString()).toBe(code);
  });

  it('accepts common aliases', () => {
    expect(Timeframe.parse('60m').code).toBe('1h');
    expect(Timeframe.parse('Daily').code).toBe('1d');
    expect(Timeframe.parse('1wk').code).toBe('1w');
  });

  it('rejects an unknown code naming the allowed ones', () => {
    try {
      Timeframe.parse('7m');
      expect.unreachable();
    } catch (error) {
      expect(isTickforgeError(error, 'TF_ERR_CORE_TIMEFRAME_INVALID')).toBe(true);
      expect((error as Error).message).toContain('"7m"');
      expect((error as Error).message).toContain('1m, 3m');
    }
  });

  it('aligns intraday bars to the epoch grid and weekly bars to Monday', () => {
    const t = Date.UTC(2024, 0, 3, 13, 47, 12); // a Wednesday
    expect(Timeframe.parse('15m').align(t)).toBe(Date.UTC(2024, 0, 3, 13, 45));
    expect(Timeframe.parse('4h').align(t)).toBe(Date.UTC(2024, 0, 3, 12));
    expect(Timeframe.parse('1d').align(t)).toBe(Date.UTC(2024, 0, 3));
    expect(Timeframe.parse('1w').align(t)).toBe(Date.UTC(2024, 0, 1));
    expect(new Date(Timeframe.parse('1w').align(Date.UTC(1970, 0, 1))).getUTCDay()).toBe(1);
  });

  it('knows which timeframes divide which', () => {
    expect(Timeframe.parse('1m').divides(Timeframe.parse('5m'))).toBe(true);
    expect(Timeframe.parse('1d').divides(Timeframe.parse('1w'))).toBe(true);
    expect(Timeframe.parse('3m').divides(Timeframe.parse('1h'))).toBe(true);
    expect(Timeframe.parse('1h').divides(Timeframe.parse('1m'))).toBe(false);
    expect(Timeframe.parse('12h').divides(Timeframe.parse('1d'))).toBe(true);
  });
});
