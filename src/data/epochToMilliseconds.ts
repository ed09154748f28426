/**
 * Epoch numbers in a time column, in whatever unit the source used, to milliseconds.
 * The unit is decided by magnitude, per value:
 *   |v| < 1e11  seconds       (1e11 s is the year 5138; 1e11 ms would be 1973-03-03)
 *   |v| < 1e14  milliseconds  (up to the year 5138)
 *   |v| < 1e17  microseconds  (Binance spot klines since 2025)
 *   otherwise   nanoseconds
 * So millisecond times before 1973-03-03 read as seconds: pass such data as ISO dates.
 * The result is rounded to a whole millisecond.
 */
export function epochToMilliseconds(value: number): number {
  const magnitude = Math.abs(value);
  if (magnitude < 1e11) return Math.round(value * 1000);
  if (magnitude < 1e14) return Math.round(value);
  if (magnitude < 1e17) return Math.round(value / 1000);
  return Math.round(value / 1e6);
}
