import type { Bars } from '../../core/Bars.js';
import { BarWindow, hasMissingBar, streamedAtr } from '../smc/BarWindow.js';
import { addShapes, ColumnArena, type ColumnShape } from '../smc/ColumnArena.js';
import { createSwingColumns, SwingDetector, swingColumnShape, swingKernel, type SwingPoint } from '../smc/swings.js';
import { chartPatternHistory, chartPatternsNeedAtr, resolveChartPatternOptions, type ChartPatternOptions, type ResolvedChartPatternOptions } from './chartPatternOptions.js';
import type { ChartPattern } from './chartPatternTypes.js';
import { PatternScanner } from './PatternScanner.js';

/**
 * Per-bar columns. The kind columns hold a mask of `chartPatternBit(kind)` (0 when nothing):
 * the kinds formed on the bar, broken out on it, and invalidated or expired on it
 * (`chartPatternKindsOf` lists them). The target columns hold the target of a bullish / bearish
 * breakout on the bar, the nearest one when several broke out together (NaN when none).
 */
export interface ChartPatternColumns {
  formedKinds: Int32Array;
  breakoutKinds: Int32Array;
  failedKinds: Int32Array;
  bullishTarget: Float64Array;
  bearishTarget: Float64Array;
}

export interface ChartPatternResult extends ChartPatternColumns {
  /** Every pattern in order of formation, with its state after the last bar. */
  patterns: ChartPattern[];
}

export const chartPatternColumnShape: ColumnShape = Object.freeze({ floats: 2, indexes: 0, counts: 3, codes: 0 });

export function createChartPatternColumns(length: number, arena = new ColumnArena(length, chartPatternColumnShape)): ChartPatternColumns {
  return {
    formedKinds: arena.count(),
    breakoutKinds: arena.count(),
    failedKinds: arena.count(),
    bullishTarget: arena.float(),
    bearishTarget: arena.float(),
  };
}

/**
 * Chart patterns found bar by bar from confirmed swings: double tops and bottoms, head and
 * shoulders and the inverse (definitions in reversalPatterns.ts), triangles, wedges and channels
 * (linePatterns.ts), flags (flagPatterns.ts); then followed to their breakout, invalidation or
 * expiry (see `ChartPattern`). Every threshold is an option (`ChartPatternOptions`).
 *
 * No look-ahead: a pattern is reported at the bar where the last swing of its shape is
 * confirmed, from swings confirmed by then and bars up to then; a later bar only moves it out of
 * 'pending'. Feed closed bars only. A bar with a non-finite field is skipped (no events, empty
 * columns), as the market-structure detectors skip it.
 *
 * After `update`, `formed`, `brokenOut` and `failed` hold what happened on that bar (reused:
 * read them before the next update), and `patterns` everything so far. `chartPatterns` gives
 * the same columns and patterns for a whole series.
 */
export class ChartPatternDetector {
  readonly options: ResolvedChartPatternOptions;
  readonly patterns: ChartPattern[] = [];
  readonly swings: SwingDetector;
  readonly window: BarWindow;
  private readonly scanner: PatternScanner;

  constructor(options: ChartPatternOptions = {}) {
    const resolved = resolveChartPatternOptions(options);
    this.options = resolved;
    this.window = new BarWindow(chartPatternHistory(resolved), chartPatternsNeedAtr(resolved) ? resolved.atrPeriod : 0);
    this.swings = new SwingDetector(resolved, this.window);
    const scanner = new PatternScanner(resolved, this.patterns);
    const window = this.window;
    scanner.high = window.high;
    scanner.low = window.low;
    scanner.close = window.close;
    scanner.time = window.time;
    scanner.mask = window.mask;
    scanner.sourceIndex = window.sourceIndex;
    this.scanner = scanner;
  }

  /** Patterns formed on the latest bar. */
  get formed(): readonly ChartPattern[] {
    return this.scanner.formed;
  }

  /** Patterns that broke out on the latest bar. */
  get brokenOut(): readonly ChartPattern[] {
    return this.scanner.brokenOut;
  }

  /** Patterns invalidated or expired on the latest bar. */
  get failed(): readonly ChartPattern[] {
    return this.scanner.failed;
  }

  /** The patterns still waiting for a breakout, in order of formation. */
  pending(): ChartPattern[] {
    return [...this.scanner.pending].sort((a, b) => a.formedIndex - b.formedIndex || this.patterns.indexOf(a) - this.patterns.indexOf(b));
  }

  /** Feeds one closed bar; false when a field was non-finite and the bar was skipped. */
  update(open: number, high: number, low: number, close: number, _volume: number, time: number): boolean {
    const scanner = this.scanner;
    scanner.clearBar();
    const window = this.window;
    if (!window.push(open, high, low, close, time)) {
      this.swings.clearBar();
      return false;
    }
    const swings = this.swings;
    swings.step();
    if (scanner.pending.length > 0) scanner.bar(window.index, time, close);
    const latest = window.count - 1;
    const pivot = latest - swings.right;
    if (swings.newHigh !== undefined) scanner.swing(swings.newHigh, pivot, latest, close, window.atr);
    if (swings.newLow !== undefined) scanner.swing(swings.newLow, pivot, latest, close, window.atr);
    return true;
  }

  /** Writes the latest bar's events into row `index` of `columns` from `createChartPatternColumns`. */
  writeColumns(columns: ChartPatternColumns, index: number): void {
    writePatternColumns(this.scanner, columns, index);
  }

  reset(): void {
    this.window.reset();
    this.swings.reset();
    this.scanner.reset();
    this.patterns.length = 0;
  }
}

function writePatternColumns(scanner: PatternScanner, columns: ChartPatternColumns, index: number): void {
  if (!scanner.eventful) return;
  columns.formedKinds[index] = scanner.formedMask;
  columns.breakoutKinds[index] = scanner.breakoutMask;
  columns.failedKinds[index] = scanner.failedMask;
  columns.bullishTarget[index] = scanner.bullishTarget;
  columns.bearishTarget[index] = scanner.bearishTarget;
}

/** Chart patterns of `bars` (see `ChartPatternDetector`). */
export function chartPatterns(bars: Bars, options: ChartPatternOptions = {}): ChartPatternResult {
  const resolved = resolveChartPatternOptions(options);
  const n = bars.length;
  if (hasMissingBar(bars)) {
    const columns = createChartPatternColumns(n);
    const detector = new ChartPatternDetector(resolved);
    const { open, high, low, close, volume, time } = bars;
    for (let i = 0; i < n; i++) {
      detector.update(open[i], high[i], low[i], close[i], volume[i], time[i]);
      detector.writeColumns(columns, i);
    }
    return { ...columns, patterns: detector.patterns };
  }
  // One arena for the output, the swings' columns and the ATR: each typed-array buffer costs about a microsecond.
  const needsAtr = chartPatternsNeedAtr(resolved);
  const arena = new ColumnArena(n, addShapes(chartPatternColumnShape, swingColumnShape, { floats: needsAtr ? 1 : 0, indexes: 0, counts: 0, codes: 0 }));
  const columns = createChartPatternColumns(n, arena);
  const points = swingKernel(bars, resolved.swingLeft, resolved.swingRight, createSwingColumns(n, arena));
  const atr = needsAtr ? streamedAtr(bars.high, bars.low, bars.close, resolved.atrPeriod, arena.float()) : undefined;
  return Object.assign(columns, { patterns: chartPatternKernel(bars, points, resolved, atr, columns) });
}

/**
 * The batch form of `ChartPatternDetector` over bars with no missing values, given their swings
 * (from `swingKernel` or `analyzeStructure` with the same `swingLeft`/`swingRight`, so a caller
 * that has them does not find them twice) and, when `chartPatternsNeedAtr(options)`, their ATR
 * from `streamedAtr`. Fills `columns` (fresh, from `createChartPatternColumns`). Arguments are
 * not checked: pass options from `resolveChartPatternOptions`.
 */
export function chartPatternKernel(
  bars: Bars, points: readonly SwingPoint[], options: ResolvedChartPatternOptions, atr: Float64Array | undefined, columns: ChartPatternColumns,
): ChartPattern[] {
  const patterns: ChartPattern[] = [];
  const scanner = new PatternScanner(options, patterns);
  const { high, low, close, time } = bars;
  scanner.high = high;
  scanner.low = low;
  scanner.close = close;
  scanner.time = time;
  const pending = scanner.pending;
  const n = close.length;
  let cursor = 0;
  let nextConfirmation = points.length > 0 ? points[0].confirmedIndex : n;
  let i = 0;
  while (i < n) {
    if (pending.length > 0) {
      scanner.bar(i, time[i], close[i]);
    } else if (i < nextConfirmation) {
      // Nothing to follow until the next swing: skip to it.
      i = nextConfirmation;
      continue;
    }
    while (nextConfirmation === i) {
      const point = points[cursor++];
      scanner.swing(point, point.index, i, close[i], atr === undefined ? NaN : atr[i]);
      nextConfirmation = cursor < points.length ? points[cursor].confirmedIndex : n;
    }
    if (scanner.eventful) {
      writePatternColumns(scanner, columns, i);
      scanner.clearBar();
    }
    i++;
  }
  return patterns;
}
