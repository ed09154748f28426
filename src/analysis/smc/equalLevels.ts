import type { Bars } from '../../core/Bars.js';
import { BarWindow, hasMissingBar, streamedAtr } from './BarWindow.js';
import { ColumnArena, type ColumnShape } from './ColumnArena.js';
import { resolveStructureOptions, type EqualLevelOptions } from './structureOptions.js';
import { createSwingColumns, SwingDetector, swingHistory, swingKernel, type SwingPoint } from './swings.js';
import { keepShapes } from './keepShapes.js';
import { TriggerList } from './TriggerList.js';

/**
 * A pool of liquidity: two or more swing highs (or lows) at equal prices, where stops rest.
 * Created when its second swing is confirmed; later swings join it in place (`swings` grows,
 * `updatedIndex` moves); it ends at the first bar that trades beyond its level (`endIndex`,
 * `outcome`). Fields about later bars are -1 / NaN / 'open' until they happen.
 */
export interface LiquidityPool {
  readonly side: 'high' | 'low';
  /** The highest of the equal highs (the lowest of the equal lows); it never changes, see `EqualLevelDetector`. */
  readonly level: number;
  /** The equal swings, in order of confirmation. */
  readonly swings: SwingPoint[];
  /** The bar where the pool formed (its second swing's confirmation). */
  readonly index: number;
  readonly time: number;
  /** The bar where the latest swing joined it. */
  updatedIndex: number;
  endIndex: number;
  endTime: number;
  /** 'swept': a wick went beyond the level and the bar closed back at or inside it; 'broken': it closed beyond. */
  outcome: 'open' | 'swept' | 'broken';
}

/**
 * Per-bar columns: the level of a pool of equal highs/lows that formed or grew on the bar, and
 * the level of a pool swept or broken on it (the outermost when several), NaN elsewhere.
 */
export interface EqualLevelColumns {
  equalHighs: Float64Array;
  equalLows: Float64Array;
  equalHighsSwept: Float64Array;
  equalLowsSwept: Float64Array;
  equalHighsBroken: Float64Array;
  equalLowsBroken: Float64Array;
}

export interface EqualLevelResult extends EqualLevelColumns {
  pools: LiquidityPool[];
}

export const equalLevelColumnShape: ColumnShape = Object.freeze({ floats: 6, indexes: 0, counts: 0, codes: 0 });

export function createEqualLevelColumns(length: number, arena = new ColumnArena(length, equalLevelColumnShape)): EqualLevelColumns {
  return {
    equalHighs: arena.float(),
    equalLows: arena.float(),
    equalHighsSwept: arena.float(),
    equalLowsSwept: arena.float(),
    equalHighsBroken: arena.float(),
    equalLowsBroken: arena.float(),
  };
}

/** A confirmed swing that equal swings may still pair with. */
interface Candidate {
  readonly swing: SwingPoint;
  pool: LiquidityPool | undefined;
}

/**
 * Equal highs and lows and their sweeps.
 *
 * Definitions (highs; lows mirror them):
 * - Tolerance of a swing: `equalTolerance` times the ATR at its confirmation bar (unit 'atr',
 *   default) or times its price (unit 'relative'). Swings confirmed while the ATR warms up
 *   take no part.
 * - A confirmed swing high stays a candidate until a bar's high exceeds its price by more than
 *   its tolerance, or until a pool it belongs to ends.
 * - When a swing high is confirmed, it pairs with the most recent candidate (latest pivot)
 *   whose price is within the new swing's tolerance of its own. If that candidate is in an
 *   open pool the new swing joins the pool; otherwise the two form a new pool. Either way the
 *   new swing becomes a candidate.
 * - The pool's level is the highest of its swings. It cannot rise later: a swing above the
 *   level needs a bar above the level, and that bar has ended the pool.
 * - A pool ends at the first bar after its formation whose high is above the level: swept when
 *   that bar closes at or below the level (the wick took the stops and price came back),
 *   broken when it closes above.
 * Unlike the smartmoneyconcepts package, the tolerance does not depend on the whole series'
 * range (that would use the future), and the pool exists from its second swing's confirmation.
 */
export class EqualLevelDetector {
  readonly pools: LiquidityPool[] = [];
  /** Pools formed or grown on the latest bar. */
  newHighPool: LiquidityPool | undefined = undefined;
  newLowPool: LiquidityPool | undefined = undefined;
  /** Pools ended on the latest bar (reused: read them before the next update). */
  readonly ended: LiquidityPool[] = [];
  readonly swings: SwingDetector;
  private readonly window: BarWindow;
  private readonly owned: boolean;
  private readonly tracker: EqualLevelTracker;

  /** `shared`: the window (with ATR when the unit is 'atr') and swings of an engine, which feeds them. */
  constructor(options: EqualLevelOptions = {}, shared?: { window: BarWindow; swings: SwingDetector }) {
    const resolved = resolveStructureOptions(options);
    const relative = resolved.equalToleranceUnit === 'relative';
    this.tracker = new EqualLevelTracker(resolved.equalTolerance, relative, this.pools, this.ended);
    this.owned = shared === undefined;
    this.window = shared?.window ?? new BarWindow(swingHistory(resolved.swingLeft, resolved.swingRight), relative ? 0 : resolved.atrPeriod);
    this.swings = shared?.swings ?? new SwingDetector(resolved, this.window);
  }

  update(open: number, high: number, low: number, close: number, _volume: number, time: number): boolean {
    if (!this.window.push(open, high, low, close, time)) {
      this.swings.clearBar();
      this.clearBar();
      return false;
    }
    this.swings.step();
    this.step();
    return true;
  }

  step(): void {
    this.clearBar();
    const window = this.window;
    const slot = (window.count - 1) & window.mask;
    const index = window.index;
    const time = window.time[slot];
    const tracker = this.tracker;
    tracker.bar(window.high[slot], window.low[slot], window.close[slot], index, time);
    const swings = this.swings;
    if (swings.newHigh !== undefined) this.newHighPool = tracker.add(swings.newHigh, window.atr, index, time);
    if (swings.newLow !== undefined) this.newLowPool = tracker.add(swings.newLow, window.atr, index, time);
  }

  clearBar(): void {
    this.newHighPool = undefined;
    this.newLowPool = undefined;
    while (this.ended.length > 0) this.ended.pop(); // cheaper than setting length
  }

  writeColumns(columns: EqualLevelColumns, index: number): void {
    if (this.newHighPool !== undefined) columns.equalHighs[index] = this.newHighPool.level;
    if (this.newLowPool !== undefined) columns.equalLows[index] = this.newLowPool.level;
    if (this.ended.length > 0) writeEnded(columns, index, this.ended);
  }

  /** The pools not ended yet. */
  openPools(): LiquidityPool[] {
    return this.tracker.openPools();
  }

  reset(): void {
    if (this.owned) {
      this.window.reset();
      this.swings.reset();
    }
    this.pools.length = 0;
    this.clearBar();
    this.tracker.reset();
  }
}

/** The outermost level per side and outcome among the pools ended on one bar. */
function writeEnded(columns: EqualLevelColumns, index: number, ended: readonly LiquidityPool[]): void {
  for (const pool of ended) {
    const level = pool.level;
    if (pool.side === 'high') {
      const column = pool.outcome === 'swept' ? columns.equalHighsSwept : columns.equalHighsBroken;
      if (!(column[index] >= level)) column[index] = level;
    } else {
      const column = pool.outcome === 'swept' ? columns.equalLowsSwept : columns.equalLowsBroken;
      if (!(column[index] <= level)) column[index] = level;
    }
  }
}

/** The equal-level rules, shared by the incremental detector and the batch kernel. */
class EqualLevelTracker {
  private readonly highCandidates = new TriggerList<Candidate>('rising');
  private readonly lowCandidates = new TriggerList<Candidate>('falling');
  private readonly highPools = new TriggerList<LiquidityPool>('rising');
  private readonly lowPools = new TriggerList<LiquidityPool>('falling');

  constructor(
    private readonly tolerance: number,
    private readonly relative: boolean,
    private readonly pools: LiquidityPool[],
    private readonly ended: LiquidityPool[],
  ) {}

  /**
   * The price a bar's high must exceed to end a pool or retire a candidate of highs: the lower
   * of the two lists' next keys (NaN, which no comparison passes, when both are empty). The
   * kernel keeps it in a local between changes: one comparison per side and bar instead of two
   * lists' fields.
   */
  highTrigger(): number {
    const pool = this.highPools.next;
    const candidate = this.highCandidates.next;
    return pool < candidate || candidate !== candidate ? pool : candidate;
  }

  /** The price a bar's low must go below: the higher of the lows' next keys (NaN when none). */
  lowTrigger(): number {
    const pool = this.lowPools.next;
    const candidate = this.lowCandidates.next;
    return pool > candidate || candidate !== candidate ? pool : candidate;
  }

  /** Ends the pools and retires the candidates this bar trades beyond. */
  bar(high: number, low: number, close: number, index: number, time: number): void {
    while (this.highPools.next < high) this.end(this.highPools.pop(), close, index, time);
    while (this.lowPools.next > low) this.end(this.lowPools.pop(), close, index, time);
    while (this.highCandidates.next < high) this.highCandidates.pop();
    while (this.lowCandidates.next > low) this.lowCandidates.pop();
  }

  private end(pool: LiquidityPool, close: number, index: number, time: number): void {
    pool.endIndex = index;
    pool.endTime = time;
    pool.outcome = (pool.side === 'high' ? close <= pool.level : close >= pool.level) ? 'swept' : 'broken';
    this.ended.push(pool);
    const candidates = pool.side === 'high' ? this.highCandidates : this.lowCandidates;
    // Its swings stop being candidates: those still listed are the ones whose `pool` it is (a
    // scan of the few candidates, cheaper than a Map from pools to their members).
    candidates.removeWhere((candidate) => candidate.pool === pool);
  }

  /** A swing confirmed on this bar (`atr`: the ATR at it): the pool it forms or joins, if any. */
  add(swing: SwingPoint, atr: number, index: number, time: number): LiquidityPool | undefined {
    const high = swing.kind === 'high';
    const candidates = high ? this.highCandidates : this.lowCandidates;
    const tolerance = this.tolerance * (this.relative ? swing.price : atr);
    if (!(tolerance >= 0)) return undefined;
    let match: Candidate | undefined;
    for (let position = 0; position < candidates.size; position++) {
      const candidate = candidates.at(position);
      if (Math.abs(candidate.swing.price - swing.price) <= tolerance && (match === undefined || candidate.swing.index > match.swing.index)) match = candidate;
    }
    const own: Candidate = { swing, pool: undefined };
    candidates.insert(own, high ? swing.price + tolerance : swing.price - tolerance);
    if (match === undefined) return undefined;
    let pool = match.pool;
    if (pool === undefined) {
      const level = high ? Math.max(match.swing.price, swing.price) : Math.min(match.swing.price, swing.price);
      pool = { side: swing.kind, level, swings: [match.swing, swing], index, time, updatedIndex: index, endIndex: -1, endTime: NaN, outcome: 'open' };
      this.pools.push(pool);
      (high ? this.highPools : this.lowPools).insert(pool, level);
      match.pool = pool;
    } else {
      pool.swings.push(swing);
      pool.updatedIndex = index;
    }
    own.pool = pool;
    return pool;
  }

  openPools(): LiquidityPool[] {
    return [...this.highPools.values(), ...this.lowPools.values()];
  }

  reset(): void {
    this.highCandidates.clear();
    this.lowCandidates.clear();
    this.highPools.clear();
    this.lowPools.clear();
  }
}

keepShapes(new EqualLevelTracker(0.1, false, [], []));

/** Equal highs and lows of `bars` and their sweeps (see `EqualLevelDetector` for the definitions). */
export function equalLevels(bars: Bars, options: EqualLevelOptions = {}): EqualLevelResult {
  const columns = createEqualLevelColumns(bars.length);
  if (hasMissingBar(bars)) {
    const detector = new EqualLevelDetector(options);
    const { open, high, low, close, volume, time } = bars;
    for (let i = 0; i < bars.length; i++) {
      detector.update(open[i], high[i], low[i], close[i], volume[i], time[i]);
      detector.writeColumns(columns, i);
    }
    return { ...columns, pools: detector.pools };
  }
  const resolved = resolveStructureOptions(options);
  const points = swingKernel(bars, resolved.swingLeft, resolved.swingRight, createSwingColumns(bars.length));
  const atr = resolved.equalToleranceUnit === 'atr' ? streamedAtr(bars.high, bars.low, bars.close, resolved.atrPeriod) : undefined;
  return { ...columns, pools: equalLevelKernel(bars, points, resolved.equalTolerance, resolved.equalToleranceUnit, atr, columns) };
}

/**
 * The batch form of `EqualLevelDetector` over bars with no missing values, given their swings;
 * `atr` (from `streamedAtr`) is needed only with the 'atr' unit. Arguments are not checked.
 */
export function equalLevelKernel(
  bars: Bars, points: readonly SwingPoint[], tolerance: number, unit: 'atr' | 'relative', atr: Float64Array | undefined, columns: EqualLevelColumns,
): LiquidityPool[] {
  const { high, low, close, time } = bars;
  const pools: LiquidityPool[] = [];
  const ended: LiquidityPool[] = [];
  const tracker = new EqualLevelTracker(tolerance, unit === 'relative', pools, ended);
  let cursor = 0;
  let nextConfirmation = points.length > 0 ? points[0].confirmedIndex : -1;
  let highTrigger = NaN;
  let lowTrigger = NaN;
  for (let i = 0; i < high.length; i++) {
    // `tracker.bar` acts only when the bar trades beyond a pool or a candidate.
    if (high[i] > highTrigger || low[i] < lowTrigger) {
      tracker.bar(high[i], low[i], close[i], i, time[i]);
      if (ended.length > 0) {
        writeEnded(columns, i, ended);
        while (ended.length > 0) ended.pop();
      }
      highTrigger = tracker.highTrigger();
      lowTrigger = tracker.lowTrigger();
    }
    if (nextConfirmation !== i) continue;
    do {
      const point = points[cursor++];
      const pool = tracker.add(point, atr === undefined ? NaN : atr[i], i, time[i]);
      if (pool !== undefined) (point.kind === 'high' ? columns.equalHighs : columns.equalLows)[i] = pool.level;
      nextConfirmation = cursor < points.length ? points[cursor].confirmedIndex : -1;
    } while (nextConfirmation === i);
    highTrigger = tracker.highTrigger();
    lowTrigger = tracker.lowTrigger();
  }
  return pools;
}
