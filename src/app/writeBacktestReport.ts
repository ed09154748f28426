import { writeFile } from 'node:fs/promises';
import type { EquityCurve } from '../backtest/Trade.js';
import type { BacktestReport } from '../report/backtestReport.js';
import { renderBacktestHtml, type BacktestHtmlOptions } from '../report/renderBacktestHtml.js';
import { renderEquitySvg, type EquitySvgOptions } from '../report/renderEquitySvg.js';
import { readChartLibrary, svgToPng } from './writeChart.js';

/**
 * Writes the backtest's HTML report: one file with lightweight-charts inlined, so it opens
 * offline and can be attached to a CI run as it is.
 */
export async function writeBacktestHtml(report: BacktestReport, path: string, options: Omit<BacktestHtmlOptions, 'library'> = {}): Promise<void> {
  await writeFile(path, renderBacktestHtml(report, { ...options, library: await readChartLibrary() }));
}

/**
 * Writes the equity/drawdown figure as a PNG (`--png`): rendered from `renderEquitySvg` with
 * resvg, no browser, for terminals that show images and for CI logs. Default 1200 x 600.
 */
export async function writeEquityPng(curve: EquityCurve, benchmark: Float64Array | undefined, path: string, options: EquitySvgOptions = {}): Promise<void> {
  await writeFile(path, await svgToPng(renderEquitySvg(curve, benchmark, options)));
}
