import type { Bars } from '../../core/Bars.js';
import { BarWindow } from './BarWindow.js';
import { barsPass } from './barsPass.js';
import { addShapes, ColumnArena, type ColumnArenaOptions } from './ColumnArena.js';
import { createDealingRangeColumns, DealingRange, dealingRangeColumnShape, dealingRangeKernel, type DealingRangeColumns } from './dealingRange.js';
import { createEqualLevelColumns, EqualLevelDetector, equalLevelColumnShape, equalLevelKernel, type EqualLevelColumns, type EqualLevelResult } from './equalLevels.js';
import { createFairValueGapColumns, FairValueGapDetector, fairValueGapColumnShape, fairValueGapKernel, type FairValueGapColumns, type FairValueGapResult } from './fairValueGaps.js';
import { createOrderBlockColumns, OrderBlockDetector, orderBlockColumnShape, orderBlockKernel, type OrderBlockColumns, type OrderBlockResult } from './orderBlocks.js';
import { createPreviousPeriodColumns, PreviousPeriodLevels, previousPeriodColumnShape, type PreviousPeriodColumns } from './previousPeriodLevels.js';
import { createStructureBreakColumns, StructureBreakDetector, structureBreakColumnShape, structureBreakKernel, type StructureBreakColumns, type StructureBreakResult } from './structureBreaks.js';
import { resolveStructureOptions, type ResolvedStructureOptions, type StructureOptions } from './structureOptions.js';
import { createSwingColumns, SwingDetector, swingColumnShape, swingHistory, swingKernel, type SwingColumns, type SwingResult } from './swings.js';

/** Every per-bar column of the analysis, grouped by detector; `atr` is NaN everywhere when no option needs it. */
export interface StructureColumns {
  swings: SwingColumns;
  breaks: StructureBreakColumns;
  fairValueGaps: FairValueGapColumns;
  orderBlocks: OrderBlockColumns;
  equalLevels: EqualLevelColumns;
  previousLevels: PreviousPeriodColumns;
  dealingRange: DealingRangeColumns;
  atr: Float64Array;
}

/** Columns plus the event lists of every detector. */
export interface StructureAnalysis {
  swings: SwingResult;
  breaks: StructureBreakResult;
  fairValueGaps: FairValueGapResult;
  orderBlocks: OrderBlockResult;
  equalLevels: EqualLevelResult;
  previousLevels: PreviousPeriodColumns;
  dealingRange: DealingRangeColumns;
  atr: Float64Array;
}

const structureColumnShape = addShapes(
  swingColumnShape, structureBreakColumnShape, fairValueGapColumnShape, orderBlockColumnShape, equalLevelColumnShape, previousPeriodColumnShape, dealingRangeColumnShape,
  { floats: 0, indexes: 0, counts: 0, codes: 0, denseFloats: 1 },
);

/**
 * Every column of the analysis, as views into one buffer per kind (see `ColumnArena`). With
 * `prefillDense` false the columns every row of which is always written (ATR, previous
 * levels, dealing range) start at 0 instead of NaN.
 */
export function createStructureColumns(length: number, options: ColumnArenaOptions = {}): StructureColumns {
  return structureColumnsIn(new ColumnArena(length, structureColumnShape, options));
}

function structureColumnsIn(arena: ColumnArena): StructureColumns {
  const length = arena.length;
  return {
    swings: createSwingColumns(length, arena),
    breaks: createStructureBreakColumns(length, arena),
    fairValueGaps: createFairValueGapColumns(length, arena),
    orderBlocks: createOrderBlockColumns(length, arena),
    equalLevels: createEqualLevelColumns(length, arena),
    previousLevels: createPreviousPeriodColumns(length, arena),
    dealingRange: createDealingRangeColumns(length, arena),
    atr: arena.denseFloat(),
  };
}

/**
 * Output storage that successive analyses share (`analyzeStructure`'s third argument), for a
 * caller analysing one series after another, as a universe scan does: once the arena has grown
 * to the longest series, an analysis allocates no columns (fresh columns, about 245 KB per
 * 1,000 bars, cost more than emptying used ones, which are still in the cache, and their
 * external memory drives V8 to full collections). Each analysis overwrites the columns of the
 * one before and returns the same group objects (`swings`, `breaks`, ...) with only their event
 * lists replaced: read or copy what you need from an analysis before the next one with the same
 * arena. The event lists themselves (`breaks.breaks`, ...) and their records are new every
 * time, so they may be kept.
 */
export class StructureArena {
  private arena: ColumnArena | undefined = undefined;
  private columns: StructureColumns | undefined = undefined;

  /** The columns for `length` bars, emptied as `createStructureColumns(length, { prefillDense: false })` gives them. */
  take(length: number): StructureColumns {
    let arena = this.arena;
    if (arena === undefined || arena.capacity < length) {
      arena = this.arena = new ColumnArena(length, structureColumnShape, { prefillDense: false });
    } else {
      const sameLength = arena.length === length;
      arena.restart(length, { prefillDense: false });
      // The same length lays the columns out in the same places: the views held are still right.
      if (sameLength && this.columns !== undefined) return this.columns;
    }
    this.columns = structureColumnsIn(arena);
    return this.columns;
  }
}

/**
 * All market-structure detectors, updated bar by bar over one shared window: each bar is
 * stored once, the ATR computed once and the swings found once for breaks, order blocks, equal
 * levels and the dealing range. Feed closed bars only (a bar is known at its close); there is
 * no revision of a forming bar, since a structure event on an unfinished bar would be premature.
 * No allocation per bar beyond the event records themselves.
 *
 * After `update`, each detector's fields describe the latest bar (`swings.newHigh`,
 * `breaks.newBullish`, `fairValueGaps.newGap`, `orderBlocks.mitigated`, ...), and its event list
 * (`swings.points`, `breaks.breaks`, `fairValueGaps.gaps`, `orderBlocks.blocks`,
 * `equalLevels.pools`) holds everything so far. `analyzeStructure` gives the same columns and
 * events for a whole series (its kernels share the rules with these detectors, and the tests
 * compare the two on long random walks and real data).
 */
export class StructureEngine {
  readonly options: ResolvedStructureOptions;
  readonly window: BarWindow;
  readonly swings: SwingDetector;
  readonly breaks: StructureBreakDetector;
  readonly orderBlocks: OrderBlockDetector;
  readonly fairValueGaps: FairValueGapDetector;
  readonly equalLevels: EqualLevelDetector;
  readonly previousLevels: PreviousPeriodLevels;
  readonly dealingRange: DealingRange;
  private skipped = false;

  constructor(options: StructureOptions = {}) {
    const resolved = resolveStructureOptions(options);
    this.options = resolved;
    this.window = new BarWindow(Math.max(3, swingHistory(resolved.swingLeft, resolved.swingRight)), structureNeedsAtr(resolved) ? resolved.atrPeriod : 0);
    const window = this.window;
    this.swings = new SwingDetector(resolved, window);
    const swings = this.swings;
    this.breaks = new StructureBreakDetector(resolved, { window, swings });
    this.orderBlocks = new OrderBlockDetector(resolved, { window, swings, breaks: this.breaks });
    this.fairValueGaps = new FairValueGapDetector(resolved, window);
    this.equalLevels = new EqualLevelDetector(resolved, { window, swings });
    this.previousLevels = new PreviousPeriodLevels(window);
    this.dealingRange = new DealingRange(resolved, { window, swings });
  }

  /** Feeds one closed bar; false when a field was non-finite (the bar is skipped: no events, empty columns). */
  update(open: number, high: number, low: number, close: number, _volume: number, time: number): boolean {
    if (!this.window.push(open, high, low, close, time)) {
      this.skipped = true;
      this.swings.clearBar();
      this.breaks.clearBar();
      this.orderBlocks.clearBar();
      this.fairValueGaps.clearBar();
      this.equalLevels.clearBar();
      this.previousLevels.clearBar();
      this.dealingRange.clearBar();
      return false;
    }
    this.skipped = false;
    this.swings.step();
    this.breaks.step();
    this.orderBlocks.step();
    this.fairValueGaps.step();
    this.equalLevels.step();
    this.previousLevels.step();
    this.dealingRange.step();
    return true;
  }

  /** ATR after the latest bar (NaN in warm-up, on a skipped bar, or when no option needs it). */
  get atr(): number {
    return this.skipped ? NaN : this.window.atr;
  }

  /** Writes the latest bar's values into row `index` of `columns` from `createStructureColumns` (whose rows start empty: only what happened is written). */
  writeColumns(columns: StructureColumns, index: number): void {
    this.swings.writeColumns(columns.swings, index);
    this.breaks.writeColumns(columns.breaks, index);
    this.orderBlocks.writeColumns(columns.orderBlocks, index);
    this.fairValueGaps.writeColumns(columns.fairValueGaps, index);
    this.equalLevels.writeColumns(columns.equalLevels, index);
    this.previousLevels.writeColumns(columns.previousLevels, index);
    this.dealingRange.writeColumns(columns.dealingRange, index);
    columns.atr[index] = this.atr;
  }

  reset(): void {
    this.window.reset();
    this.swings.reset();
    this.breaks.reset();
    this.orderBlocks.reset();
    this.fairValueGaps.reset();
    this.equalLevels.reset();
    this.previousLevels.reset();
    this.dealingRange.reset();
    this.skipped = false;
  }
}

/**
 * The whole market-structure analysis of `bars`: swings, BOS/CHoCH, order blocks, fair value
 * gaps, equal highs/lows and their sweeps, previous day/week levels and the dealing range,
 * sharing one ATR and one set of swings. See each detector for its definitions.
 *
 * Each detector runs as its batch kernel, a tight loop over the columns; a series with a
 * missing bar (a non-finite price or time) runs through `StructureEngine` instead, which skips
 * such bars. Both give what the engine gives when fed the bars one at a time.
 *
 * `arena`: storage reused from the previous analysis (see `StructureArena`): the columns of
 * the analysis returned before with the same arena are overwritten.
 */
export function analyzeStructure(bars: Bars, options: StructureOptions = {}, arena?: StructureArena): StructureAnalysis {
  const resolved = resolveStructureOptions(options);
  // Both paths below write every row of the dense columns.
  const columns = arena === undefined ? createStructureColumns(bars.length, { prefillDense: false }) : arena.take(bars.length);
  const needsAtr = structureNeedsAtr(resolved);
  // The first pass writes the ATR and the previous levels and finds whether a bar is missing.
  if (!barsPass(bars, columns.previousLevels, resolved.atrPeriod, needsAtr ? columns.atr : undefined)) {
    const engine = new StructureEngine(resolved);
    const { open, high, low, close, volume, time } = bars;
    for (let i = 0; i < bars.length; i++) {
      engine.update(open[i], high[i], low[i], close[i], volume[i], time[i]);
      engine.writeColumns(columns, i);
    }
    return {
      swings: { ...columns.swings, points: engine.swings.points },
      breaks: { ...columns.breaks, breaks: engine.breaks.breaks },
      fairValueGaps: { ...columns.fairValueGaps, gaps: engine.fairValueGaps.gaps },
      orderBlocks: { ...columns.orderBlocks, blocks: engine.orderBlocks.blocks },
      equalLevels: { ...columns.equalLevels, pools: engine.equalLevels.pools },
      previousLevels: columns.previousLevels,
      dealingRange: columns.dealingRange,
      atr: columns.atr,
    };
  }
  const atr = needsAtr ? columns.atr : undefined;
  if (atr === undefined) columns.atr.fill(NaN);
  const points = swingKernel(bars, resolved.swingLeft, resolved.swingRight, columns.swings);
  const breaks = structureBreakKernel(bars, points, resolved.breakBy, columns.breaks);
  const blocks = orderBlockKernel(bars, points, breaks, columns.orderBlocks);
  const gaps = fairValueGapKernel(bars, resolved.gapMinimumSize, resolved.gapFillBy, atr, columns.fairValueGaps);
  const pools = equalLevelKernel(bars, points, resolved.equalTolerance, resolved.equalToleranceUnit, atr, columns.equalLevels);
  dealingRangeKernel(bars, points, columns.dealingRange);
  // Object.assign adds the event list in place: spreading forty columns into new objects costs more than some kernels.
  return {
    swings: Object.assign(columns.swings, { points }),
    breaks: Object.assign(columns.breaks, { breaks }),
    fairValueGaps: Object.assign(columns.fairValueGaps, { gaps }),
    orderBlocks: Object.assign(columns.orderBlocks, { blocks }),
    equalLevels: Object.assign(columns.equalLevels, { pools }),
    previousLevels: columns.previousLevels,
    dealingRange: columns.dealingRange,
    atr: columns.atr,
  };
}

/** Whether the analysis computes its ATR column (an ATR-sized gap minimum or equal-level tolerance); otherwise `atr` is all NaN. */
export function structureNeedsAtr(options: ResolvedStructureOptions): boolean {
  return options.gapMinimumSize > 0 || options.equalToleranceUnit === 'atr';
}
