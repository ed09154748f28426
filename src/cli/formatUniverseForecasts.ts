import type { CachedUniverseForecast } from '../app/forecastUniverseCached.js';
import { formatPercent } from '../report/formatNumbers.js';
import { formatTable } from './formatTable.js';

/** The forecast stage in the terminal: the five highest and lowest expected returns, and what could not be forecast. */
export function formatUniverseForecasts(result: CachedUniverseForecast, shown = 5): string {
  const good = result.forecasts.filter((forecast) => forecast.error === undefined).sort((a, b) => b.expectedReturn - a.expectedReturn);
  const failed = result.forecasts.filter((forecast) => forecast.error !== undefined);
  const horizon = result.forecasts[0]?.horizon ?? 0;
  const picked = good.length <= 2 * shown ? good : [...good.slice(0, shown), ...good.slice(-shown)];
  const rows = picked.map((forecast) => [forecast.symbol, formatPercent(forecast.expectedReturn, 2), formatPercent(forecast.volatility, 1), formatPercent(forecast.valueAtRisk95, 2)]);
  const lines = [
    `Forecasts of ${result.forecasts.length} symbols (${result.cold} fitted, ${result.warm} refitted warm, ${result.reused} from the cache): expected return over ${horizon} bars, annualised GARCH volatility, one-bar 5% VaR${good.length > 2 * shown ? `; the ${shown} highest and lowest` : ''}:`,
    formatTable(['symbol', 'expected return', 'volatility', 'VaR 5%'], rows),
  ];
  for (const forecast of failed) lines.push(`not forecast: ${forecast.symbol}: ${forecast.error}`);
  return lines.join('\n');
}
