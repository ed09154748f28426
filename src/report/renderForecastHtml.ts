import { escapeXml } from './renderSvgChart.js';
import { renderForecastSvg, type ForecastChartData } from './renderForecastSvg.js';

/**
 * A standalone page (no scripts, opens offline) with the forecast figure and, below it, the
 * fit summary and forecast table as the terminal prints them.
 */
export function renderForecastHtml(data: ForecastChartData, summary: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeXml(data.title)}</title>
<style>body{font-family:"DejaVu Sans",Arial,sans-serif;margin:24px;color:#263238}svg{max-width:100%;height:auto}pre{background:#f5f7f8;padding:12px;overflow:auto;font-size:12px}</style>
</head><body>
${renderForecastSvg(data)}
<pre>${escapeXml(summary)}</pre>
</body></html>
`;
}
