import { writeFile } from 'node:fs/promises';
import { renderForecastHtml } from '../report/renderForecastHtml.js';
import { renderForecastSvg, type ForecastChartData } from '../report/renderForecastSvg.js';
import { chartFormatOf, svgToPng, type ChartFormat } from './writeChart.js';

/** Writes the forecast figure as .svg, .png (resvg) or a standalone .html page with `summary` under it. */
export async function writeForecastChart(data: ForecastChartData, path: string, summary: string): Promise<ChartFormat> {
  const format = chartFormatOf(path);
  if (format === 'html') await writeFile(path, renderForecastHtml(data, summary));
  else if (format === 'svg') await writeFile(path, renderForecastSvg(data));
  else await writeFile(path, await svgToPng(renderForecastSvg(data)));
  return format;
}
