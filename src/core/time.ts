import { TickforgeError } from './errors.js';

const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Parses a user-given instant: an ISO date (`2024-01-31`, midnight UTC), an ISO date-time
 * (with `Z` or an offset; without one it is read as UTC, never as local time), or epoch
 * milliseconds. `label` names the option in the error.
 * @throws TF_ERR_CORE_ARGUMENT_INVALID
 */
export function parseTime(text: string | number, label = 'time'): number {
  if (typeof text === 'number') {
    if (Number.isFinite(text)) return text;
  } else {
    const trimmed = text.trim();
    if (/^-?\d+$/.test(trimmed)) return Number(trimmed);
    const date = isoDate.exec(trimmed);
    if (date !== null) {
      const ms = Date.UTC(Number(date[1]), Number(date[2]) - 1, Number(date[3]));
      if (new Date(ms).toISOString().startsWith(trimmed)) return ms;
    } else if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(trimmed)) {
      const zoned = /([zZ]|[+-]\d{2}:?\d{2})$/.test(trimmed) ? trimmed : `${trimmed}Z`;
      const ms = Date.parse(zoned.replace(' ', 'T'));
      if (Number.isFinite(ms)) return ms;
    }
  }
  throw new TickforgeError(
    'TF_ERR_CORE_ARGUMENT_INVALID',
    `Cannot read ${label} "${text}": use an ISO date (2024-01-31), an ISO date-time (2024-01-31T14:30:00Z) or epoch milliseconds.`,
    { details: { label, value: text } },
  );
}

/** ISO-8601 UTC; daily and weekly bars print as a plain date. The raw number when it is not a representable time. */
export function formatTime(ms: number, dateOnly = false): string {
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return String(ms);
  const iso = new Date(ms).toISOString();
  return dateOnly ? iso.slice(0, 10) : iso;
}
