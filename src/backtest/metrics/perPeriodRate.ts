/**
 * The per-period rate that compounds to `annualRate` over a year of `periodsPerYear` periods:
 * (1 + annualRate)^(1 / periodsPerYear) - 1 (empyrical's conversion of an annual required
 * return in `omega_ratio`). A 5% annual risk-free rate is 0.0001936 per day at 252 periods.
 */
export function perPeriodRate(annualRate: number, periodsPerYear: number): number {
  return annualRate === 0 ? 0 : Math.pow(1 + annualRate, 1 / periodsPerYear) - 1;
}
