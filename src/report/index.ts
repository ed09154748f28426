/** Charts: a chart model built from analyses and signals, rendered to SVG or an interactive lightweight-charts page. */
export * from './ChartModel.js';
export * from './renderSvgChart.js';
export * from './renderHtmlChart.js';
export * from './structureChart.js';
export * from './signalsChart.js';
export * from './formatNumbers.js';
export * from './backtestReport.js';
export * from './backtestSummaryTable.js';
export * from './rankedTable.js';
export * from './backtestJson.js';
export * from './monthlyReturnsHeatmap.js';
export * from './decimateIndices.js';
export * from './tradesChart.js';
export * from './renderEquitySvg.js';
export * from './backtestPageData.js';
export * from './renderBacktestHtml.js';
