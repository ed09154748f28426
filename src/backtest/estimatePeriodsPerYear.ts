import type { Timeframe } from '../core/Timeframe.js';

const yearMs = 365.25 * 86_400_000;

/**
 * Bars per year as the data has them, for annualising: the bar count over the years it spans
 * (about 252 for US daily equities, 365 for daily crypto, 8,766 for hourly crypto, fewer for
 * hourly equities that trade 6.5 hours a day). Falls back to the calendar count of the
 * timeframe when the span is under a month, too short to say.
 */
export function estimatePeriodsPerYear(time: Float64Array, timeframe: Timeframe): number {
  const count = time.length;
  const span = count > 1 ? time[count - 1] - time[0] : 0;
  if (span < yearMs / 12) return yearMs / timeframe.milliseconds;
  return ((count - 1) * yearMs) / span;
}
