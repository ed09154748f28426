import type { SymbolForecast } from '../forecast/forecastSymbol.js';
import { formatPercent } from './formatNumbers.js';
import { escapeXml } from './renderSvgChart.js';

/**
 * The main job's forecast section: per symbol the ensemble's expected return over the horizon,
 * the GARCH volatility (annualised) and one-bar 5% value at risk, and the members' weights;
 * highest expected return first, symbols that could not be forecast last with the reason.
 */
export function universeForecastHtml(forecasts: readonly SymbolForecast[]): string {
  if (forecasts.length === 0) return '';
  const horizon = forecasts[0].horizon;
  const ranked = [...forecasts].sort((a, b) => (b.error === undefined ? 1 : 0) - (a.error === undefined ? 1 : 0) || b.expectedReturn - a.expectedReturn || (a.symbol < b.symbol ? -1 : 1));
  const rows = ranked.map((forecast) => {
    if (forecast.error !== undefined) return `<tr><td>${escapeXml(forecast.symbol)}</td><td colspan="4" class="muted">${escapeXml(forecast.error)}</td></tr>`;
    const weights = Object.entries(forecast.weights).map(([name, weight]) => `${escapeXml(name)} ${(weight * 100).toFixed(0)}%`).join(', ');
    const tone = forecast.expectedReturn >= 0 ? 'good' : 'bad';
    return `<tr><td>${escapeXml(forecast.symbol)}</td><td class="${tone}">${formatPercent(forecast.expectedReturn, 2)}</td><td>${formatPercent(forecast.volatility, 1)}</td><td>${formatPercent(forecast.valueAtRisk95, 2)}</td><td class="muted">${weights}</td></tr>`;
  });
  return `<h2>Forecasts</h2>
<div class="muted">Expected return over the next ${horizon} bars from an ensemble of ARIMA(1,1,1) with drift, SAMoSSA and the random walk with drift on log closes, weighted by one-step errors on recent bars; volatility (annualised) and one-bar 5% value at risk from GARCH(1,1) on log returns.</div>
<table><thead><tr><th>Symbol</th><th>Expected return</th><th>Volatility</th><th>VaR 5%</th><th>Ensemble weights</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}
