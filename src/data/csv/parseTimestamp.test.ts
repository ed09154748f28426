import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTimeOfDay, parseTimestamp } from './parseTimestamp.js';

const parse = (text: string) => {
  const bytes = Buffer.from(text, 'latin1');
  return parseTimestamp(bytes, 0, bytes.length);
};

describe('parseTimestamp', () => {
  it('reads a date as midnight UTC', () => {
    expect(parse('2013-02-08')).toBe(Date.UTC(2013, 1, 8));
    expect(parse('2013/02/08')).toBe(Date.UTC(2013, 1, 8));
    expect(parse('2013-2-8')).toBe(Date.UTC(2013, 1, 8));
    expect(parse('20130208')).toBe(Date.UTC(2013, 1, 8));
  });

  it('reads ISO date-times with Z, offsets, fractions and a space for the T', () => {
    expect(parse('2013-02-08T00:00:00Z')).toBe(Date.UTC(2013, 1, 8));
    expect(parse('2013-02-08T14:30:00+02:00')).toBe(Date.UTC(2013, 1, 8, 12, 30));
    expect(parse('2013-02-08T14:30:00-0530')).toBe(Date.UTC(2013, 1, 8, 20, 0));
    expect(parse('2013-02-08T01:30:00+03')).toBe(Date.UTC(2013, 1, 7, 22, 30));
    expect(parse('2013-02-08T14:30:15.25Z')).toBe(Date.UTC(2013, 1, 8, 14, 30, 15, 250));
    expect(parse('2013-02-08T14:30:15.123456789Z')).toBe(Date.UTC(2013, 1, 8, 14, 30, 15, 123));
    expect(parse('2013-02-08 14:30')).toBe(Date.UTC(2013, 1, 8, 14, 30));
    expect(parse('2021-06-10 23:00:00 UTC')).toBe(Date.UTC(2021, 5, 10, 23));
  });

  it('reads a time without a zone as UTC, never in the machine zone', () => {
    expect(parse('2024-07-01T09:30:00')).toBe(Date.UTC(2024, 6, 1, 9, 30));
  });

  it('agrees with Date.parse on every Z-suffixed ISO instant from 1900 to 2100', () => {
    const start = Date.UTC(1900, 0, 1);
    const end = Date.UTC(2100, 0, 1);
    fc.assert(
      fc.property(fc.integer({ min: start, max: end }), (ms) => {
        const iso = new Date(ms).toISOString();
        expect(parse(iso)).toBe(Date.parse(iso));
        expect(parse(iso.slice(0, 10))).toBe(Date.parse(iso.slice(0, 10)));
      }),
      { numRuns: 5000 },
    );
  });

  it('reads epoch seconds, milliseconds, microseconds and nanoseconds by magnitude', () => {
    const ms = Date.UTC(2021, 0, 1, 12);
    expect(parse(String(ms / 1000))).toBe(ms);
    expect(parse(String(ms))).toBe(ms);
    expect(parse(`${ms}000`)).toBe(ms);
    expect(parse(`${ms}000000`)).toBe(ms);
    expect(parse('1609502400.5')).toBe(ms + 500);
    // 99,999,999,999 is below 1e11, so seconds: the year 5138; 100,000,000,000 is milliseconds.
    expect(parse('99999999999')).toBe(99999999999000);
    expect(parse('100000000000')).toBe(100000000000);
  });

  it('gives NaN for impossible dates and times and for foreign forms', () => {
    for (const text of ['2013-02-30', '2013-13-01', '2013-00-10', '2015-02-29', '2013-02-08T24:00', '2013-02-08T12:60', '2013-02-08T12:00:61',
      '2013-02-08T12', '2013-02-08X12:00', '2013-02-08T12:00+25:00', '2013-02-08T12:00 CET', '02/08/2013', '08.02.2013', 'Feb 8 2013', 'abc', '', '2013-02-08T12:00:00.Z']) {
      expect(parse(text), text).toBeNaN();
    }
    expect(parse('2016-02-29')).toBe(Date.UTC(2016, 1, 29));
    expect(parse('2000-02-29')).toBe(Date.UTC(2000, 1, 29));
  });

  it('reads a separate time of day', () => {
    const bytes = Buffer.from('09:30:05.5');
    expect(parseTimeOfDay(bytes, 0, bytes.length)).toBe(((9 * 60 + 30) * 60 + 5) * 1000 + 500);
    const bad = Buffer.from('9h30');
    expect(parseTimeOfDay(bad, 0, bad.length)).toBeNaN();
  });
});
