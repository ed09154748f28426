import { chartColors, type ChartModel } from './ChartModel.js';

export interface SvgChartOptions {
  width?: number;
  height?: number;
}

const margin = { top: 36, right: 72, bottom: 28, left: 12 };

/**
 * The chart as a standalone SVG document: candles, boxes, segments, lines, markers and labels,
 * a price axis on the right and dates along the bottom. Candles are placed by bar index (no
 * weekend gaps), as trading charts do. Meant for PNG output (terminals, CI logs) and for
 * embedding; the interactive form is `renderHtmlChart`.
 */
export function renderSvgChart(model: ChartModel, options: SvgChartOptions = {}): string {
  const width = options.width ?? 1400;
  const height = options.height ?? 700;
  const { time, open, high, low, close } = model.candles;
  const count = time.length;
  let minimum = Infinity;
  let maximum = -Infinity;
  for (let i = 0; i < count; i++) {
    if (low[i] < minimum) minimum = low[i];
    if (high[i] > maximum) maximum = high[i];
  }
  for (const box of model.boxes) {
    minimum = Math.min(minimum, box.bottom);
    maximum = Math.max(maximum, box.top);
  }
  if (!Number.isFinite(minimum) || !Number.isFinite(maximum)) {
    minimum = 0;
    maximum = 1;
  }
  const padding = (maximum - minimum || Math.abs(maximum) || 1) * 0.04;
  minimum -= padding;
  maximum += padding;
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const step = plotWidth / Math.max(count, 1);
  const x = (index: number) => margin.left + (index + 0.5) * step;
  const y = (price: number) => margin.top + ((maximum - price) / (maximum - minimum)) * plotHeight;
  const indexOf = timeIndexer(time);
  const parts: string[] = [];
  parts.push(`<rect width="${width}" height="${height}" fill="#ffffff"/>`);
  parts.push(`<text x="${margin.left}" y="22" font-family="DejaVu Sans, Arial, sans-serif" font-size="15" fill="#263238">${escapeXml(model.title)}</text>`);
  for (const tick of priceTicks(minimum, maximum)) {
    const ty = y(tick).toFixed(1);
    parts.push(`<line x1="${margin.left}" x2="${width - margin.right}" y1="${ty}" y2="${ty}" stroke="#eceff1"/>`);
    parts.push(`<text x="${width - margin.right + 6}" y="${ty}" dy="4" font-family="DejaVu Sans, Arial, sans-serif" font-size="11" fill="#546e7a">${formatPrice(tick)}</text>`);
  }
  for (const index of timeTicks(count)) {
    parts.push(`<text x="${x(index).toFixed(1)}" y="${height - 8}" text-anchor="middle" font-family="DejaVu Sans, Arial, sans-serif" font-size="11" fill="#546e7a">${new Date(time[index]).toISOString().slice(0, 10)}</text>`);
  }
  // Everything drawn on prices stays inside the plot: a line or zone beyond the range is cut at its edge.
  parts.push(`<defs><clipPath id="plot"><rect x="${margin.left}" y="${margin.top}" width="${plotWidth}" height="${plotHeight}"/></clipPath></defs><g clip-path="url(#plot)">`);
  for (const box of model.boxes) {
    const left = x(indexOf(box.fromTime)) - step / 2;
    const right = x(indexOf(box.toTime)) + step / 2;
    parts.push(`<rect x="${left.toFixed(1)}" y="${y(box.top).toFixed(1)}" width="${Math.max(1, right - left).toFixed(1)}" height="${Math.max(1, y(box.bottom) - y(box.top)).toFixed(1)}" fill="${box.color}"/>`);
    if (box.label !== undefined) parts.push(label(left + 2, y(box.top) + 10, box.label, '#37474f'));
  }
  const bodyWidth = Math.max(1, step * 0.7);
  for (let i = 0; i < count; i++) {
    if (!Number.isFinite(open[i] + high[i] + low[i] + close[i])) continue;
    const color = close[i] >= open[i] ? chartColors.up : chartColors.down;
    const cx = x(i).toFixed(1);
    parts.push(`<line x1="${cx}" x2="${cx}" y1="${y(high[i]).toFixed(1)}" y2="${y(low[i]).toFixed(1)}" stroke="${color}"/>`);
    const top = y(Math.max(open[i], close[i]));
    parts.push(`<rect x="${(x(i) - bodyWidth / 2).toFixed(1)}" y="${top.toFixed(1)}" width="${bodyWidth.toFixed(1)}" height="${Math.max(1, y(Math.min(open[i], close[i])) - top).toFixed(1)}" fill="${color}"/>`);
  }
  for (const line of model.lines) {
    let path = '';
    let pen = 'M';
    for (let i = 0; i < line.values.length && i < count; i++) {
      if (!Number.isFinite(line.values[i])) {
        pen = 'M';
        continue;
      }
      path += `${pen}${x(i).toFixed(1)},${y(line.values[i]).toFixed(1)}`;
      pen = 'L';
    }
    if (path !== '') parts.push(`<path d="${path}" fill="none" stroke="${line.color}" stroke-width="1.5"/>`);
  }
  for (const segment of model.segments) {
    const x1 = x(indexOf(segment.fromTime));
    const x2 = x(indexOf(segment.toTime));
    const dash = segment.dashed ? ' stroke-dasharray="5,4"' : '';
    parts.push(`<line x1="${x1.toFixed(1)}" x2="${x2.toFixed(1)}" y1="${y(segment.price).toFixed(1)}" y2="${y(segment.endPrice ?? segment.price).toFixed(1)}" stroke="${segment.color}" stroke-width="1.2"${dash}/>`);
    if (segment.label !== undefined) parts.push(label((x1 + x2) / 2, y(segment.price) - 4, segment.label, segment.color, 'middle'));
  }
  for (const marker of model.markers) {
    const index = indexOf(marker.time);
    const above = marker.position === 'above';
    const my = above ? y(high[index]) - 9 : y(low[index]) + 9;
    parts.push(markerShape(marker.shape, x(index), my, marker.color));
    if (marker.text !== undefined) parts.push(label(x(index), above ? my - 9 : my + 17, marker.text, marker.color, 'middle'));
  }
  parts.push('</g>');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${parts.join('')}</svg>`;
}

/** Bar index of a time: the last bar opening at or before it (markers and boxes snap to bars). */
function timeIndexer(time: Float64Array): (at: number) => number {
  return (at) => {
    let low = 0;
    let high = time.length - 1;
    if (high < 0 || at <= time[0]) return 0;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (time[middle] <= at) low = middle;
      else high = middle - 1;
    }
    return low;
  };
}

function markerShape(shape: string, cx: number, cy: number, color: string): string {
  const size = 5;
  if (shape === 'arrowUp') return `<path d="M${cx},${cy - size} L${cx + size},${cy + size} L${cx - size},${cy + size} Z" fill="${color}"/>`;
  if (shape === 'arrowDown') return `<path d="M${cx},${cy + size} L${cx + size},${cy - size} L${cx - size},${cy - size} Z" fill="${color}"/>`;
  if (shape === 'square') return `<rect x="${cx - size / 1.4}" y="${cy - size / 1.4}" width="${size * 1.4}" height="${size * 1.4}" fill="${color}"/>`;
  return `<circle cx="${cx}" cy="${cy}" r="${size / 1.4}" fill="${color}"/>`;
}

function label(x: number, y: number, text: string, color: string, anchor: 'start' | 'middle' = 'start'): string {
  return `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" text-anchor="${anchor}" font-family="DejaVu Sans, Arial, sans-serif" font-size="10" fill="${color}">${escapeXml(text)}</text>`;
}

/** About eight round prices across the range (1, 2 or 5 times a power of ten apart). */
export function priceTicks(minimum: number, maximum: number): number[] {
  const raw = (maximum - minimum) / 8;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((candidate) => candidate >= raw) ?? 10 * power;
  const ticks: number[] = [];
  for (let tick = Math.ceil(minimum / step) * step; tick <= maximum; tick += step) ticks.push(Number(tick.toPrecision(12)));
  return ticks;
}

function timeTicks(count: number): number[] {
  const every = Math.max(1, Math.ceil(count / 8));
  const ticks: number[] = [];
  for (let i = 0; i < count; i += every) ticks.push(i);
  return ticks;
}

function formatPrice(value: number): string {
  return Math.abs(value) >= 1000 ? value.toFixed(0) : Number(value.toPrecision(6)).toString();
}

export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&#39;' })[c]!);
}
