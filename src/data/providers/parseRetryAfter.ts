/**
 * Milliseconds to wait from an HTTP `Retry-After` value, which RFC 9110 allows as delay seconds
 * (`120`) or as an HTTP date (`Wed, 21 Oct 2015 07:28:00 GMT`). Undefined when absent or
 * unreadable; a date in the past means "now" (0).
 */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  // An HTTP date always has a weekday or month name; Date.parse would read "-5" as a year.
  if (!/[a-z]/i.test(text)) return undefined;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}
