import type { Bars } from '../../core/Bars.js';
import type { LiquidityPool } from '../../analysis/smc/equalLevels.js';
import type { FairValueGap } from '../../analysis/smc/fairValueGaps.js';
import type { OrderBlock } from '../../analysis/smc/orderBlocks.js';
import type { SwingPoint } from '../../analysis/smc/swings.js';
import type { StructureAnalysis, StructureEngine } from '../../analysis/smc/StructureEngine.js';
import type { StrategyBar } from '../Strategy.js';
import { fairValueGapZone, orderBlockZone, usesZone, type PointOfInterest } from './pointsOfInterest.js';
import type { ZoneChoice } from './smcSettings.js';
import { isCompleteBar } from './validateInput.js';

/** Which touched zones the pipeline wants: by kind and by the sides it trades. */
export interface ZoneFilter {
  zones: ZoneChoice;
  allowLong: boolean;
  allowShort: boolean;
}

function wanted(filter: ZoneFilter, kind: PointOfInterest['kind'], direction: 1 | -1): boolean {
  return usesZone(filter.zones, kind) && (direction === 1 ? filter.allowLong : filter.allowShort);
}

/**
 * What the pipeline reads at one bar of the base timeframe, after that bar's close: the bar,
 * the structure's ATR, dealing range, latest swings and previous day/week levels, the zones
 * first touched on it, and the open liquidity pools. The vectorized form fills it from
 * `analyzeStructure` (`AnalysisMarket`), the incremental form from a `StructureEngine`
 * (`EngineMarket`); the structure gives both the same values, so the pipeline decides alike.
 */
export abstract class SmcMarket {
  index = -1;
  time = NaN;
  open = NaN;
  high = NaN;
  low = NaN;
  close = NaN;
  atr = NaN;
  rangeHigh = NaN;
  rangeLow = NaN;
  /** Latest confirmed swing high and low (NaN before the first). */
  swingHigh = NaN;
  swingLow = NaN;
  previousDayHigh = NaN;
  previousDayLow = NaN;
  previousWeekHigh = NaN;
  previousWeekLow = NaN;
  /** Unmitigated zones that price touched for the first time on this bar. */
  readonly touched: PointOfInterest[] = [];

  /** Pools of equal highs/lows open after this bar (computed on demand: only a trigger needs them). */
  abstract openPools(): readonly LiquidityPool[];

  /**
   * Makes sure the levels (ATR, dealing range, latest swings, previous day/week) describe the
   * current bar. A source that fills them with the bar has nothing to do; `AnalysisMarket`
   * read with `loadBar` fills them here, since the pipeline needs them only when a zone
   * triggers. Call it before reading them.
   */
  loadLevels(): void {}
}

/** The vectorized source: one whole-series analysis, read bar by bar with increasing indexes. */
export class AnalysisMarket extends SmcMarket {
  private readonly blockHead: Int32Array;
  private readonly blockNext: Int32Array;
  private readonly gapHead: Int32Array;
  private readonly gapNext: Int32Array;
  private readonly blocks: readonly OrderBlock[];
  private readonly gaps: readonly FairValueGap[];
  private readonly swingPoints: readonly SwingPoint[];
  private swingCursor = 0;
  /** The bar whose levels the fields hold (-1: none yet). */
  private levelsIndex = -1;
  private readonly livePools: LiquidityPool[] = [];
  private poolCursor = 0;

  constructor(
    private readonly bars: Bars,
    private readonly analysis: StructureAnalysis,
    filter: ZoneFilter,
  ) {
    super();
    const length = bars.length;
    // The zones first touched on each bar, as linked lists over the event arrays.
    this.blockHead = new Int32Array(length).fill(-1);
    this.gapHead = new Int32Array(length).fill(-1);
    const blocks = (this.blocks = analysis.orderBlocks.blocks);
    const gaps = (this.gaps = analysis.fairValueGaps.gaps);
    this.swingPoints = analysis.swings.points;
    this.blockNext = new Int32Array(blocks.length);
    this.gapNext = new Int32Array(gaps.length);
    for (let k = 0; k < blocks.length; k++) {
      const block = blocks[k];
      if (block.mitigatedIndex < 0 || !wanted(filter, 'order block', block.direction)) continue;
      this.blockNext[k] = this.blockHead[block.mitigatedIndex];
      this.blockHead[block.mitigatedIndex] = k;
    }
    for (let k = 0; k < gaps.length; k++) {
      const gap = gaps[k];
      if (gap.enteredIndex < 0 || !wanted(filter, 'fair value gap', gap.direction)) continue;
      this.gapNext[k] = this.gapHead[gap.enteredIndex];
      this.gapHead[gap.enteredIndex] = k;
    }
  }

  /** Whether a wanted zone is first touched on bar `i`: on most bars none is, and a caller with nothing pending can skip the bar. */
  touchesZone(i: number): boolean {
    return this.blockHead[i] >= 0 || this.gapHead[i] >= 0;
  }

  /** Reads bar `i` with its levels (indexes increasing, bars may be skipped); false when the bar is missing (the structure skipped it). */
  load(i: number): boolean {
    if (!this.loadBar(i)) return false;
    this.loadLevels();
    return true;
  }

  /**
   * Reads bar `i` without its levels, which `loadLevels` adds (the strategy's loop reads most
   * bars only to follow a trade or a waiting zone, and the levels were most of the cost of a
   * bar); false when the bar is missing.
   */
  loadBar(i: number): boolean {
    const bars = this.bars;
    const time = bars.time[i];
    const open = bars.open[i];
    const high = bars.high[i];
    const low = bars.low[i];
    const close = bars.close[i];
    if (!isCompleteBar(time, open, high, low, close)) return false;
    this.index = i;
    this.time = time;
    this.open = open;
    this.high = high;
    this.low = low;
    this.close = close;
    const touched = this.touched;
    while (touched.length > 0) touched.pop(); // cheaper than setting length
    for (let k = this.blockHead[i]; k >= 0; k = this.blockNext[k]) touched.push(orderBlockZone(this.blocks[k]));
    for (let k = this.gapHead[i]; k >= 0; k = this.gapNext[k]) touched.push(fairValueGapZone(this.gaps[k]));
    return true;
  }

  override loadLevels(): void {
    const i = this.index;
    if (this.levelsIndex === i) return;
    this.levelsIndex = i;
    // The latest swings: those confirmed up to this bar, in confirmation order.
    const points = this.swingPoints;
    while (this.swingCursor < points.length && points[this.swingCursor].confirmedIndex <= i) {
      const point = points[this.swingCursor++];
      if (point.kind === 'high') this.swingHigh = point.price;
      else this.swingLow = point.price;
    }
    const analysis = this.analysis;
    this.atr = analysis.atr[i];
    this.rangeHigh = analysis.dealingRange.rangeHigh[i];
    this.rangeLow = analysis.dealingRange.rangeLow[i];
    const levels = analysis.previousLevels;
    this.previousDayHigh = levels.previousDayHigh[i];
    this.previousDayLow = levels.previousDayLow[i];
    this.previousWeekHigh = levels.previousWeekHigh[i];
    this.previousWeekLow = levels.previousWeekLow[i];
  }

  /**
   * Pools formed by this bar and not ended on or before it, kept as a list that follows the
   * increasing bar index. The batch records know their end, which is read only as "ended on
   * or before this bar".
   */
  openPools(): readonly LiquidityPool[] {
    const index = this.index;
    const pools = this.analysis.equalLevels.pools;
    const open = this.livePools;
    while (this.poolCursor < pools.length && pools[this.poolCursor].index <= index) open.push(pools[this.poolCursor++]);
    let kept = 0;
    for (let k = 0; k < open.length; k++) {
      const endIndex = open[k].endIndex;
      if (endIndex < 0 || endIndex > index) open[kept++] = open[k];
    }
    while (open.length > kept) open.pop();
    return open;
  }
}

/** The incremental source: a `StructureEngine` fed the same bars, read after each update. */
export class EngineMarket extends SmcMarket {
  constructor(
    private readonly engine: StructureEngine,
    private readonly filter: ZoneFilter,
  ) {
    super();
  }

  /** Feeds the bar to the engine and reads it; false when the bar is missing. */
  load(bar: StrategyBar): boolean {
    const engine = this.engine;
    if (!engine.update(bar.open, bar.high, bar.low, bar.close, bar.volume, bar.time)) return false;
    this.index = bar.index;
    this.time = bar.time;
    this.open = bar.open;
    this.high = bar.high;
    this.low = bar.low;
    this.close = bar.close;
    this.atr = engine.atr;
    this.rangeHigh = engine.dealingRange.rangeHigh;
    this.rangeLow = engine.dealingRange.rangeLow;
    this.swingHigh = engine.swings.latestHigh?.price ?? NaN;
    this.swingLow = engine.swings.latestLow?.price ?? NaN;
    const levels = engine.previousLevels;
    this.previousDayHigh = levels.previousDayHigh;
    this.previousDayLow = levels.previousDayLow;
    this.previousWeekHigh = levels.previousWeekHigh;
    this.previousWeekLow = levels.previousWeekLow;
    const touched = this.touched;
    while (touched.length > 0) touched.pop();
    const filter = this.filter;
    for (const block of engine.orderBlocks.mitigated) if (wanted(filter, 'order block', block.direction)) touched.push(orderBlockZone(block));
    for (const gap of engine.fairValueGaps.entered) if (wanted(filter, 'fair value gap', gap.direction)) touched.push(fairValueGapZone(gap));
    return true;
  }

  openPools(): readonly LiquidityPool[] {
    return this.engine.equalLevels.openPools();
  }
}
