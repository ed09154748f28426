import { escapeXml } from './renderSvgChart.js';
import type { ChartModel } from './ChartModel.js';

export interface HtmlChartOptions {
  /** The text of lightweight-charts' standalone build, inlined so the page works offline. */
  library: string;
  /** Extra HTML under the chart (a table of events). */
  footer?: string;
}

/**
 * An interactive page (zoom, pan, crosshair) drawing the model with lightweight-charts: the
 * candles as a candlestick series, lines as line series, markers through its markers plugin,
 * and boxes and segments through a small series primitive that paints rectangles and lines
 * in the chart's own coordinates. One self-contained file, no network access needed.
 */
export function renderHtmlChart(model: ChartModel, options: HtmlChartOptions): string {
  const seconds = (time: number) => Math.floor(time / 1000);
  const { time, open, high, low, close } = model.candles;
  const candles = [];
  for (let i = 0; i < time.length; i++) {
    if (Number.isFinite(open[i] + high[i] + low[i] + close[i])) candles.push({ time: seconds(time[i]), open: open[i], high: high[i], low: low[i], close: close[i] });
  }
  const data = {
    candles,
    lines: model.lines.map((line) => ({
      label: line.label,
      color: line.color,
      points: Array.from(line.values, (value, i) => (Number.isFinite(value) ? { time: seconds(time[i]), value } : { time: seconds(time[i]) })),
    })),
    boxes: model.boxes.map((box) => ({ ...box, fromTime: seconds(box.fromTime), toTime: seconds(box.toTime) })),
    segments: model.segments.map((segment) => ({ ...segment, fromTime: seconds(segment.fromTime), toTime: seconds(segment.toTime) })),
    markers: model.markers
      .map((marker) => ({ time: seconds(marker.time), position: marker.position === 'above' ? 'aboveBar' : 'belowBar', shape: marker.shape, color: marker.color, text: marker.text ?? '' }))
      .sort((a, b) => a.time - b.time),
  };
  // `</` inside inlined JSON or script would end the script element early.
  const json = JSON.stringify(data).replace(/<\//g, '<\\/');
  const library = options.library.replace(/<\/script/gi, '<\\/script');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeXml(model.title)}</title>
<style>body{margin:0;font-family:system-ui,sans-serif;color:#263238}h1{font-size:16px;margin:10px 12px}#chart{width:100vw;height:78vh}
.legend{margin:6px 12px;font-size:12px}.legend span{margin-right:14px}table{border-collapse:collapse;margin:12px;font-size:12px}td,th{border-bottom:1px solid #eceff1;padding:3px 8px;text-align:left}</style>
</head><body><h1>${escapeXml(model.title)}</h1><div id="chart"></div><div class="legend" id="legend"></div>${options.footer ?? ''}
<script>${library}</script>
<script>
const data = ${json};
const LWC = LightweightCharts;
const chart = LWC.createChart(document.getElementById('chart'), { autoSize: true, layout: { background: { color: '#ffffff' }, textColor: '#37474f' }, grid: { vertLines: { color: '#f1f3f4' }, horzLines: { color: '#f1f3f4' } }, timeScale: { timeVisible: true } });
const candles = chart.addSeries(LWC.CandlestickSeries, { upColor: '#26a69a', downColor: '#ef5350', borderVisible: false, wickUpColor: '#26a69a', wickDownColor: '#ef5350' });
candles.setData(data.candles);
for (const line of data.lines) {
  const series = chart.addSeries(LWC.LineSeries, { color: line.color, lineWidth: 2, priceLineVisible: false, lastValueVisible: false, title: line.label });
  series.setData(line.points);
  document.getElementById('legend').insertAdjacentHTML('beforeend', '<span style="color:' + line.color + '">&#9632; ' + line.label + '</span>');
}
LWC.createSeriesMarkers(candles, data.markers);
class Overlay {
  attached(param) { this.chart = param.chart; this.series = param.series; }
  paneViews() {
    const self = this;
    return [{ zOrder: () => 'bottom', renderer: () => ({ draw(target) {
      target.useBitmapCoordinateSpace((scope) => {
        const ctx = scope.context, h = scope.horizontalPixelRatio, v = scope.verticalPixelRatio;
        const x = (t) => self.chart.timeScale().timeToCoordinate(t);
        const y = (p) => self.series.priceToCoordinate(p);
        for (const b of data.boxes) {
          const x1 = x(b.fromTime), x2 = x(b.toTime), y1 = y(b.top), y2 = y(b.bottom);
          if (x1 === null || x2 === null || y1 === null || y2 === null) continue;
          ctx.fillStyle = b.color;
          ctx.fillRect(x1 * h, y1 * v, Math.max(1, (x2 - x1) * h), Math.max(1, (y2 - y1) * v));
          if (b.label) { ctx.fillStyle = '#37474f'; ctx.font = (10 * v) + 'px sans-serif'; ctx.fillText(b.label, x1 * h + 2, y1 * v + 11 * v); }
        }
        for (const s of data.segments) {
          const x1 = x(s.fromTime), x2 = x(s.toTime), y1 = y(s.price), y2 = y(s.endPrice ?? s.price);
          if (x1 === null || x2 === null || y1 === null || y2 === null) continue;
          ctx.strokeStyle = s.color; ctx.lineWidth = 1.2 * h; ctx.setLineDash(s.dashed ? [5 * h, 4 * h] : []);
          ctx.beginPath(); ctx.moveTo(x1 * h, y1 * v); ctx.lineTo(x2 * h, y2 * v); ctx.stroke();
          if (s.label) { ctx.fillStyle = s.color; ctx.font = (10 * v) + 'px sans-serif'; ctx.fillText(s.label, ((x1 + x2) / 2) * h, y1 * v - 4 * v); }
        }
      });
    } }) }];
  }
}
candles.attachPrimitive(new Overlay());
chart.timeScale().fitContent();
</script></body></html>
`;
}
