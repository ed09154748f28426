import type { MonthlyReturn } from '../backtest/metrics/monthlyReturns.js';
import { formatPercent } from './formatNumbers.js';

export interface YearlyReturn {
  year: number;
  /** The product of (1 + r) over the year's months with bars, minus 1. */
  return: number;
  /** Months of the year that had bars. */
  months: number;
}

export interface HeatmapYear {
  year: number;
  /** January .. December; null for a month without bars. */
  months: (number | null)[];
  total: number;
}

export interface MonthlyReturnsHeatmap {
  years: HeatmapYear[];
  /** The largest |monthly return|: a month this far from 0 gets the full colour. */
  scale: number;
  /** The largest |yearly total|, the totals' own scale (a year spans many months' moves). */
  totalScale: number;
}

/** Calendar-year returns compounded from the monthly ones, oldest first. */
export function yearlyReturns(monthly: readonly MonthlyReturn[]): YearlyReturn[] {
  const years = new Map<number, YearlyReturn>();
  for (const row of monthly) {
    const year = years.get(row.year) ?? { year: row.year, return: 0, months: 0 };
    year.return = (1 + year.return) * (1 + row.return) - 1;
    year.months++;
    years.set(row.year, year);
  }
  return [...years.values()].sort((a, b) => a.year - b.year);
}

/** The monthly returns laid out years x months, with yearly totals and the colour scales. */
export function monthlyReturnsHeatmap(monthly: readonly MonthlyReturn[]): MonthlyReturnsHeatmap {
  const totals = yearlyReturns(monthly);
  const years: HeatmapYear[] = totals.map((total) => ({ year: total.year, months: new Array<number | null>(12).fill(null), total: total.return }));
  const index = new Map(years.map((year, k) => [year.year, k]));
  let scale = 0;
  for (const row of monthly) {
    years[index.get(row.year)!].months[row.month - 1] = row.return;
    if (Number.isFinite(row.return)) scale = Math.max(scale, Math.abs(row.return));
  }
  let totalScale = 0;
  for (const year of years) if (Number.isFinite(year.total)) totalScale = Math.max(totalScale, Math.abs(year.total));
  return { years, scale, totalScale };
}

const white = [255, 255, 255] as const;
const gain = [38, 166, 154] as const;
const loss = [239, 83, 80] as const;

/**
 * The cell colour of a return: white at 0, towards green for gains and red for losses,
 * linearly in |value| / scale and full at the scale or beyond. Not-finite values are grey.
 */
export function heatmapColor(value: number, scale: number): string {
  if (!Number.isFinite(value)) return 'rgb(236, 239, 241)';
  const strength = scale > 0 ? Math.min(1, Math.abs(value) / scale) : 0;
  const target = value >= 0 ? gain : loss;
  const channel = (k: number) => Math.round(white[k] + (target[k] - white[k]) * strength);
  return `rgb(${channel(0)}, ${channel(1)}, ${channel(2)})`;
}

const monthNames = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function cell(value: number, scale: number, title: string): string {
  // Dark text stops being readable on the deepest colours.
  const ink = scale > 0 && Math.abs(value) / scale > 0.6 ? '#ffffff' : '#263238';
  return `<td class="cell" style="background:${heatmapColor(value, scale)};color:${ink}" title="${title}">${formatPercent(value, 1)}</td>`;
}

/** The heatmap as an HTML table: a row per year, a cell per month coloured by its return, and the year's total. */
export function renderMonthlyReturnsTable(heatmap: MonthlyReturnsHeatmap): string {
  const head = `<tr><th>Year</th>${monthNames.map((name) => `<th>${name}</th>`).join('')}<th>Year</th></tr>`;
  const rows = heatmap.years.map((year) => {
    const months = year.months
      .map((value, k) => (value === null ? '<td class="empty"></td>' : cell(value, heatmap.scale, `${year.year}-${String(k + 1).padStart(2, '0')}: ${formatPercent(value)}`)))
      .join('');
    return `<tr><th>${year.year}</th>${months}${cell(year.total, heatmap.totalScale, `${year.year}: ${formatPercent(year.total)}`).replace('class="cell"', 'class="cell total"')}</tr>`;
  });
  return `<table class="heatmap"><thead>${head}</thead><tbody>${rows.join('')}</tbody></table>`;
}
