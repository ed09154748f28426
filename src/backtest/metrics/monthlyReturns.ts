import type { EquityCurve } from '../Trade.js';
import { assertEquityCurve, assertStartingEquity } from './assertMetricsInput.js';
import { returnsFromEquity } from './returnsFromEquity.js';

export interface MonthlyReturn {
  year: number;
  /** 1 = January ... 12 = December (UTC). */
  month: number;
  /** Equity at the month's last bar over equity at the previous month's last bar, minus 1. */
  return: number;
}

/**
 * Calendar-month returns for the heatmap: bars are grouped by the UTC month of their time (a
 * bar's time is its open, so a daily bar of 31 January is January's); each month's return is
 * the compounded product of its bars' returns (`returnsFromEquity`) minus 1, as quantstats'
 * `monthly_returns` and empyrical's `aggregate_returns(..., 'monthly')`: the equity at the
 * month's last bar over the equity at the last bar of the month before (the first month's base
 * is `initialCapital`, or the first bar's equity), minus 1, until a ruin, after which returns
 * are 0. Months without bars (a gap in the data) have no row.
 */
export function monthlyReturns(curve: EquityCurve, initialCapital?: number): MonthlyReturn[] {
  assertEquityCurve(curve);
  const { time, equity } = curve;
  assertStartingEquity(initialCapital === undefined ? 'curve.equity[0]' : 'initialCapital', initialCapital ?? equity[0]);
  const rows: MonthlyReturn[] = [];
  const n = equity.length;
  // Bar i's return is returns[i - offset]; bar 0 has one only from initialCapital.
  const returns = returnsFromEquity(equity, initialCapital);
  const offset = initialCapital === undefined ? 1 : 0;
  let growth = 1;
  // A Date per month, not per bar: the bars of one month are those before the next month's start.
  let date = new Date(time[0]);
  let year = date.getUTCFullYear();
  let month = date.getUTCMonth();
  let nextMonthStart = Date.UTC(year, month + 1, 1);
  for (let i = 0; i < n; i++) {
    if (i >= offset) growth *= 1 + returns[i - offset];
    if (i + 1 < n && time[i + 1] < nextMonthStart) continue;
    rows.push({ year, month: month + 1, return: growth - 1 });
    if (i + 1 === n) break;
    growth = 1;
    date = new Date(time[i + 1]);
    year = date.getUTCFullYear();
    month = date.getUTCMonth();
    nextMonthStart = Date.UTC(year, month + 1, 1);
  }
  return rows;
}
