import { assertBenchmark, assertEquityCurve } from '../backtest/metrics/assertMetricsInput.js';
import { compoundAnnualGrowthRate } from '../backtest/metrics/compoundAnnualGrowthRate.js';
import { drawdownSeries } from '../backtest/metrics/drawdownSeries.js';
import type { PerformanceMetrics } from '../backtest/metrics/PerformanceMetrics.js';
import type { EquityCurve } from '../backtest/Trade.js';
import { decimateIndices } from './decimateIndices.js';
import { allMidnights, formatPercent, formatRatio, formatTime } from './formatNumbers.js';
import { escapeXml, priceTicks } from './renderSvgChart.js';

export interface EquitySvgOptions {
  /** Default 1200 x 600 pixels. */
  width?: number;
  height?: number;
  /** The first line; default "Equity and drawdown". The second line holds the headline numbers. */
  title?: string;
  /** Default "benchmark". */
  benchmarkLabel?: string;
  /** The capital before bar 0: the first drawdown peak, as in `computeMetrics`. */
  initialCapital?: number;
  /** When given, the headline (return, CAGR, Sharpe, max drawdown, benchmark) comes from these; otherwise from the curve. */
  metrics?: PerformanceMetrics;
}

/** Pixels around the panes: a title and a headline line above, prices on the right, dates below. */
export const equitySvgLayout = { top: 56, right: 72, bottom: 28, left: 12, paneGap: 18, drawdownShare: 0.3 } as const;

export const equityColors = { strategy: '#1e88e5', benchmark: '#90a4ae', drawdown: '#ef5350', drawdownFill: 'rgba(239, 83, 80, 0.25)' } as const;

const font = 'font-family="DejaVu Sans, Arial, sans-serif"';

/**
 * The equity curve (and the benchmark, rebased to the curve's first value so both start
 * together) over a drawdown pane, as one standalone SVG for PNG output in terminals and CI
 * logs. Points are spread evenly by bar (as trading charts do); the drawdown pane runs from 0
 * at its top to a round depth at or below the deepest drawdown at its bottom, so its line is
 * `drawdownSeries` of the curve. Long curves are thinned to what the width can show, keeping
 * every bucket's extremes.
 *
 * Layout (`equitySvgLayout`): plot from x = left to width - right; the equity pane from y = top
 * and the drawdown pane (drawdownShare of the height left, rounded) below a gap, ending at
 * height - bottom. Throws TF_ERR_BACKTEST_METRICS_INPUT on a curve or benchmark the metrics
 * would refuse.
 */
export function renderEquitySvg(curve: EquityCurve, benchmark?: Float64Array, options: EquitySvgOptions = {}): string {
  assertEquityCurve(curve);
  if (benchmark !== undefined) assertBenchmark(benchmark, curve.equity.length);
  const width = options.width ?? 1200;
  const height = options.height ?? 600;
  const layout = equitySvgLayout;
  const { time, equity } = curve;
  const n = equity.length;
  const rebased = benchmark === undefined ? undefined : Float64Array.from(benchmark, (value) => (value / benchmark[0]) * equity[0]);
  const drawdown = drawdownSeries(equity, options.initialCapital);

  const plotWidth = width - layout.left - layout.right;
  const available = height - layout.top - layout.bottom - layout.paneGap;
  const drawdownHeight = Math.round(available * layout.drawdownShare);
  const equityHeight = available - drawdownHeight;
  const drawdownTop = layout.top + equityHeight + layout.paneGap;
  const x = (i: number) => layout.left + (n === 1 ? plotWidth / 2 : (i * plotWidth) / (n - 1));

  let lowest = Infinity;
  let highest = -Infinity;
  let deepest = 0;
  let trough = -1;
  for (let i = 0; i < n; i++) {
    lowest = Math.min(lowest, equity[i], rebased?.[i] ?? Infinity);
    highest = Math.max(highest, equity[i], rebased?.[i] ?? -Infinity);
    if (drawdown[i] > deepest) {
      deepest = drawdown[i];
      trough = i;
    }
  }
  const padding = (highest - lowest || Math.abs(highest) || 1) * 0.04;
  lowest -= padding;
  highest += padding;
  const yEquity = (value: number) => layout.top + ((highest - value) / (highest - lowest)) * equityHeight;
  const depth = roundDepth(deepest);
  const yDrawdown = (value: number) => drawdownTop + (value / depth) * drawdownHeight;

  const parts: string[] = [`<rect width="${width}" height="${height}" fill="#ffffff"/>`];
  parts.push(`<text x="${layout.left}" y="20" ${font} font-size="15" fill="#263238">${escapeXml(options.title ?? 'Equity and drawdown')}</text>`);
  parts.push(`<text x="${layout.left}" y="40" ${font} font-size="12" fill="#546e7a">${escapeXml(headline(curve, drawdown, rebased, options))}</text>`);
  const right = width - layout.right;
  for (const tick of priceTicks(lowest, highest)) {
    const ty = yEquity(tick).toFixed(1);
    parts.push(`<line x1="${layout.left}" x2="${right}" y1="${ty}" y2="${ty}" stroke="#eceff1"/>`);
    parts.push(`<text x="${right + 6}" y="${ty}" dy="4" ${font} font-size="11" fill="#546e7a">${formatAxisValue(tick)}</text>`);
  }
  for (const tick of [0, depth / 2, depth]) {
    const ty = yDrawdown(tick).toFixed(1);
    parts.push(`<line x1="${layout.left}" x2="${right}" y1="${ty}" y2="${ty}" stroke="#eceff1"/>`);
    parts.push(`<text x="${right + 6}" y="${ty}" dy="4" ${font} font-size="11" fill="#546e7a">${Number((-tick * 100).toPrecision(3))}%</text>`);
  }
  const intraday = !allMidnights(time);
  const labelCount = Math.max(1, Math.min(n, Math.floor(plotWidth / (intraday ? 150 : 95))));
  for (let k = 0; k < labelCount; k++) {
    const i = labelCount === 1 ? 0 : Math.round((k * (n - 1)) / (labelCount - 1));
    const anchor = k === 0 && labelCount > 1 ? 'start' : k === labelCount - 1 && labelCount > 1 ? 'end' : 'middle';
    parts.push(`<text x="${x(i).toFixed(1)}" y="${height - 8}" text-anchor="${anchor}" ${font} font-size="11" fill="#546e7a">${formatTime(time[i], intraday)}</text>`);
  }
  const deepestText = trough >= 0 ? `, deepest ${formatPercent(-deepest, 1)} on ${formatTime(time[trough], intraday)}` : '';
  parts.push(`<text x="${layout.left}" y="${drawdownTop - 5}" ${font} font-size="11" fill="#546e7a">Drawdown from the running peak${escapeXml(deepestText)}</text>`);

  const series = rebased === undefined ? [equity, drawdown] : [equity, rebased, drawdown];
  const kept = decimateIndices(series, n, Math.max(64, Math.round(plotWidth) * 8));
  if (rebased !== undefined) parts.push(path(kept, x, (i) => yEquity(rebased[i]), `fill="none" stroke="${equityColors.benchmark}" stroke-width="1.2" data-series="benchmark"`));
  parts.push(path(kept, x, (i) => yEquity(equity[i]), `fill="none" stroke="${equityColors.strategy}" stroke-width="1.6" data-series="equity"`));
  const first = x(kept[0]).toFixed(1);
  const last = x(kept[kept.length - 1]).toFixed(1);
  const zero = drawdownTop.toFixed(1);
  parts.push(`<path d="${pathData(kept, x, (i) => yDrawdown(drawdown[i]))}L${last},${zero}L${first},${zero}Z" fill="${equityColors.drawdownFill}" stroke="none"/>`);
  parts.push(path(kept, x, (i) => yDrawdown(drawdown[i]), `fill="none" stroke="${equityColors.drawdown}" stroke-width="1.2" data-series="drawdown"`));
  if (trough >= 0) parts.push(`<circle cx="${x(trough).toFixed(1)}" cy="${yDrawdown(deepest).toFixed(1)}" r="3" fill="${equityColors.drawdown}"/>`);
  parts.push(legend(right, rebased === undefined ? undefined : (options.benchmarkLabel ?? 'benchmark')));
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${parts.join('')}</svg>`;
}

/** The smallest round depth (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten) at or beyond the deepest drawdown; 1% when flat. */
export function roundDepth(deepest: number): number {
  if (!(deepest > 0)) return 0.01;
  const power = 10 ** Math.floor(Math.log10(deepest));
  for (const multiple of [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) {
    const candidate = Number((multiple * power).toPrecision(12));
    if (candidate >= deepest * (1 - 1e-12)) return candidate;
  }
  return 10 * power;
}

function pathData(indices: Int32Array, x: (i: number) => number, y: (i: number) => number): string {
  let d = '';
  for (let k = 0; k < indices.length; k++) d += `${k === 0 ? 'M' : 'L'}${x(indices[k]).toFixed(1)},${y(indices[k]).toFixed(1)}`;
  return d;
}

function path(indices: Int32Array, x: (i: number) => number, y: (i: number) => number, attributes: string): string {
  return `<path d="${pathData(indices, x, y)}" ${attributes}/>`;
}

function headline(curve: EquityCurve, drawdown: Float64Array, rebased: Float64Array | undefined, options: EquitySvgOptions): string {
  const m = options.metrics;
  const n = curve.equity.length;
  const start = options.initialCapital ?? curve.equity[0];
  const totalReturn = m?.totalReturn ?? curve.equity[n - 1] / start - 1;
  const cagr = m?.compoundAnnualGrowthRate ?? compoundAnnualGrowthRate(start, curve.equity[n - 1], curve.time[n - 1] - curve.time[0]);
  let deepest = 0;
  for (let i = 0; i < n; i++) if (drawdown[i] > deepest) deepest = drawdown[i];
  const items = [`Return ${formatPercent(totalReturn)}`, `CAGR ${formatPercent(cagr)}`];
  if (m !== undefined) items.push(`Sharpe ${formatRatio(m.sharpeRatio)}`);
  items.push(`Max drawdown ${formatPercent(m?.maxDrawdown ?? deepest)}`);
  if (rebased !== undefined) items.push(`${options.benchmarkLabel ?? 'benchmark'} ${formatPercent(rebased[n - 1] / rebased[0] - 1)}`);
  return items.join('  ·  ');
}

/** Swatches and names right-aligned on the title line, clear of the plot. */
function legend(right: number, benchmarkLabel: string | undefined): string {
  const entries: [string, string][] = [['strategy', equityColors.strategy]];
  if (benchmarkLabel !== undefined) entries.push([`${benchmarkLabel} (rebased)`, equityColors.benchmark]);
  return entries
    .map(([text, color], k) => {
      const y = 18 + k * 16;
      return `<text x="${right - 4}" y="${y}" text-anchor="end" ${font} font-size="11" fill="#37474f">${escapeXml(text)}</text><rect x="${right}" y="${y - 7}" width="14" height="3" fill="${color}"/>`;
    })
    .join('');
}

/** Axis prices: "12.3k" and "1.25M" for large values, so the labels fit the margin. */
function formatAxisValue(value: number): string {
  const size = Math.abs(value);
  if (size >= 1e6) return `${Number((value / 1e6).toPrecision(4))}M`;
  if (size >= 1e4) return `${Number((value / 1e3).toPrecision(4))}k`;
  return String(Number(value.toPrecision(6)));
}
