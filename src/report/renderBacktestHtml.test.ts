import { describe, expect, it } from 'vitest';
import { syntheticBacktest } from '../../test/syntheticBacktest.js';
import type { BacktestPageData } from './backtestPageData.js';
import { backtestReport } from './backtestReport.js';
import { formatPercent } from './formatNumbers.js';
import { renderBacktestHtml } from './renderBacktestHtml.js';

const sample = syntheticBacktest(400, 7);
sample.trades[0].tag = '</script><b>';
const report = backtestReport({
  title: 'Run <1> & "two"', curve: sample.curve, trades: sample.trades, bars: sample.bars, benchmark: sample.benchmark, benchmarkLabel: '</script>hold', periodsPerYear: 365,
});
const library = 'window.LightweightCharts = {}; // a library mentioning </script> in a string';
const page = renderBacktestHtml(report, { library, maxTrades: 10 });

function pageData(html: string): BacktestPageData {
  const match = /\nconst data = (.*);\n/.exec(html);
  if (match === null) throw new Error('no data in the page');
  return JSON.parse(match[1]) as BacktestPageData;
}

interface FakeSeries { type: string; options: Record<string, unknown>; pane: number; data: { time: number }[]; markers?: { time: number }[] }

/** Runs the page's own script against a stand-in for lightweight-charts that records what it is asked to draw. */
function runPageScript(html: string) {
  const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((match) => match[1]);
  const charts: { element: string; series: FakeSeries[]; stretch: number[] }[] = [];
  const listeners: Record<string, () => void> = {};
  const elements: Record<string, { id: string; value: string; textContent: string; addEventListener: (type: string, listener: () => void) => void }> = {};
  for (const id of ['equity-chart', 'rolling-chart', 'price-chart', 'price-title', 'symbol']) {
    elements[id] = { id, value: '0', textContent: '', addEventListener: (type, listener) => (listeners[`${id}:${type}`] = listener) };
  }
  const LightweightCharts = {
    LineSeries: 'Line', BaselineSeries: 'Baseline', CandlestickSeries: 'Candlestick',
    createChart(element: { id: string }) {
      const chart = { element: element.id, series: [] as FakeSeries[], stretch: [] as number[] };
      charts.push(chart);
      return {
        addSeries(type: string, options: Record<string, unknown>, pane = 0) {
          const series: FakeSeries = { type, options, pane, data: [] };
          chart.series.push(series);
          return {
            series,
            setData(data: { time: number }[]) {
              data.forEach((point, k) => {
                if (k > 0 && !(point.time > data[k - 1].time)) throw new Error(`${type} data out of order at ${k}`);
              });
              series.data = data;
            },
            createPriceLine() {},
          };
        },
        panes: () => [0, 1].map((k) => ({ setStretchFactor: (factor: number) => (chart.stretch[k] = factor) })),
        timeScale: () => ({ fitContent() {} }),
      };
    },
    createSeriesMarkers(handle: { series: FakeSeries }) {
      return { setMarkers: (markers: { time: number }[]) => (handle.series.markers = markers) };
    },
  };
  const document = { getElementById: (id: string) => elements[id] ?? null };
  new Function('LightweightCharts', 'document', scripts[1])(LightweightCharts, document);
  return { charts, elements, listeners };
}

describe('renderBacktestHtml', () => {
  it('cannot be cut short by a value or by the library: every "</" inside a script is escaped, and text is escaped in the HTML', () => {
    expect(page.match(/<script>/g)).toHaveLength(2);
    expect(page.match(/<\/script>/g)).toHaveLength(2);
    expect(page).toContain('mentioning <\\/script> in a string');
    expect(page).toContain('&lt;/script&gt;&lt;b&gt;');
    expect(page).toContain('<title>Run &lt;1&gt; &amp; &quot;two&quot;</title>');
    expect(pageData(page).benchmarkLabel).toBe('</script>hold');
  });

  it('shows the headline cards, the key metrics and the notes', () => {
    const m = report.metrics;
    expect(page).toContain(`<div class="label">Total return</div><div class="value ${m.totalReturn > 0 ? 'good' : 'bad'}">${formatPercent(m.totalReturn)}</div>`);
    expect(page).toContain(`<div class="label">Max drawdown</div><div class="value bad">${formatPercent(m.maxDrawdown)}</div>`);
    expect(page).toContain(`<div class="label">Trades</div><div class="value">${sample.trades.length}</div>`);
    expect(page).toContain('<div class="label">&lt;/script&gt;hold return</div>');
    expect(page).toContain('<tr><th>Sharpe ratio</th>');
  });

  it('embeds the equity, the rebased benchmark and the drawdown point by point, and the rolling ratios', () => {
    const data = pageData(page);
    const n = sample.curve.equity.length;
    expect(data.equity.time).toEqual(Array.from(sample.curve.time, (t) => t / 1000));
    data.equity.equity.forEach((value, i) => expect(value).toBeCloseTo(sample.curve.equity[i], 2));
    data.equity.benchmark!.forEach((value, i) => expect(value).toBeCloseTo((sample.benchmark[i] / sample.benchmark[0]) * sample.curve.equity[0], 2));
    data.equity.drawdown.forEach((value, i) => expect(value).toBeCloseTo(-100 * report.drawdown[i], 5));
    expect(data.rolling.window).toBe(report.rollingWindow);
    expect(data.rolling.sharpe.slice(0, report.rollingWindow)).toEqual(new Array(report.rollingWindow).fill(null));
    expect(data.rolling.sharpe[n - 1]).toBeCloseTo(report.rolling.sharpeRatio[n - 1], 5);
    expect(data.rolling.volatility[n - 1]).toBeCloseTo(100 * report.rolling.volatility[n - 1], 4);
  });

  it('has a heatmap cell per month, attribution by strategy, symbol and tag, and the first trades with a count of all', () => {
    for (const row of report.monthlyReturns) expect(page).toContain(`title="${row.year}-${String(row.month).padStart(2, '0')}: ${formatPercent(row.return)}"`);
    for (const heading of ['By strategy', 'By symbol', 'By tag']) expect(page).toContain(`<h3>${heading}</h3><table>`);
    for (const key of ['trend', 'mean-reversion', 'AAA', 'BBB', 'CCC', '(untagged)', 'breakout']) expect(page).toContain(`<tr><td>${key}</td>`);
    expect(page).toContain(`The first 10 of ${sample.trades.length} trades; the JSON report lists them all.`);
    expect(page.split('<table class="trades">')[1].split('</table>')[0].match(/<tr>/g)).toHaveLength(11);
  });

  it('draws the charts: equity over a drawdown pane, the rolling ratios, and the candles of each symbol with its trades', () => {
    const { charts, elements, listeners } = runPageScript(page);
    expect(charts.map((chart) => chart.element)).toEqual(['equity-chart', 'rolling-chart', 'price-chart']);
    const [equity, rolling, price] = charts;
    expect(equity.series.map((s) => [s.type, s.pane, s.data.length])).toEqual([['Line', 0, 400], ['Line', 0, 400], ['Baseline', 1, 400]]);
    expect(rolling.series.map((s) => [s.options.title, s.pane])).toEqual([['Sharpe', 0], ['Sortino', 0], ['volatility', 1]]);
    const data = pageData(page);
    expect(data.symbols.map((s) => s.symbol)).toEqual([...report.attribution.symbol].sort((a, b) => b.trades - a.trades || (a.key < b.key ? -1 : 1)).map((row) => row.key));
    const candles = price.series[0];
    expect(candles.data).toHaveLength(400);
    const first = data.symbols[0];
    expect(candles.markers).toHaveLength(2 * sample.trades.filter((trade) => trade.symbol === first.symbol).length);
    elements.symbol.value = '2';
    listeners['symbol:change']();
    expect(candles.markers).toEqual(data.symbols[2].markers);
    expect(elements['price-title'].textContent).toBe(`${data.symbols[2].symbol} 1d: trades (${data.symbols[2].trades} trades)`);
    expect(page.match(/<option value="\d">/g)).toHaveLength(3);
  });

  it('thins long curves to maxPoints keeping the deepest drawdown, charts only maxSymbols, and says what it left out', () => {
    const small = renderBacktestHtml(report, { library, maxPoints: 60, maxSymbols: 1 });
    const data = pageData(small);
    expect(data.equity.time.length).toBeLessThanOrEqual(60);
    expect(Math.min(...data.equity.drawdown.map(Number))).toBeCloseTo(-100 * report.metrics.maxDrawdown, 5);
    expect(data.symbols).toHaveLength(1);
    expect(data.omittedSymbols).toBe(2);
    expect(small).toContain('2 more are not drawn');
    expect(small).not.toContain('<select');
  });

  it('says so when there are no trades and no price series', () => {
    const flat = { time: Float64Array.of(0, 86_400_000, 2 * 86_400_000), equity: Float64Array.of(100, 100, 100), exposure: new Float64Array(3) };
    const empty = renderBacktestHtml(backtestReport({ title: 'flat', curve: flat, trades: [], periodsPerYear: 252 }), { library });
    expect(empty).toContain('No price series were given to the report.');
    expect(empty.match(/No trades\./g)).toHaveLength(4);
    expect(runPageScript(empty).charts).toHaveLength(2);
  });
});
