import { TickforgeError } from '../core/errors.js';
import { allMidnights, formatTime } from './formatNumbers.js';
import { escapeXml, priceTicks } from './renderSvgChart.js';

/** A history and its forecast, ready to draw. */
export interface ForecastChartData {
  title: string;
  /** Second line under the title (model, fit statistics). */
  subtitle?: string;
  /** The modelled values, oldest first. */
  history: Float64Array;
  /** Times (ms UTC) of the history; without them the axis counts observations from 1. */
  historyTimes?: Float64Array;
  /** Times of the forecast steps (ms UTC), when the history has times. */
  forecastTimes?: Float64Array;
  mean: Float64Array;
  /** Interval bounds at each step (NaN where there is none). */
  lower: Float64Array;
  upper: Float64Array;
  /** E.g. "95% interval". */
  intervalLabel: string;
}

export const forecastColors = { history: '#37474f', mean: '#1e88e5', band: 'rgba(30, 136, 229, 0.18)', bound: '#64b5f6' } as const;

const layout = { top: 56, right: 80, bottom: 28, left: 12 } as const;
const font = 'font-family="DejaVu Sans, Arial, sans-serif"';

/**
 * History (the last `historyPoints`, default 4x the horizon and at least 120, so the forecast
 * is not a sliver at the right edge), the forecast mean dashed from the last observation, and
 * the interval as a shaded band: one standalone SVG, for PNG output too. Points are spread
 * evenly by observation; the axis shows dates when the series has times, else observation
 * numbers.
 */
export function renderForecastSvg(data: ForecastChartData, options: { width?: number; height?: number; historyPoints?: number } = {}): string {
  const horizon = data.mean.length;
  if (horizon === 0 || data.lower.length !== horizon || data.upper.length !== horizon || data.history.length === 0) {
    throw new TickforgeError('TF_ERR_FORECAST_OPTION', 'A forecast chart needs a history and equal-length mean, lower and upper arrays.');
  }
  const width = options.width ?? 1200;
  const height = options.height ?? 560;
  const shown = Math.min(data.history.length, options.historyPoints ?? Math.max(120, 4 * horizon));
  const first = data.history.length - shown;
  const total = shown + horizon;
  const plotWidth = width - layout.left - layout.right;
  const plotHeight = height - layout.top - layout.bottom;
  const x = (k: number) => layout.left + (total === 1 ? plotWidth / 2 : (k * plotWidth) / (total - 1));
  let lowest = Infinity;
  let highest = -Infinity;
  const include = (value: number) => {
    if (Number.isFinite(value)) {
      lowest = Math.min(lowest, value);
      highest = Math.max(highest, value);
    }
  };
  for (let i = first; i < data.history.length; i++) include(data.history[i]);
  for (let h = 0; h < horizon; h++) {
    include(data.mean[h]);
    include(data.lower[h]);
    include(data.upper[h]);
  }
  const padding = (highest - lowest || Math.abs(highest) || 1) * 0.05;
  lowest -= padding;
  highest += padding;
  const y = (value: number) => layout.top + ((highest - value) / (highest - lowest)) * plotHeight;
  const right = width - layout.right;
  const parts: string[] = [`<rect width="${width}" height="${height}" fill="#ffffff"/>`];
  parts.push(`<text x="${layout.left}" y="20" ${font} font-size="15" fill="#263238">${escapeXml(data.title)}</text>`);
  if (data.subtitle !== undefined) parts.push(`<text x="${layout.left}" y="40" ${font} font-size="12" fill="#546e7a">${escapeXml(data.subtitle)}</text>`);
  for (const tick of priceTicks(lowest, highest)) {
    const ty = y(tick).toFixed(1);
    parts.push(`<line x1="${layout.left}" x2="${right}" y1="${ty}" y2="${ty}" stroke="#eceff1"/>`);
    parts.push(`<text x="${right + 6}" y="${ty}" dy="4" ${font} font-size="11" fill="#546e7a">${axisValue(tick)}</text>`);
  }
  const label = axisLabeller(data, first);
  const labelCount = Math.max(2, Math.min(total, Math.floor(plotWidth / 110)));
  for (let k = 0; k < labelCount; k++) {
    const at = Math.round((k * (total - 1)) / (labelCount - 1));
    const anchor = k === 0 ? 'start' : k === labelCount - 1 ? 'end' : 'middle';
    parts.push(`<text x="${x(at).toFixed(1)}" y="${height - 8}" text-anchor="${anchor}" ${font} font-size="11" fill="#546e7a">${escapeXml(label(at))}</text>`);
  }
  // The band and the mean start at the last observation, so the forecast visibly continues it.
  const anchorValue = data.history[data.history.length - 1];
  const band: string[] = [];
  const lowerPoints: string[] = [];
  band.push(`M${x(shown - 1).toFixed(1)},${y(anchorValue).toFixed(1)}`);
  for (let h = 0; h < horizon; h++) {
    if (Number.isFinite(data.upper[h]) && Number.isFinite(data.lower[h])) {
      band.push(`L${x(shown + h).toFixed(1)},${y(data.upper[h]).toFixed(1)}`);
      lowerPoints.unshift(`L${x(shown + h).toFixed(1)},${y(data.lower[h]).toFixed(1)}`);
    }
  }
  if (lowerPoints.length > 0) parts.push(`<path d="${band.join('')}${lowerPoints.join('')}Z" fill="${forecastColors.band}" stroke="none" data-series="interval"/>`);
  let historyPath = '';
  for (let i = first; i < data.history.length; i++) historyPath += `${i === first ? 'M' : 'L'}${x(i - first).toFixed(1)},${y(data.history[i]).toFixed(1)}`;
  parts.push(`<path d="${historyPath}" fill="none" stroke="${forecastColors.history}" stroke-width="1.4" data-series="history"/>`);
  let meanPath = `M${x(shown - 1).toFixed(1)},${y(anchorValue).toFixed(1)}`;
  for (let h = 0; h < horizon; h++) meanPath += `L${x(shown + h).toFixed(1)},${y(data.mean[h]).toFixed(1)}`;
  parts.push(`<path d="${meanPath}" fill="none" stroke="${forecastColors.mean}" stroke-width="1.8" stroke-dasharray="6 4" data-series="forecast"/>`);
  const legendX = layout.left + 8;
  parts.push(`<rect x="${legendX}" y="${layout.top + 6}" width="14" height="3" fill="${forecastColors.history}"/><text x="${legendX + 20}" y="${layout.top + 11}" ${font} font-size="11" fill="#37474f">history</text>`);
  parts.push(`<rect x="${legendX + 90}" y="${layout.top + 6}" width="14" height="3" fill="${forecastColors.mean}"/><text x="${legendX + 110}" y="${layout.top + 11}" ${font} font-size="11" fill="#37474f">forecast</text>`);
  parts.push(`<rect x="${legendX + 185}" y="${layout.top + 2}" width="14" height="10" fill="${forecastColors.band}"/><text x="${legendX + 205}" y="${layout.top + 11}" ${font} font-size="11" fill="#37474f">${escapeXml(data.intervalLabel)}</text>`);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${parts.join('')}</svg>`;
}

function axisLabeller(data: ForecastChartData, first: number): (k: number) => string {
  const shown = data.history.length - first;
  if (data.historyTimes !== undefined && data.forecastTimes !== undefined) {
    const times = data.historyTimes;
    const future = data.forecastTimes;
    const intraday = !allMidnights(times) || !allMidnights(future);
    return (k) => formatTime(k < shown ? times[first + k] : future[k - shown], intraday);
  }
  return (k) => `${first + k + 1}`;
}

function axisValue(value: number): string {
  return Math.abs(value) >= 1000 ? value.toFixed(0) : Number(value.toPrecision(4)).toString();
}
