import type { SwingPoint } from '../smc/swings.js';
import type { ResolvedChartPatternOptions } from './chartPatternOptions.js';
import { chartPatternBit, type ChartPattern, type ChartPatternKind, type PatternDirection, type PatternLine, type PatternPoint } from './chartPatternTypes.js';
import { detectFlag } from './flagPatterns.js';
import { detectLinePattern } from './linePatterns.js';
import { detectDoubleExtreme, detectHeadAndShoulders } from './reversalPatterns.js';

/** Patterns of one family that share a swing are one reading of the chart: only the first is reported while it is pending. */
const familyOf: Record<ChartPatternKind, number> = {
  'double-top': 0,
  'double-bottom': 1,
  'head-and-shoulders': 2,
  'inverse-head-and-shoulders': 3,
  'ascending-triangle': 4,
  'descending-triangle': 4,
  'symmetric-triangle': 4,
  'rising-wedge': 4,
  'falling-wedge': 4,
  'ascending-channel': 4,
  'descending-channel': 4,
  'horizontal-channel': 4,
  'bull-flag': 5,
  'bear-flag': 6,
};

const noBars = new Float64Array(0);

const bits = Object.freeze({
  doubleTop: chartPatternBit('double-top'),
  doubleBottom: chartPatternBit('double-bottom'),
  headAndShoulders: chartPatternBit('head-and-shoulders'),
  inverseHeadAndShoulders: chartPatternBit('inverse-head-and-shoulders'),
  bullFlag: chartPatternBit('bull-flag'),
  bearFlag: chartPatternBit('bear-flag'),
  lines: (['ascending-triangle', 'descending-triangle', 'symmetric-triangle', 'rising-wedge', 'falling-wedge', 'ascending-channel', 'descending-channel', 'horizontal-channel'] as const)
    .reduce((mask, kind) => mask | chartPatternBit(kind), 0),
});

/**
 * The chart-pattern rules, shared by the batch kernel and the incremental detector so both give
 * the same events. The owner points it at its bars (`high`, `low`, `close`, `time` read at
 * `position & mask`; `sourceIndex` maps a position to the caller's bar index, identity when
 * absent), then for every bar calls `bar` (pending patterns against its close) and then `swing`
 * for each swing confirmed on it (new patterns). A pattern formed on a bar is thus first tested
 * for a breakout on the next bar.
 *
 * Positions count the bars the owner kept (valid bars); lines and spans are in the caller's bar
 * indexes, which is what a chart draws.
 */
export class PatternScanner {
  high: Float64Array = noBars;
  low: Float64Array = noBars;
  close: Float64Array = noBars;
  time: Float64Array = noBars;
  /** -1 (every bit) for whole columns; capacity - 1 for a ring (whole columns come without `sourceIndex`). */
  mask = -1;
  sourceIndex: Int32Array | undefined = undefined;
  /**
   * Confirmed swing highs and lows in order, with the positions of their pivot bars (parallel
   * arrays: no object per swing); those before `highStart` / `lowStart` are out of reach of any
   * new pattern.
   */
  readonly highs: SwingPoint[] = [];
  readonly highPositions: number[] = [];
  readonly lows: SwingPoint[] = [];
  readonly lowPositions: number[] = [];
  highStart = 0;
  lowStart = 0;
  /** Patterns waiting for a breakout, with their kind's bit and family alongside. */
  readonly pending: ChartPattern[] = [];
  private readonly pendingBits: number[] = [];
  private readonly pendingFamilies: number[] = [];
  /** Patterns formed, broken out, and invalidated or expired on the latest bar (the owner empties them with `clearBar`). */
  readonly formed: ChartPattern[] = [];
  readonly brokenOut: ChartPattern[] = [];
  readonly failed: ChartPattern[] = [];
  /** The same as column values: masks of the kinds, and the nearest bullish / bearish breakout target (NaN: none). */
  formedMask = 0;
  breakoutMask = 0;
  failedMask = 0;
  bullishTarget = NaN;
  bearishTarget = NaN;
  /** Whether anything happened on the latest bar. */
  eventful = false;
  /** The bar being evaluated: the confirmation bar of the latest swing. */
  position = 0;
  index = 0;
  barTime = 0;
  /** What the price tolerances multiply at that bar: its close ('relative') or its ATR ('atr'); NaN when unknown. */
  scale = NaN;
  atr = NaN;
  /** Scratch lines the line-pattern fit writes into (copied when a pattern is reported). */
  readonly upperFit = { slope: 0, intercept: 0 };
  readonly lowerFit = { slope: 0, intercept: 0 };
  private readonly reach: number;
  private readonly relative: boolean;

  constructor(
    readonly options: ResolvedChartPatternOptions,
    readonly patterns: ChartPattern[],
  ) {
    this.reach = Math.max(options.maximumSpan, options.flagMaximumBars);
    this.relative = options.toleranceUnit === 'relative';
  }

  enabled(kind: ChartPatternKind): boolean {
    return (this.options.kindMask & chartPatternBit(kind)) !== 0;
  }

  indexAt(position: number): number {
    const source = this.sourceIndex;
    return source === undefined ? position : source[position & this.mask];
  }

  /** The bar with `index` and `close` against every pending pattern: breakout, invalidation or expiry. */
  bar(index: number, time: number, close: number): void {
    const pending = this.pending;
    const bits = this.pendingBits;
    let k = 0;
    while (k < pending.length) {
      const pattern = pending[k];
      const upper = pattern.upper.intercept + pattern.upper.slope * index;
      const lower = pattern.lower.intercept + pattern.lower.slope * index;
      if (close > upper) {
        if (pattern.direction === 'bearish') this.fail(pattern, bits[k], 'invalidated', index, time);
        else this.breakOut(pattern, bits[k], 1, upper, close, index, time);
      } else if (close < lower) {
        if (pattern.direction === 'bullish') this.fail(pattern, bits[k], 'invalidated', index, time);
        else this.breakOut(pattern, bits[k], -1, lower, close, index, time);
      } else if (index >= pattern.lastBreakoutIndex) {
        this.fail(pattern, bits[k], 'expired', index, time);
      } else {
        k++;
        continue;
      }
      // Order among pending patterns does not matter: swap the last one in.
      const last = pending.length - 1;
      pending[k] = pending[last];
      bits[k] = bits[last];
      this.pendingFamilies[k] = this.pendingFamilies[last];
      pending.pop();
      bits.pop();
      this.pendingFamilies.pop();
    }
  }

  private breakOut(pattern: ChartPattern, bit: number, direction: 1 | -1, level: number, close: number, index: number, time: number): void {
    pattern.status = 'breakout';
    pattern.breakoutIndex = pattern.endIndex = index;
    pattern.breakoutTime = pattern.endTime = time;
    pattern.breakoutDirection = direction;
    pattern.breakoutLevel = level;
    pattern.breakoutPrice = close;
    const target = level + direction * pattern.height;
    pattern.target = target;
    this.brokenOut.push(pattern);
    this.breakoutMask |= bit;
    if (direction === 1) {
      if (!(this.bullishTarget <= target)) this.bullishTarget = target;
    } else if (!(this.bearishTarget >= target)) {
      this.bearishTarget = target;
    }
    this.eventful = true;
  }

  private fail(pattern: ChartPattern, bit: number, status: 'invalidated' | 'expired', index: number, time: number): void {
    pattern.status = status;
    pattern.endIndex = index;
    pattern.endTime = time;
    this.failed.push(pattern);
    this.failedMask |= bit;
    this.eventful = true;
  }

  /**
   * A swing confirmed on the bar at `position` (whose close and ATR are given); `pivotPosition`
   * is the position of its pivot bar. Looks for every enabled pattern this swing completes.
   */
  swing(point: SwingPoint, pivotPosition: number, position: number, close: number, atr: number): void {
    this.position = position;
    this.index = point.confirmedIndex;
    this.barTime = point.confirmedTime;
    this.atr = atr;
    this.scale = this.relative ? close : atr;
    const top = point.kind === 'high';
    if (top) {
      this.highs.push(point);
      this.highPositions.push(pivotPosition);
    } else {
      this.lows.push(point);
      this.lowPositions.push(pivotPosition);
    }
    this.trim(top);
    if (!(this.scale > 0)) return;
    const mask = this.options.kindMask;
    if ((mask & (top ? bits.doubleTop : bits.doubleBottom)) !== 0) detectDoubleExtreme(this, top);
    if ((mask & (top ? bits.headAndShoulders : bits.inverseHeadAndShoulders)) !== 0) detectHeadAndShoulders(this, top);
    if ((mask & (top ? bits.bullFlag : bits.bearFlag)) !== 0 && atr > 0) detectFlag(this, top);
    if ((mask & bits.lines) !== 0) detectLinePattern(this);
  }

  /** Drops swings too old to be part of a new pattern (beyond every span limit). */
  private trim(top: boolean): void {
    const list = top ? this.highs : this.lows;
    const oldest = list[list.length - 1].index - this.reach;
    let start = top ? this.highStart : this.lowStart;
    while (list[start].index < oldest) start++;
    if (start > 256) {
      list.splice(0, start);
      (top ? this.highPositions : this.lowPositions).splice(0, start);
      start = 0;
    }
    if (top) this.highStart = start;
    else this.lowStart = start;
  }

  /**
   * Where in `lows` (`lows` true) or `highs` the lowest swing low or highest swing high lies
   * whose pivot is strictly between bar indexes `after` and `before`: the earliest on ties, -1
   * when there is none.
   */
  extremeSwingBetween(lows: boolean, after: number, before: number): number {
    const list = lows ? this.lows : this.highs;
    const start = lows ? this.lowStart : this.highStart;
    let best = -1;
    for (let k = list.length - 1; k >= start; k--) {
      const index = list[k].index;
      if (index <= after) break;
      if (index >= before) continue;
      if (best < 0 || (lows ? list[k].price <= list[best].price : list[k].price >= list[best].price)) best = k;
    }
    return best;
  }

  /** Position of the lowest low (`lowest`) or highest high in positions [from, to]; the earliest on ties. */
  extremeAt(from: number, to: number, lowest: boolean): number {
    const mask = this.mask;
    let best = from;
    if (lowest) {
      const low = this.low;
      let bestValue = low[from & mask];
      for (let position = from + 1; position <= to; position++) {
        if (low[position & mask] < bestValue) {
          best = position;
          bestValue = low[position & mask];
        }
      }
    } else {
      const high = this.high;
      let bestValue = high[from & mask];
      for (let position = from + 1; position <= to; position++) {
        if (high[position & mask] > bestValue) {
          best = position;
          bestValue = high[position & mask];
        }
      }
    }
    return best;
  }

  /** Whether every close at positions [from, to] lies within the lines widened by `tolerance`. */
  closesWithin(upper: PatternLine, lower: PatternLine, from: number, to: number, tolerance: number): boolean {
    const close = this.close;
    const source = this.sourceIndex;
    const top = upper.intercept + tolerance;
    const topSlope = upper.slope;
    const bottom = lower.intercept - tolerance;
    const bottomSlope = lower.slope;
    if (source === undefined) {
      for (let position = from; position <= to; position++) {
        const value = close[position];
        if (value > top + topSlope * position || value < bottom + bottomSlope * position) return false;
      }
      return true;
    }
    const mask = this.mask;
    for (let position = from; position <= to; position++) {
      const x = source[position & mask];
      const value = close[position & mask];
      if (value > top + topSlope * x || value < bottom + bottomSlope * x) return false;
    }
    return true;
  }

  /** A bar extreme as a pattern point. */
  barPoint(kind: 'high' | 'low', position: number): PatternPoint {
    const slot = position & this.mask;
    return { kind, index: this.indexAt(position), time: this.time[slot], price: kind === 'high' ? this.high[slot] : this.low[slot], confirmedIndex: -1, confirmedTime: NaN };
  }

  /**
   * Records a pattern formed on the current bar, unless a pending pattern of its family shares a
   * swing with it (the same shape seen again one swing later).
   */
  report(kind: ChartPatternKind, direction: PatternDirection, points: PatternPoint[], upper: PatternLine, lower: PatternLine, height: number, lastBreakoutIndex: number): void {
    const family = familyOf[kind];
    const pending = this.pending;
    for (let k = 0; k < pending.length; k++) {
      if (this.pendingFamilies[k] === family && sharesSwing(pending[k].points, points)) return;
    }
    const pattern: ChartPattern = {
      kind, direction, points, upper, lower, height,
      startIndex: points[0].index,
      formedIndex: this.index,
      formedTime: this.barTime,
      lastBreakoutIndex,
      status: 'pending',
      breakoutIndex: -1, breakoutTime: NaN, breakoutDirection: 0, breakoutLevel: NaN, breakoutPrice: NaN, target: NaN,
      endIndex: -1, endTime: NaN,
    };
    const bit = chartPatternBit(kind);
    this.patterns.push(pattern);
    pending.push(pattern);
    this.pendingBits.push(bit);
    this.pendingFamilies.push(family);
    this.formed.push(pattern);
    this.formedMask |= bit;
    this.eventful = true;
  }

  /** Forgets the latest bar's events (after the owner has read them). */
  clearBar(): void {
    if (!this.eventful) return;
    while (this.formed.length > 0) this.formed.pop();
    while (this.brokenOut.length > 0) this.brokenOut.pop();
    while (this.failed.length > 0) this.failed.pop();
    this.formedMask = this.breakoutMask = this.failedMask = 0;
    this.bullishTarget = this.bearishTarget = NaN;
    this.eventful = false;
  }

  reset(): void {
    this.highs.length = 0;
    this.highPositions.length = 0;
    this.lows.length = 0;
    this.lowPositions.length = 0;
    this.highStart = this.lowStart = 0;
    this.pending.length = 0;
    this.pendingBits.length = 0;
    this.pendingFamilies.length = 0;
    this.eventful = true;
    this.clearBar();
  }
}

function sharesSwing(a: readonly PatternPoint[], b: readonly PatternPoint[]): boolean {
  for (const x of a) {
    if (x.confirmedIndex < 0) continue;
    for (const y of b) if (y.confirmedIndex >= 0 && y.index === x.index && y.kind === x.kind) return true;
  }
  return false;
}

/** The line through two points (x in bar indexes). */
export function lineThrough(x1: number, y1: number, x2: number, y2: number): PatternLine {
  const slope = (y2 - y1) / (x2 - x1);
  return { slope, intercept: y1 - slope * x1 };
}

export function horizontalLine(price: number): PatternLine {
  return { slope: 0, intercept: price };
}
