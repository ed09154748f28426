import type { AttributionRow } from '../backtest/metrics/attribution.js';
import type { Trade } from '../backtest/Trade.js';
import type { BacktestReport } from './backtestReport.js';
import { summaryRows } from './backtestSummaryTable.js';
import { allMidnights, formatAmount, formatCount, formatDuration, formatPercent, formatQuantity, formatRatio, formatTime } from './formatNumbers.js';
import { escapeXml } from './renderSvgChart.js';

// The static parts of the backtest page (cards and tables): plain HTML, readable without scripts.

type Tone = 'good' | 'bad' | '';

const toneOf = (value: number, goodAbove = 0): Tone => (!Number.isFinite(value) || value === goodAbove ? '' : value > goodAbove ? 'good' : 'bad');

/** The headline numbers as cards: returns and risk-adjusted ratios first, then the trades and the benchmark. */
export function metricCards(report: BacktestReport): string {
  const m = report.metrics;
  const cards: [label: string, value: string, tone: Tone][] = [
    ['Total return', formatPercent(m.totalReturn), toneOf(m.totalReturn)],
    ['CAGR', formatPercent(m.compoundAnnualGrowthRate), toneOf(m.compoundAnnualGrowthRate)],
    ['Sharpe', formatRatio(m.sharpeRatio), toneOf(m.sharpeRatio)],
    ['Sortino', formatRatio(m.sortinoRatio), toneOf(m.sortinoRatio)],
    ['Max drawdown', formatPercent(m.maxDrawdown), m.maxDrawdown > 0 ? 'bad' : ''],
    ['Calmar', formatRatio(m.calmarRatio), toneOf(m.calmarRatio)],
    ['Volatility', formatPercent(m.annualVolatility), ''],
    ['Win rate', formatPercent(m.winRate), ''],
    ['Profit factor', formatRatio(m.profitFactor), toneOf(m.profitFactor, 1)],
    ['Trades', formatCount(m.tradeCount), ''],
    ['Exposure', formatPercent(m.averageExposure), ''],
    ['Ending equity', formatAmount(m.endingEquity), toneOf(m.endingEquity - m.startingEquity)],
  ];
  if (m.benchmark !== undefined) {
    cards.push(
      [`${report.benchmarkLabel} return`, formatPercent(m.benchmark.totalReturn), toneOf(m.benchmark.totalReturn)],
      ['Alpha', formatPercent(m.benchmark.alpha), toneOf(m.benchmark.alpha)],
      ['Beta', formatRatio(m.benchmark.beta), ''],
    );
  }
  return `<div class="cards">${cards.map(([label, value, tone]) => `<div class="card"><div class="label">${escapeXml(label)}</div><div class="value${tone === '' ? '' : ` ${tone}`}">${escapeXml(value)}</div></div>`).join('')}</div>`;
}

/** The summary table's rows and the metrics' notes (why a value is missing), under a fold. */
export function summaryDetails(report: BacktestReport): string {
  const rows = summaryRows(report.metrics, { benchmarkLabel: report.benchmarkLabel })
    .map(([label, value]) => `<tr><th>${escapeXml(label)}</th><td class="number">${escapeXml(value)}</td></tr>`)
    .join('');
  const notes = report.metrics.notes.map((note) => `<li>${escapeXml(note)}</li>`).join('');
  return `<details><summary>All key metrics${notes === '' ? '' : ' and notes'}</summary><table class="summary">${rows}</table>${notes === '' ? '' : `<ul class="notes">${notes}</ul>`}</details>`;
}

/** PnL split by one key (strategy, symbol or tag) as a table, best first as `attribution` orders it. */
export function attributionTable(heading: string, rows: readonly AttributionRow[]): string {
  if (rows.length === 0) return `<div class="attribution"><h3>${escapeXml(heading)}</h3><p class="muted">No trades.</p></div>`;
  const body = rows
    .map((row) => `<tr><td>${escapeXml(row.key)}</td><td class="number ${toneOf(row.pnl)}">${formatAmount(row.pnl)}</td><td class="number">${formatPercent(row.pnlShare, 1)}</td>`
      + `<td class="number">${formatCount(row.trades)}</td><td class="number">${formatPercent(row.winRate, 1)}</td><td class="number">${formatAmount(row.fees)}</td>`
      + `<td class="number">${formatAmount(row.slippage)}</td><td class="number">${formatAmount(row.funding)}</td></tr>`)
    .join('');
  const head = ['Key', 'P&amp;L', 'Share', 'Trades', 'Win rate', 'Fees', 'Slippage', 'Funding'].map((h) => `<th>${h}</th>`).join('');
  return `<div class="attribution"><h3>${escapeXml(heading)}</h3><table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div>`;
}

/** The first `limit` trades of the ledger as a table, with a line saying how many there are in all. */
export function tradeTable(trades: readonly Trade[], limit: number): string {
  if (trades.length === 0) return '<p class="muted">No trades.</p>';
  const shown = trades.slice(0, limit);
  const intraday = !allMidnights(shown.flatMap((trade) => [trade.entryTime, trade.exitTime]));
  const head = ['#', 'Symbol', 'Strategy', 'Tag', 'Side', 'Quantity', 'Entry', 'Entry price', 'Exit', 'Exit price', 'P&amp;L', 'Return', 'Fees', 'Slippage', 'Held', 'Exit reason']
    .map((h) => `<th>${h}</th>`)
    .join('');
  const body = shown
    .map((t) => [
      `<td class="number">${t.id}</td>`, `<td>${escapeXml(t.symbol)}</td>`, `<td>${escapeXml(t.strategy)}</td>`, `<td>${escapeXml(t.tag ?? '')}</td>`,
      `<td class="${t.side}">${t.side}</td>`, `<td class="number">${formatQuantity(t.quantity)}</td>`, `<td>${formatTime(t.entryTime, intraday)}</td>`,
      `<td class="number">${formatQuantity(t.entryPrice)}</td>`, `<td>${formatTime(t.exitTime, intraday)}</td>`, `<td class="number">${formatQuantity(t.exitPrice)}</td>`,
      `<td class="number ${toneOf(t.pnl)}">${formatAmount(t.pnl)}</td>`, `<td class="number ${toneOf(t.returnFraction)}">${formatPercent(t.returnFraction)}</td>`,
      `<td class="number">${formatAmount(t.fees)}</td>`, `<td class="number">${formatAmount(t.slippage)}</td>`,
      `<td class="number">${formatDuration(t.exitTime - t.entryTime)}</td>`, `<td>${escapeXml(t.exitReason)}</td>`,
    ].join(''))
    .map((cells) => `<tr>${cells}</tr>`)
    .join('');
  const note = shown.length < trades.length
    ? `<p class="muted">The first ${formatCount(shown.length)} of ${formatCount(trades.length)} trades; the JSON report lists them all.</p>`
    : `<p class="muted">All ${formatCount(trades.length)} trades.</p>`;
  return `${note}<div class="scroll"><table class="trades"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div>`;
}
