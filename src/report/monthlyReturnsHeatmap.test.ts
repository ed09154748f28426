import { describe, expect, it } from 'vitest';
import { monthlyReturns } from '../backtest/metrics/monthlyReturns.js';
import type { EquityCurve } from '../backtest/Trade.js';
import { heatmapColor, monthlyReturnsHeatmap, renderMonthlyReturnsTable, yearlyReturns } from './monthlyReturnsHeatmap.js';

/** January 2020 to February 2021: two bars a month (the 1st and the 20th), month-end returns as listed. */
const chosen = [0.1, -0.04, 0.02, 0, 0.03, -0.02, 0.01, 0.04, -0.01, 0.05, -0.03, 0.02, 0.06, -0.04];
function fourteenMonths(): EquityCurve {
  const time: number[] = [];
  const equity: number[] = [];
  let monthEnd = 100;
  chosen.forEach((r, m) => {
    time.push(Date.UTC(2020, m, 1), Date.UTC(2020, m, 20));
    // The first bar is the base; later months wander mid-month, which the month's return ignores.
    equity.push(m === 0 ? 100 : monthEnd * 1.005, monthEnd * (1 + r));
    monthEnd *= 1 + r;
  });
  return { time: Float64Array.from(time), equity: Float64Array.from(equity), exposure: new Float64Array(time.length) };
}

describe('monthlyReturnsHeatmap', () => {
  const heatmap = monthlyReturnsHeatmap(monthlyReturns(fourteenMonths()));

  it('lays the months out by year with the yearly totals compounded from them', () => {
    expect(heatmap.years.map((year) => year.year)).toEqual([2020, 2021]);
    heatmap.years[0].months.forEach((value, k) => expect(value).toBeCloseTo(chosen[k], 12));
    expect(heatmap.years[1].months[0]).toBeCloseTo(0.06, 12);
    expect(heatmap.years[1].months[1]).toBeCloseTo(-0.04, 12);
    expect(heatmap.years[1].months.slice(2)).toEqual(new Array(10).fill(null));
    // 1.1 x 0.96 x 1.02 x 1 x 1.03 x 0.98 x 1.01 x 1.04 x 0.99 x 1.05 x 0.97 x 1.02 - 1, by hand.
    expect(heatmap.years[0].total).toBeCloseTo(0.1745689152470258, 12);
    expect(heatmap.years[1].total).toBeCloseTo(0.0176, 12);
    expect(heatmap.scale).toBeCloseTo(0.1, 12);
    expect(heatmap.totalScale).toBeCloseTo(0.1745689152470258, 12);
    expect(yearlyReturns(monthlyReturns(fourteenMonths())).map((year) => year.months)).toEqual([12, 2]);
  });

  it('colours a cell from white towards green or red in proportion to its return over the scale', () => {
    expect(heatmapColor(0, 0.1)).toBe('rgb(255, 255, 255)');
    expect(heatmapColor(0.1, 0.1)).toBe('rgb(38, 166, 154)');
    expect(heatmapColor(0.5, 0.1)).toBe('rgb(38, 166, 154)');
    // -0.04 of 0.1: 40% of the way from (255, 255, 255) to (239, 83, 80).
    expect(heatmapColor(-0.04, 0.1)).toBe('rgb(249, 186, 185)');
    // 0.03 of 0.1: 30% of the way to (38, 166, 154).
    expect(heatmapColor(0.03, 0.1)).toBe('rgb(190, 228, 225)');
    expect(heatmapColor(NaN, 0.1)).toBe('rgb(236, 239, 241)');
  });

  it('renders a table row per year with the value, colour and month of each cell, empty cells for months without bars', () => {
    const html = renderMonthlyReturnsTable(heatmap);
    const rows = html.split('<tr>').slice(2);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain('<td class="cell" style="background:rgb(38, 166, 154);color:#ffffff" title="2020-01: 10.00%">10.0%</td>');
    expect(rows[0]).toContain('<td class="cell" style="background:rgb(249, 186, 185);color:#263238" title="2020-02: -4.00%">-4.0%</td>');
    expect(rows[0]).toContain('<td class="cell" style="background:rgb(255, 255, 255);color:#263238" title="2020-04: 0.00%">0.0%</td>');
    expect(rows[0]).toContain('<td class="cell total" style="background:rgb(38, 166, 154);color:#ffffff" title="2020: 17.46%">17.5%</td>');
    // 2021's total, 1.76% of the totals' scale 17.46%: about 10% of the way to green.
    expect(rows[1]).toContain('<td class="cell total" style="background:rgb(233, 246, 245);color:#263238" title="2021: 1.76%">1.8%</td>');
    expect(rows[1].match(/<td class="empty"><\/td>/g)).toHaveLength(10);
    expect(rows[0].match(/<td class="cell"/g)).toHaveLength(12);
  });
});
