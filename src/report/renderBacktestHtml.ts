import { attributionTable, metricCards, summaryDetails, tradeTable } from './backtestHtmlSections.js';
import { backtestPageData, type PageDataOptions } from './backtestPageData.js';
import type { BacktestReport } from './backtestReport.js';
import { allMidnights, formatCount, formatTime } from './formatNumbers.js';
import { monthlyReturnsHeatmap, renderMonthlyReturnsTable } from './monthlyReturnsHeatmap.js';
import { escapeXml } from './renderSvgChart.js';
import { tradeColors } from './tradesChart.js';

export interface BacktestHtmlOptions extends PageDataOptions {
  /** The text of lightweight-charts' standalone build (v5), inlined so the page works offline. */
  library: string;
  /** Trades listed in the table; default 500 (the JSON report has them all). */
  maxTrades?: number;
  /** More sections (HTML, trusted: built by this package's report functions), placed before the trades. */
  extraSections?: string;
}

const style = `body{margin:0;font-family:system-ui,-apple-system,sans-serif;color:#263238;background:#fafbfc}
main{max-width:1280px;margin:0 auto;padding:8px 20px 40px}h1{font-size:20px;margin:16px 0 2px}h2{font-size:16px;margin:28px 0 8px}h3{font-size:13px;margin:12px 0 6px}
.muted{color:#78909c;font-size:12px}.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(140px,1fr));gap:8px;margin:14px 0}
.card{background:#fff;border:1px solid #e3e8eb;border-radius:6px;padding:8px 10px}.card .label{font-size:11px;color:#78909c}.card .value{font-size:18px;font-weight:600;margin-top:2px}
.good{color:#2e7d32}.bad{color:#c62828}.long{color:${tradeColors.long}}.short{color:${tradeColors.short}}
.chart{height:440px;background:#fff;border:1px solid #e3e8eb;border-radius:6px}.chart.small{height:320px}
table{border-collapse:collapse;font-size:12px;background:#fff}td,th{border-bottom:1px solid #eceff1;padding:3px 8px;text-align:left;white-space:nowrap}td.number{text-align:right;font-variant-numeric:tabular-nums}
.heatmap td.cell{text-align:right;min-width:44px;font-variant-numeric:tabular-nums}.heatmap td.total{font-weight:600;border-left:2px solid #fff}.heatmap td.empty{background:#f5f7f8}
.attributions{display:flex;flex-wrap:wrap;gap:24px;align-items:flex-start}.scroll{overflow-x:auto}.legend{font-size:12px;margin:6px 0}.legend span{margin-right:16px}
details{margin:8px 0}summary{cursor:pointer;font-size:13px;color:#455a64}.summary th{font-weight:normal;color:#546e7a}.notes{font-size:12px;color:#546e7a}
select{font-size:13px;padding:2px 4px;margin-left:8px}`;

// Runs in the browser: builds the charts from `data` with lightweight-charts v5 (panes, baseline series, the markers plugin).
const script = `const LWC = LightweightCharts;
const element = (id) => document.getElementById(id);
const base = () => ({ autoSize: true, layout: { background: { color: '#ffffff' }, textColor: '#37474f', panes: { separatorColor: '#cfd8dc' } },
  grid: { vertLines: { color: '#f1f3f4' }, horzLines: { color: '#f1f3f4' } }, rightPriceScale: { borderVisible: false },
  timeScale: { timeVisible: data.intraday, secondsVisible: false, borderVisible: false } });
const points = (time, values) => time.map((t, i) => (values[i] === null ? { time: t } : { time: t, value: values[i] }));
const percent = { type: 'custom', minMove: 0.01, formatter: (v) => v.toFixed(2) + '%' };
const plain = { priceLineVisible: false, lastValueVisible: true };
{
  const e = data.equity;
  const chart = LWC.createChart(element('equity-chart'), base());
  chart.addSeries(LWC.LineSeries, { ...plain, color: '#1e88e5', lineWidth: 2, title: 'strategy' }).setData(points(e.time, e.equity));
  if (e.benchmark) chart.addSeries(LWC.LineSeries, { ...plain, color: '#90a4ae', lineWidth: 1, title: data.benchmarkLabel }).setData(points(e.time, e.benchmark));
  chart.addSeries(LWC.BaselineSeries, { ...plain, baseValue: { type: 'price', price: 0 }, lineWidth: 1, priceFormat: percent, title: 'drawdown',
    topLineColor: 'rgba(0,0,0,0)', topFillColor1: 'rgba(0,0,0,0)', topFillColor2: 'rgba(0,0,0,0)',
    bottomLineColor: '#ef5350', bottomFillColor1: 'rgba(239,83,80,0.08)', bottomFillColor2: 'rgba(239,83,80,0.45)' }, 1).setData(points(e.time, e.drawdown));
  chart.panes()[0].setStretchFactor(0.7);
  chart.panes()[1].setStretchFactor(0.3);
  chart.timeScale().fitContent();
}
{
  const r = data.rolling;
  const chart = LWC.createChart(element('rolling-chart'), base());
  const sharpe = chart.addSeries(LWC.LineSeries, { ...plain, color: '#1e88e5', lineWidth: 2, title: 'Sharpe' });
  sharpe.setData(points(r.time, r.sharpe));
  sharpe.createPriceLine({ price: 0, color: '#b0bec5', lineWidth: 1, lineStyle: 2, axisLabelVisible: false });
  chart.addSeries(LWC.LineSeries, { ...plain, color: '#8e24aa', lineWidth: 1, title: 'Sortino' }).setData(points(r.time, r.sortino));
  chart.addSeries(LWC.LineSeries, { ...plain, color: '#fb8c00', lineWidth: 1, title: 'volatility', priceFormat: percent }, 1).setData(points(r.time, r.volatility));
  chart.panes()[0].setStretchFactor(0.65);
  chart.panes()[1].setStretchFactor(0.35);
  chart.timeScale().fitContent();
}
if (data.symbols.length > 0) {
  const chart = LWC.createChart(element('price-chart'), base());
  const candles = chart.addSeries(LWC.CandlestickSeries, { upColor: '#26a69a', downColor: '#ef5350', borderVisible: false, wickUpColor: '#26a69a', wickDownColor: '#ef5350' });
  const markers = LWC.createSeriesMarkers(candles, []);
  const show = (k) => {
    const s = data.symbols[k];
    const rows = [];
    for (let i = 0; i < s.time.length; i++) {
      if (s.open[i] !== null && s.high[i] !== null && s.low[i] !== null && s.close[i] !== null) rows.push({ time: s.time[i], open: s.open[i], high: s.high[i], low: s.low[i], close: s.close[i] });
    }
    candles.setData(rows);
    markers.setMarkers(s.markers);
    element('price-title').textContent = s.title + ' (' + s.trades + ' trades)';
    chart.timeScale().fitContent();
  };
  const select = element('symbol');
  if (select) select.addEventListener('change', () => show(Number(select.value)));
  show(0);
}`;

/**
 * The backtest as one self-contained page: headline cards and the key metrics; equity (and
 * benchmark) over a drawdown pane; the monthly returns heatmap with yearly totals; the rolling
 * Sharpe, Sortino and volatility; the candles of each symbol with its trades (a selector when
 * there are several); attribution by strategy, symbol and tag; and the trade list. Tables are
 * plain HTML; the charts are lightweight-charts, inlined from `options.library`, drawing data
 * embedded as JSON (`</` escaped, so no value can end the script element).
 */
export function renderBacktestHtml(report: BacktestReport, options: BacktestHtmlOptions): string {
  const data = backtestPageData(report, options);
  const json = JSON.stringify(data).replace(/<\//g, '<\\/');
  const library = options.library.replace(/<\/script/gi, '<\\/script');
  const { curve, metrics } = report;
  const intraday = !allMidnights(curve.time);
  const last = curve.time.length - 1;
  const period = `${formatTime(curve.time[0], intraday)} to ${formatTime(curve.time[last], intraday)}, ${formatCount(metrics.bars)} bars, ${formatCount(metrics.tradeCount)} trades`;
  const title = escapeXml(report.title);
  const benchmarkLegend = report.benchmark === undefined ? '' : `<span style="color:#90a4ae">&#9632; ${escapeXml(report.benchmarkLabel)} (rebased to the starting equity)</span>`;
  const selector = data.symbols.length > 1
    ? `<label>Symbol<select id="symbol">${data.symbols.map((s, k) => `<option value="${k}">${escapeXml(s.symbol)} (${s.trades})</option>`).join('')}</select></label>`
    : '';
  const omitted = data.omittedSymbols > 0 ? ` Charts of the ${data.symbols.length} symbols with the most trades; ${formatCount(data.omittedSymbols)} more are not drawn.` : '';
  const priceSection = data.symbols.length === 0
    ? '<p class="muted">No price series were given to the report.</p>'
    : `<div class="legend">${selector} <span id="price-title"></span></div>
<div class="legend"><span class="long">&#9650; long entry</span><span class="short">&#9660; short entry</span><span class="good">&#9679; exit of a winning trade</span><span class="bad">&#9679; exit of a losing trade</span><span class="muted">${omitted}</span></div>
<div id="price-chart" class="chart"></div>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title><style>${style}</style></head>
<body><main>
<h1>${title}</h1><div class="muted">${escapeXml(period)}</div>
${metricCards(report)}
${summaryDetails(report)}
<h2>Equity and drawdown</h2>
<div class="legend"><span style="color:#1e88e5">&#9632; strategy</span>${benchmarkLegend}<span style="color:#ef5350">&#9632; drawdown from the running peak</span></div>
<div id="equity-chart" class="chart"></div>
<h2>Monthly returns</h2>
${report.monthlyReturns.length === 0 ? '<p class="muted">No months.</p>' : renderMonthlyReturnsTable(monthlyReturnsHeatmap(report.monthlyReturns))}
<h2>Rolling metrics</h2>
<div class="muted">Over the last ${formatCount(report.rollingWindow)} returns, annualised with ${formatCount(report.periodsPerYear)} periods a year; volatility in the lower pane.</div>
<div id="rolling-chart" class="chart small"></div>
<h2>Prices and trades</h2>
${priceSection}
<h2>Attribution</h2>
<div class="attributions">${attributionTable('By strategy', report.attribution.strategy)}${attributionTable('By symbol', report.attribution.symbol)}${attributionTable('By tag', report.attribution.tag)}</div>
${options.extraSections ?? ''}
<h2>Trades</h2>
${tradeTable(report.trades, options.maxTrades ?? 500)}
</main>
<script>${library}</script>
<script>
const data = ${json};
${script}
</script></body></html>
`;
}
