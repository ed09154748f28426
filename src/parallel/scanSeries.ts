import type { Bars } from '../core/Bars.js';
import { chartPatternKernel, chartPatterns, createChartPatternColumns } from '../analysis/patterns/chartPatterns.js';
import { chartPatternsNeedAtr, resolveChartPatternOptions, type ChartPatternOptions } from '../analysis/patterns/chartPatternOptions.js';
import { hasMissingBar } from '../analysis/smc/BarWindow.js';
import { analyzeStructure, StructureArena, structureNeedsAtr, type StructureAnalysis } from '../analysis/smc/StructureEngine.js';
import type { ChartPattern } from '../analysis/patterns/chartPatternTypes.js';
import { supportResistanceLevels, type SupportResistanceOptions, type SupportResistanceResult } from '../analysis/patterns/supportResistance.js';
import type { StructureBreak } from '../analysis/smc/structureBreaks.js';
import { resolveStructureOptions, type StructureOptions } from '../analysis/smc/structureOptions.js';
import { createMemo } from '../strategy/createMemo.js';
import { prepareStrategy, type PreparedStrategy } from '../strategy/prepareStrategy.js';
import { runPreparedStrategy } from '../strategy/runStrategy.js';
import { sharedStructure } from '../strategy/sharedStructure.js';
import type { Signal } from '../strategy/Signal.js';
import { findStrategy } from '../strategy/strategyRegistry.js';

/** What to run over each series of a universe. Strategies go by registry name, so the request can cross to a worker thread. */
export interface ScanRequest {
  strategies: ReadonlyArray<{ name: string; parameters?: Record<string, number | string> }>;
  /** Market structure options, or false to skip it. */
  structure?: StructureOptions | false;
  /** Chart pattern options, or false to skip them. */
  patterns?: ChartPatternOptions | false;
  /** Support/resistance options, or false to skip them. */
  levels?: SupportResistanceOptions | false;
}

/** The structure of a series in brief: the event counts, the breaks, and where the last bar stands. */
export interface StructureSummary {
  swings: number;
  breaks: StructureBreak[];
  fairValueGaps: number;
  openFairValueGaps: number;
  orderBlocks: number;
  liveOrderBlocks: number;
  liquidityPools: number;
  /** 1 bullish, -1 bearish, 0 before the first break. */
  trend: number;
  /** Of the dealing range at the last bar: 1 premium, -1 discount, 0 equilibrium. */
  zone: number;
}

export interface SeriesScan {
  symbol: string;
  timeframe: string;
  signals: Signal[];
  structure?: StructureSummary;
  patterns?: ChartPattern[];
  levels?: SupportResistanceResult;
}

/**
 * The column storage every scan's structure analysis reuses (see `StructureArena`): nothing a
 * scan returns refers to the analysis's columns (the summary copies numbers and keeps the
 * breaks, whose list is new each time), and a thread scans one series at a time, so each
 * analysis may overwrite the last one's columns instead of allocating its own.
 */
const structureArena = new StructureArena();

/** The request's strategies, validated and resolved once for every series of a scan (`scanSeries`' third argument). @throws TF_ERR_STRATEGY_UNKNOWN, TF_ERR_STRATEGY_PARAMETER */
export function prepareScanStrategies(request: ScanRequest): PreparedStrategy[] {
  return request.strategies.map(({ name, parameters }) => prepareStrategy(findStrategy(name), parameters));
}

/**
 * One series through structure, chart patterns, support/resistance and every requested
 * strategy. Pass `strategies` from `prepareScanStrategies(request)` when scanning many series.
 */
export function scanSeries(bars: Bars, request: ScanRequest, strategies: readonly PreparedStrategy[] = prepareScanStrategies(request)): SeriesScan {
  const scan: SeriesScan = { symbol: bars.symbol, timeframe: bars.timeframe.code, signals: [] };
  const last = bars.length - 1;
  // One memo per series: a strategy that needs the same structure analysis (smc) reuses the scan's.
  const memo = new Map<string, unknown>();
  const input = { bars, memo: createMemo(memo) };
  let analysis: StructureAnalysis | undefined;
  if (request.structure !== false) {
    const structureOptions = request.structure ?? {};
    // Computed into the shared arena, under `sharedStructure`'s memo key: the smc strategy below finds it there.
    const arenaMemo = <T>(key: string): T => input.memo(key, () => analyzeStructure(bars, structureOptions, structureArena) as T);
    analysis = sharedStructure({ bars, memo: arenaMemo }, structureOptions);
    scan.structure = {
      swings: analysis.swings.points.length,
      breaks: analysis.breaks.breaks,
      fairValueGaps: analysis.fairValueGaps.gaps.length,
      openFairValueGaps: analysis.fairValueGaps.gaps.filter((gap) => gap.filledIndex < 0).length,
      orderBlocks: analysis.orderBlocks.blocks.length,
      liveOrderBlocks: analysis.orderBlocks.blocks.filter((block) => block.invalidatedIndex < 0 && block.mitigatedIndex < 0).length,
      liquidityPools: analysis.equalLevels.pools.length,
      trend: last >= 0 ? analysis.breaks.trend[last] : 0,
      zone: last >= 0 ? analysis.dealingRange.zone[last] : 0,
    };
  }
  if (request.patterns !== false) scan.patterns = patternsOf(bars, request, analysis);
  if (request.levels !== false) scan.levels = supportResistanceLevels(bars, request.levels ?? {});
  for (const strategy of strategies) {
    for (const signal of runPreparedStrategy(strategy, bars, { memo })) scan.signals.push(signal);
  }
  return scan;
}

/**
 * The chart patterns, reusing the structure analysis's swings and ATR when they are the same
 * computation (same swing strengths and ATR period, no missing bar): they are most of the cost.
 */
function patternsOf(bars: Bars, request: ScanRequest, analysis: StructureAnalysis | undefined): ChartPattern[] {
  const options = resolveChartPatternOptions(request.patterns || {});
  if (analysis === undefined || hasMissingBar(bars)) return chartPatterns(bars, options).patterns;
  const structure = resolveStructureOptions(request.structure || {});
  if (structure.swingLeft !== options.swingLeft || structure.swingRight !== options.swingRight) return chartPatterns(bars, options).patterns;
  const needsAtr = chartPatternsNeedAtr(options);
  if (needsAtr && (structure.atrPeriod !== options.atrPeriod || !structureNeedsAtr(structure))) return chartPatterns(bars, options).patterns;
  return chartPatternKernel(bars, analysis.swings.points, options, needsAtr ? analysis.atr : undefined, createChartPatternColumns(bars.length));
}
