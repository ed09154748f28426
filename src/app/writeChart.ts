import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import { TickforgeError } from '../core/errors.js';
import type { ChartModel } from '../report/ChartModel.js';
import { renderHtmlChart } from '../report/renderHtmlChart.js';
import { renderSvgChart } from '../report/renderSvgChart.js';

export type ChartFormat = 'html' | 'svg' | 'png';

/** The format a chart path asks for, by its extension. @throws TF_ERR_CLI_USAGE for any other extension. */
export function chartFormatOf(path: string): ChartFormat {
  const extension = extname(path).toLowerCase();
  if (extension === '.html' || extension === '.htm') return 'html';
  if (extension === '.svg') return 'svg';
  if (extension === '.png') return 'png';
  throw new TickforgeError('TF_ERR_CLI_USAGE', `Cannot draw a chart into "${path}": give a path ending in .html (interactive), .png or .svg.`, { details: { path } });
}

/**
 * Writes a chart: `.html` as an interactive lightweight-charts page (the library inlined, so
 * the file opens offline), `.svg` as a vector image, `.png` rendered server-side from the SVG
 * with resvg (prebuilt binaries, no browser) for terminals and CI logs.
 */
export async function writeChart(model: ChartModel, path: string, options: { footer?: string; width?: number; height?: number } = {}): Promise<ChartFormat> {
  const format = chartFormatOf(path);
  if (format === 'html') {
    await writeFile(path, renderHtmlChart(model, { library: await readChartLibrary(), footer: options.footer }));
    return format;
  }
  const svg = renderSvgChart(model, { width: options.width, height: options.height });
  if (format === 'svg') {
    await writeFile(path, svg);
    return format;
  }
  await writeFile(path, await svgToPng(svg));
  return format;
}

/** The text of lightweight-charts' standalone build, for pages that inline it and so open offline. */
export async function readChartLibrary(): Promise<string> {
  // The package exports only its ES modules; the standalone build (one global, no imports) sits beside them.
  const packageFile = createRequire(import.meta.url).resolve('lightweight-charts/package.json');
  return readFile(join(dirname(packageFile), 'dist', 'lightweight-charts.standalone.production.js'), 'utf8');
}

/** An SVG document rendered to PNG with resvg (prebuilt binaries, no browser), at the SVG's own size. */
export async function svgToPng(svg: string): Promise<Buffer> {
  const { Resvg } = await import('@resvg/resvg-js');
  return new Resvg(svg, { font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' } }).render().asPng();
}
