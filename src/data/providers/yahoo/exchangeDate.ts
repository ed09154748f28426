const DAY = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat | null>();

function formatterFor(timeZone: string): Intl.DateTimeFormat | null {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    try {
      formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    } catch {
      formatter = null; // a zone name this runtime does not know: fall back to the fixed offset
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/**
 * The exchange's calendar date of an instant, as midnight UTC of that date (tickforge's daily
 * bar time). Yahoo stamps a daily bar with the session's open (13:30 UTC for New York, 23:00
 * UTC of the day before for Sydney in summer) and the forming bar with its last trade, so the
 * date must be read in the exchange's zone; `gmtoffset` (seconds, the offset in force now)
 * serves only when the zone name is unknown.
 */
export function exchangeDate(time: number, timeZone: string, gmtoffsetSeconds: number): number {
  const formatter = formatterFor(timeZone);
  if (formatter === null) return Math.floor((time + gmtoffsetSeconds * 1000) / DAY) * DAY;
  const [year, month, day] = formatter.format(time).split('-').map(Number);
  return Date.UTC(year, month - 1, day);
}
