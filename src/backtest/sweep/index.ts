/** Parameter sweeps: spaces, searches, walk-forward analysis and Monte Carlo of trades (pure; `parallel/runParallelSweep` spreads them over worker threads). */
export { parseGrid, gridPoints, gridSize, randomPoints, pointKey, type ParameterPoint, type ParameterRange, type ParameterValue } from './parameterSpace.js';
export { sweepMetrics, lowerIsBetterMetrics, metricDirection, parseSweepMetric, compareScores, type SweepMetric, type MetricDirection } from './sweepMetric.js';
export { evaluatePoint, resolveSweepSettings, type SweepSettings, type ResolvedSweepSettings, type BarWindow, type PointRun, type PointRunOptions } from './evaluatePoint.js';
export { runSweep, checkPoint, SweepMemos, type RunSweepOptions, type SweepPointResult, type SeriesMetrics } from './runSweep.js';
export { searchParameters, inlineEvaluator, rankResults, type SearchMode, type SearchOptions, type SearchResult, type SweepEvaluator, type EvaluateOptions } from './searchParameters.js';
export { evolveParameters, type EvolutionOptions, type Evaluated } from './evolveParameters.js';
export { walkForward, type WalkForwardSweepOptions, type WalkForwardResult, type WalkForwardWindowResult, type StitchedSeries, type EvaluatorFactory } from './walkForward.js';
export { walkForwardWindows, type WalkForwardOptions, type WalkForwardWindow } from './walkForwardWindows.js';
export { stitchWindows, type WindowRun } from './stitchWindows.js';
export { monteCarloTrades, type MonteCarloOptions, type MonteCarloResult } from './monteCarloTrades.js';
export { meanMetrics, meanOfDefined } from './meanMetrics.js';
export { signalArrays, arraysAllowed, type SignalArrays } from './signalArrays.js';
export { windowSignals } from './windowSignals.js';
