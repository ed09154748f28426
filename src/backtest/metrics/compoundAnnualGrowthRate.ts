/** A mean calendar year (Julian), so leap years weigh in on average: 365.25 days in ms. */
export const yearMs = 365.25 * 86_400_000;

/**
 * Compound annual growth rate by calendar time: (end / start)^(1 / years) - 1 with
 * years = durationMs / (365.25 days). Calendar time rather than bar count, so a daily stock curve
 * (252 bars a year) and a crypto curve (365) are annualised alike and gaps (weekends, halts)
 * count as the time they are. empyrical's `annual_return` counts periods instead
 * (years = n / periodsPerYear); the two agree when bars are 365.25 / periodsPerYear days apart.
 *
 * NaN when the duration is not positive (a single point) or the start is not positive; -1 when
 * the end is at or below zero (everything lost).
 */
export function compoundAnnualGrowthRate(startValue: number, endValue: number, durationMs: number): number {
  if (!(durationMs > 0) || !(startValue > 0)) return NaN;
  if (endValue <= 0) return -1;
  return Math.pow(endValue / startValue, yearMs / durationMs) - 1;
}
