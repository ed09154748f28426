import type { Timeframe } from '../../core/index.js';
import type { MarketCalendarName } from '../providers/ports.js';

/** A run of bar open times on a timeframe grid, both ends inclusive (ms since the epoch). */
export interface TimeSpan {
  from: number;
  to: number;
}

const DAY = 86_400_000;

/**
 * Whether a grid slot is one the market trades in. `weekdays` drops Saturday and Sunday (UTC)
 * for timeframes up to a day; weekly bars (Monday opens) are always expected.
 */
export function isExpectedSlot(time: number, timeframe: Timeframe, calendar: MarketCalendarName): boolean {
  if (calendar === 'continuous' || timeframe.milliseconds > DAY) return true;
  // Day 0 of the epoch was a Thursday: (day + 4) % 7 is 0 on Sunday and 6 on Saturday.
  const weekday = (Math.floor(time / DAY) + 4) % 7;
  return weekday !== 0 && weekday !== 6;
}

export interface MissingSpansInput {
  timeframe: Timeframe;
  calendar: MarketCalendarName;
  /** Inclusive range of bar open times wanted. */
  from: number;
  to: number;
  /** Open times already stored, sorted ascending (any range; those outside [from, to] are ignored). */
  storedTimes: ArrayLike<number>;
  /** Spans a provider already answered (the fetch ledger), in any order. */
  answered: readonly TimeSpan[];
}

/**
 * The maximal runs of expected grid slots in [from, to] that are neither stored nor inside a
 * span a provider already answered: what the DataSourceManager still has to ask for. Slots
 * outside the calendar (a weekend of an equity market) neither start a span nor break one, so
 * a missing Friday and Monday come back as one span.
 *
 * One pass over the grid with two forward pointers: O(slots + stored + answered log answered).
 */
export function missingSpans(input: MissingSpansInput): TimeSpan[] {
  const { timeframe, calendar, storedTimes } = input;
  const step = timeframe.milliseconds;
  const first = alignUp(input.from, timeframe);
  const answered = mergeSpans(input.answered);
  const spans: TimeSpan[] = [];
  let storedIndex = 0;
  let answeredIndex = 0;
  let open: TimeSpan | undefined;
  for (let slot = first; slot <= input.to; slot += step) {
    while (storedIndex < storedTimes.length && storedTimes[storedIndex] < slot) storedIndex++;
    while (answeredIndex < answered.length && answered[answeredIndex].to < slot) answeredIndex++;
    const stored = storedIndex < storedTimes.length && storedTimes[storedIndex] === slot;
    const inAnswered = answeredIndex < answered.length && answered[answeredIndex].from <= slot;
    if (stored || inAnswered) {
      open = undefined;
      continue;
    }
    if (!isExpectedSlot(slot, timeframe, calendar)) continue;
    if (open === undefined) {
      open = { from: slot, to: slot };
      spans.push(open);
    } else {
      open.to = slot;
    }
  }
  return spans;
}

/** Expected slots of the calendar in a span (both ends inclusive). */
export function countExpectedSlots(span: TimeSpan, timeframe: Timeframe, calendar: MarketCalendarName): number {
  let count = 0;
  for (let slot = span.from; slot <= span.to; slot += timeframe.milliseconds) if (isExpectedSlot(slot, timeframe, calendar)) count++;
  return count;
}

/** Splits spans into pieces of at most `slots` grid steps each, in time order. */
export function chunkSpans(spans: readonly TimeSpan[], timeframe: Timeframe, slots: number): TimeSpan[] {
  const width = timeframe.milliseconds * slots;
  const chunks: TimeSpan[] = [];
  for (const span of spans) {
    for (let start = span.from; start <= span.to; start += width) {
      chunks.push({ from: start, to: Math.min(span.to, start + width - timeframe.milliseconds) });
    }
  }
  return chunks;
}

/** Sorted, overlapping or touching spans joined. */
export function mergeSpans(spans: readonly TimeSpan[]): TimeSpan[] {
  const sorted = [...spans].sort((a, b) => a.from - b.from || a.to - b.to);
  const merged: TimeSpan[] = [];
  for (const span of sorted) {
    const last = merged[merged.length - 1];
    if (last !== undefined && span.from <= last.to + 1) last.to = Math.max(last.to, span.to);
    else merged.push({ from: span.from, to: span.to });
  }
  return merged;
}

/** The first grid slot at or after `time`. */
export function alignUp(time: number, timeframe: Timeframe): number {
  const aligned = timeframe.align(time);
  return aligned < time ? aligned + timeframe.milliseconds : aligned;
}

/** Open time of the newest bar that has closed by `now` (its close, open + step, is <= now). */
export function lastClosedOpen(now: number, timeframe: Timeframe): number {
  return timeframe.align(now) - timeframe.milliseconds;
}
