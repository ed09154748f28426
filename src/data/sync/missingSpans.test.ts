import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Timeframe } from '../../core/index.js';
import { chunkSpans, countExpectedSlots, isExpectedSlot, lastClosedOpen, mergeSpans, missingSpans } from './missingSpans.js';

const day = Timeframe.of('1d');
const hour = Timeframe.of('1h');
const D = 86_400_000;
const utc = (text: string) => Date.parse(`${text}T00:00:00Z`);

describe('missingSpans', () => {
  it('finds the spans before, inside and after the stored bars, skipping weekends on a weekday calendar', () => {
    // 2024-01-01 is a Monday. Stored: Wed 3rd, Thu 4th, then Wed 10th.
    const stored = [utc('2024-01-03'), utc('2024-01-04'), utc('2024-01-10')];
    const spans = missingSpans({ timeframe: day, calendar: 'weekdays', from: utc('2024-01-01'), to: utc('2024-01-12'), storedTimes: stored, answered: [] });
    expect(spans).toEqual([
      { from: utc('2024-01-01'), to: utc('2024-01-02') },
      // Fri 5th, (weekend), Mon 8th, Tue 9th: one span, the weekend neither starts nor breaks it.
      { from: utc('2024-01-05'), to: utc('2024-01-09') },
      { from: utc('2024-01-11'), to: utc('2024-01-12') },
    ]);
    expect(countExpectedSlots(spans[1], day, 'weekdays')).toBe(3);
  });

  it('counts weekends on a continuous calendar and skips answered spans', () => {
    const spans = missingSpans({
      timeframe: day, calendar: 'continuous', from: utc('2024-01-01'), to: utc('2024-01-10'),
      storedTimes: [utc('2024-01-02')], answered: [{ from: utc('2024-01-05'), to: utc('2024-01-07') }],
    });
    expect(spans).toEqual([
      { from: utc('2024-01-01'), to: utc('2024-01-01') },
      { from: utc('2024-01-03'), to: utc('2024-01-04') },
      { from: utc('2024-01-08'), to: utc('2024-01-10') },
    ]);
  });

  it('starts at the first grid slot at or after from', () => {
    const spans = missingSpans({ timeframe: hour, calendar: 'continuous', from: utc('2024-01-01') + 90 * 60_000, to: utc('2024-01-01') + 4 * 3_600_000, storedTimes: [], answered: [] });
    expect(spans).toEqual([{ from: utc('2024-01-01') + 2 * 3_600_000, to: utc('2024-01-01') + 4 * 3_600_000 }]);
  });

  it('every expected slot is stored, answered or inside exactly one missing span (property)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 200 }), { maxLength: 120 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 20 })), { maxLength: 5 }),
        fc.constantFrom('continuous' as const, 'weekdays' as const),
        fc.integer({ min: 0, max: 150 }),
        fc.integer({ min: 0, max: 200 }),
        (storedDays, answeredDays, calendar, fromDay, length) => {
          const origin = utc('2024-01-01');
          const storedTimes = [...storedDays].sort((a, b) => a - b).map((d) => origin + d * D);
          const answered = answeredDays.map(([start, width]) => ({ from: origin + start * D, to: origin + (start + width) * D }));
          const from = origin + fromDay * D;
          const to = from + length * D;
          const spans = missingSpans({ timeframe: day, calendar, from, to, storedTimes, answered });
          for (let index = 1; index < spans.length; index++) expect(spans[index].from).toBeGreaterThan(spans[index - 1].to);
          for (let slot = from; slot <= to; slot += D) {
            const covered = storedTimes.includes(slot) || answered.some((span) => span.from <= slot && slot <= span.to);
            const inside = spans.filter((span) => span.from <= slot && slot <= span.to).length;
            if (covered) expect(inside).toBe(0);
            else if (isExpectedSlot(slot, day, calendar)) expect(inside).toBe(1);
          }
          for (const span of spans) {
            expect(isExpectedSlot(span.from, day, calendar)).toBe(true);
            expect(isExpectedSlot(span.to, day, calendar)).toBe(true);
          }
        },
      ),
    );
  });
});

describe('chunkSpans, mergeSpans, lastClosedOpen', () => {
  it('splits a span into chunks of at most n slots that tile it', () => {
    const span = { from: utc('2024-01-01'), to: utc('2024-01-01') + 9 * 3_600_000 };
    expect(chunkSpans([span], hour, 4)).toEqual([
      { from: span.from, to: span.from + 3 * 3_600_000 },
      { from: span.from + 4 * 3_600_000, to: span.from + 7 * 3_600_000 },
      { from: span.from + 8 * 3_600_000, to: span.to },
    ]);
  });

  it('joins overlapping and touching spans', () => {
    expect(mergeSpans([{ from: 10, to: 20 }, { from: 0, to: 5 }, { from: 21, to: 30 }, { from: 25, to: 26 }])).toEqual([{ from: 0, to: 5 }, { from: 10, to: 30 }]);
  });

  it('the newest closed bar is the one before the forming bar', () => {
    const now = utc('2024-01-01') + 10 * 3_600_000 + 5 * 60_000;
    expect(lastClosedOpen(now, hour)).toBe(utc('2024-01-01') + 9 * 3_600_000);
    expect(lastClosedOpen(utc('2024-01-01') + 10 * 3_600_000, hour)).toBe(utc('2024-01-01') + 9 * 3_600_000);
    expect(lastClosedOpen(utc('2024-01-03') + 1, day)).toBe(utc('2024-01-02'));
  });
});
