import type { Bars } from '../../core/Bars.js';
import { BarWindow, hasMissingBar } from './BarWindow.js';
import { ColumnArena, type ColumnShape } from './ColumnArena.js';
import { createStructureBreakColumns, StructureBreakDetector, structureBreakKernel, type StructureBreak } from './structureBreaks.js';
import { resolveStructureOptions, type OrderBlockOptions } from './structureOptions.js';
import { createSwingColumns, SwingDetector, swingHistory, swingKernel, type SwingPoint } from './swings.js';
import { keepShapes } from './keepShapes.js';
import { TriggerList } from './TriggerList.js';

/**
 * An order block, reported at the bar that broke structure. Created at `index` and updated in
 * place when price comes back into its zone (`mitigatedIndex`) and when a close beyond its far
 * side invalidates it (`invalidatedIndex`); those are -1 (times NaN) until they happen.
 */
export interface OrderBlock {
  /** 1 bullish (a demand zone below price), -1 bearish (a supply zone above price). */
  readonly direction: 1 | -1;
  /** The zone: the order-block candle's high and low. */
  readonly top: number;
  readonly bottom: number;
  /** The order-block candle. */
  readonly candleIndex: number;
  readonly candleTime: number;
  /** The break of structure (BOS or CHoCH) its displacement produced. */
  readonly structureBreak: StructureBreak;
  /** The breaking bar, at whose close the block is known. */
  readonly index: number;
  readonly time: number;
  mitigatedIndex: number;
  mitigatedTime: number;
  invalidatedIndex: number;
  invalidatedTime: number;
}

/**
 * Per-bar columns, per direction (both can appear on one wide bar): at a breaking bar the new
 * block's top, bottom (else NaN) and candle index (else -1); on every bar the number of blocks
 * of that direction mitigated and invalidated on it.
 */
export interface OrderBlockColumns {
  bullishBlockTop: Float64Array;
  bullishBlockBottom: Float64Array;
  bullishBlockCandle: Int32Array;
  bearishBlockTop: Float64Array;
  bearishBlockBottom: Float64Array;
  bearishBlockCandle: Int32Array;
  bullishBlocksMitigated: Int32Array;
  bearishBlocksMitigated: Int32Array;
  bullishBlocksInvalidated: Int32Array;
  bearishBlocksInvalidated: Int32Array;
}

export interface OrderBlockResult extends OrderBlockColumns {
  blocks: OrderBlock[];
}

export const orderBlockColumnShape: ColumnShape = Object.freeze({ floats: 4, indexes: 2, counts: 4, codes: 0 });

export function createOrderBlockColumns(length: number, arena = new ColumnArena(length, orderBlockColumnShape)): OrderBlockColumns {
  return {
    bullishBlockTop: arena.float(),
    bullishBlockBottom: arena.float(),
    bullishBlockCandle: arena.index(),
    bearishBlockTop: arena.float(),
    bearishBlockBottom: arena.float(),
    bearishBlockCandle: arena.index(),
    bullishBlocksMitigated: arena.count(),
    bearishBlocksMitigated: arena.count(),
    bullishBlocksInvalidated: arena.count(),
    bearishBlocksInvalidated: arena.count(),
  };
}

/**
 * Order blocks: the last opposite-colour candle before the displacement that broke structure.
 *
 * Definitions, for a bullish break (BOS or CHoCH) at bar b of the swing high with pivot p:
 * - the window is the bars p .. b-1 (the pivot included, the breaking bar not);
 * - the up-move starts at the window's lowest low (the latest bar among equal lows, as in the
 *   smartmoneyconcepts package, which takes that candle itself as the block);
 * - the block is the last down candle (close < open) at or before that low, within the window;
 *   its zone is that candle's high (top) and low (bottom); with no down candle, no block.
 * - Mitigated: the first bar after b whose low <= top (price trades back into the zone).
 * - Invalidated: the first bar after b whose close < bottom; the block is then done. A bar
 *   that invalidates a block also mitigates it if nothing did before.
 * Bearish blocks mirror this: the last up candle (close > open) at or before the highest high
 * since the broken swing low's pivot; mitigated by a high >= bottom, invalidated by a close > top.
 *
 * When one bar breaks both sides, its two blocks are listed in the order of the breaks.
 *
 * The window is followed with running values (lowest low, last down candle, the candidate),
 * started from the ring when the swing is confirmed, so no bar history is kept.
 */
export class OrderBlockDetector {
  readonly blocks: OrderBlock[] = [];
  /** Blocks created on the latest bar. */
  newBullish: OrderBlock | undefined = undefined;
  newBearish: OrderBlock | undefined = undefined;
  /** Blocks mitigated / invalidated on the latest bar (reused: read them before the next update). */
  readonly mitigated: OrderBlock[] = [];
  readonly invalidated: OrderBlock[] = [];
  readonly breaks: StructureBreakDetector;
  private readonly swings: SwingDetector;
  private readonly window: BarWindow;
  private readonly owned: boolean;
  private readonly tracker: OrderBlockTracker;

  /** `shared`: the window, swings and breaks of an engine, which feeds them (then call `step()` after theirs). */
  constructor(options: OrderBlockOptions = {}, shared?: { window: BarWindow; swings: SwingDetector; breaks: StructureBreakDetector }) {
    const resolved = resolveStructureOptions(options);
    this.owned = shared === undefined;
    this.window = shared?.window ?? new BarWindow(swingHistory(resolved.swingLeft, resolved.swingRight));
    this.swings = shared?.swings ?? new SwingDetector(resolved, this.window);
    this.breaks = shared?.breaks ?? new StructureBreakDetector(resolved, { window: this.window, swings: this.swings });
    this.tracker = new OrderBlockTracker(this.blocks, this.mitigated, this.invalidated);
  }

  update(open: number, high: number, low: number, close: number, _volume: number, time: number): boolean {
    if (!this.window.push(open, high, low, close, time)) {
      this.swings.clearBar();
      this.breaks.clearBar();
      this.clearBar();
      return false;
    }
    this.swings.step();
    this.breaks.step();
    this.step();
    return true;
  }

  step(): void {
    this.clearBar();
    const window = this.window;
    const tracker = this.tracker;
    const mask = window.mask;
    const latest = window.count - 1;
    const slot = latest & mask;
    const open = window.open[slot];
    const high = window.high[slot];
    const low = window.low[slot];
    const close = window.close[slot];
    const index = window.index;
    const time = window.time[slot];

    tracker.mitigate(high, low, close, index, time);

    // A newly confirmed swing opens a new window from its pivot; its bars up to the previous one are in the ring.
    const swings = this.swings;
    const pivot = latest - swings.right;
    if (swings.newHigh !== undefined) {
      tracker.restartBullish();
      for (let position = pivot; position < latest; position++) {
        const at = position & mask;
        tracker.followBullish(window.open[at], window.high[at], window.low[at], window.close[at], window.sourceIndex[at], window.time[at]);
      }
    }
    if (swings.newLow !== undefined) {
      tracker.restartBearish();
      for (let position = pivot; position < latest; position++) {
        const at = position & mask;
        tracker.followBearish(window.open[at], window.high[at], window.low[at], window.close[at], window.sourceIndex[at], window.time[at]);
      }
    }

    // Blocks in the order of their breaks: when one bar broke both sides, the later break is the list's last.
    const breaks = this.breaks;
    const bullish = breaks.newBullish;
    const bearish = breaks.newBearish;
    const bearishFirst = bearish !== undefined && bullish !== undefined && breaks.breaks[breaks.breaks.length - 1] === bullish;
    if (bearishFirst) this.newBearish = tracker.addBearish(bearish);
    if (bullish !== undefined) this.newBullish = tracker.addBullish(bullish);
    if (bearish !== undefined && !bearishFirst) this.newBearish = tracker.addBearish(bearish);

    tracker.followBullish(open, high, low, close, index, time);
    tracker.followBearish(open, high, low, close, index, time);
  }

  clearBar(): void {
    this.newBullish = undefined;
    this.newBearish = undefined;
    const tracker = this.tracker;
    tracker.bullishMitigated = tracker.bearishMitigated = tracker.bullishInvalidated = tracker.bearishInvalidated = 0;
    while (this.mitigated.length > 0) this.mitigated.pop(); // cheaper than setting length
    while (this.invalidated.length > 0) this.invalidated.pop();
  }

  writeColumns(columns: OrderBlockColumns, index: number): void {
    writeNewBlocks(columns, index, this.newBullish, this.newBearish);
    const tracker = this.tracker;
    columns.bullishBlocksMitigated[index] = tracker.bullishMitigated;
    columns.bearishBlocksMitigated[index] = tracker.bearishMitigated;
    columns.bullishBlocksInvalidated[index] = tracker.bullishInvalidated;
    columns.bearishBlocksInvalidated[index] = tracker.bearishInvalidated;
  }

  /** The blocks not invalidated yet. */
  liveBlocks(): OrderBlock[] {
    return this.tracker.liveBlocks();
  }

  reset(): void {
    if (this.owned) {
      this.window.reset();
      this.swings.reset();
      this.breaks.reset();
    }
    this.blocks.length = 0;
    this.clearBar();
    this.tracker.reset();
  }
}

function writeNewBlocks(columns: OrderBlockColumns, index: number, bullish: OrderBlock | undefined, bearish: OrderBlock | undefined): void {
  if (bullish !== undefined) {
    columns.bullishBlockTop[index] = bullish.top;
    columns.bullishBlockBottom[index] = bullish.bottom;
    columns.bullishBlockCandle[index] = bullish.candleIndex;
  }
  if (bearish !== undefined) {
    columns.bearishBlockTop[index] = bearish.top;
    columns.bearishBlockBottom[index] = bearish.bottom;
    columns.bearishBlockCandle[index] = bearish.candleIndex;
  }
}

/**
 * The order-block rules, shared by the incremental detector and the batch kernel: the open
 * blocks waiting for mitigation and invalidation, and the running values of the two windows.
 */
class OrderBlockTracker {
  /** Blocks mitigated / invalidated since the caller last zeroed these (the kernel counts instead of listing). */
  bullishMitigated = 0;
  bearishMitigated = 0;
  bullishInvalidated = 0;
  bearishInvalidated = 0;
  private readonly bullishUntouched = new TriggerList<OrderBlock>('falling');
  private readonly bullishLive = new TriggerList<OrderBlock>('falling');
  private readonly bearishUntouched = new TriggerList<OrderBlock>('rising');
  private readonly bearishLive = new TriggerList<OrderBlock>('rising');
  // Bullish side: since the open swing high's pivot.
  private lowest = Infinity;
  private lastDownIndex = -1;
  private lastDownTime = NaN;
  private lastDownTop = NaN;
  private lastDownBottom = NaN;
  private bullishCandleIndex = -1;
  private bullishCandleTime = NaN;
  private bullishCandleTop = NaN;
  private bullishCandleBottom = NaN;
  // Bearish side: since the open swing low's pivot.
  private highest = -Infinity;
  private lastUpIndex = -1;
  private lastUpTime = NaN;
  private lastUpTop = NaN;
  private lastUpBottom = NaN;
  private bearishCandleIndex = -1;
  private bearishCandleTime = NaN;
  private bearishCandleTop = NaN;
  private bearishCandleBottom = NaN;

  constructor(
    private readonly blocks: OrderBlock[],
    private readonly mitigated: OrderBlock[] | undefined,
    private readonly invalidated: OrderBlock[] | undefined,
  ) {}

  /**
   * The levels the next bar must reach to change anything (NaN when no block waits, which no
   * comparison passes): a low at or below `bullishTouch` mitigates, a close below
   * `bullishBreak` invalidates, and mirrored for bearish blocks. The kernel keeps them in
   * locals between changes, so the common bar costs four comparisons of registers.
   */
  get bullishTouch(): number {
    return this.bullishUntouched.next;
  }

  get bullishBreak(): number {
    return this.bullishLive.next;
  }

  get bearishTouch(): number {
    return this.bearishUntouched.next;
  }

  get bearishBreak(): number {
    return this.bearishLive.next;
  }

  mitigate(high: number, low: number, close: number, index: number, time: number): void {
    // Mitigation before invalidation: a close beyond the far side has traded through the zone.
    while (this.bullishUntouched.next >= low) this.markMitigated(this.bullishUntouched.pop(), index, time);
    while (this.bullishLive.next > close) this.markInvalidated(this.bullishLive.pop(), index, time);
    while (this.bearishUntouched.next <= high) this.markMitigated(this.bearishUntouched.pop(), index, time);
    while (this.bearishLive.next < close) this.markInvalidated(this.bearishLive.pop(), index, time);
  }

  private markMitigated(block: OrderBlock, index: number, time: number): void {
    block.mitigatedIndex = index;
    block.mitigatedTime = time;
    if (block.direction === 1) this.bullishMitigated++;
    else this.bearishMitigated++;
    this.mitigated?.push(block);
  }

  private markInvalidated(block: OrderBlock, index: number, time: number): void {
    block.invalidatedIndex = index;
    block.invalidatedTime = time;
    if (block.direction === 1) this.bullishInvalidated++;
    else this.bearishInvalidated++;
    this.invalidated?.push(block);
  }

  addBullish(structureBreak: StructureBreak): OrderBlock | undefined {
    if (this.bullishCandleIndex < 0) return undefined;
    return this.add(1, this.bullishCandleTop, this.bullishCandleBottom, this.bullishCandleIndex, this.bullishCandleTime, structureBreak);
  }

  addBearish(structureBreak: StructureBreak): OrderBlock | undefined {
    if (this.bearishCandleIndex < 0) return undefined;
    return this.add(-1, this.bearishCandleTop, this.bearishCandleBottom, this.bearishCandleIndex, this.bearishCandleTime, structureBreak);
  }

  /** A new block from its candle, waiting for mitigation and invalidation. */
  add(direction: 1 | -1, top: number, bottom: number, candleIndex: number, candleTime: number, structureBreak: StructureBreak): OrderBlock {
    const block: OrderBlock = {
      direction, top, bottom, candleIndex, candleTime, structureBreak, index: structureBreak.index, time: structureBreak.time,
      mitigatedIndex: -1, mitigatedTime: NaN, invalidatedIndex: -1, invalidatedTime: NaN,
    };
    this.blocks.push(block);
    if (direction === 1) {
      this.bullishUntouched.insert(block, top);
      this.bullishLive.insert(block, bottom);
    } else {
      this.bearishUntouched.insert(block, bottom);
      this.bearishLive.insert(block, top);
    }
    return block;
  }

  restartBullish(): void {
    this.lowest = Infinity;
    this.lastDownIndex = -1;
    this.bullishCandleIndex = -1;
  }

  restartBearish(): void {
    this.highest = -Infinity;
    this.lastUpIndex = -1;
    this.bearishCandleIndex = -1;
  }

  followBullish(open: number, high: number, low: number, close: number, index: number, time: number): void {
    if (close < open) {
      this.lastDownIndex = index;
      this.lastDownTime = time;
      this.lastDownTop = high;
      this.lastDownBottom = low;
    }
    if (low <= this.lowest) {
      this.lowest = low;
      this.bullishCandleIndex = this.lastDownIndex;
      this.bullishCandleTime = this.lastDownTime;
      this.bullishCandleTop = this.lastDownTop;
      this.bullishCandleBottom = this.lastDownBottom;
    }
  }

  followBearish(open: number, high: number, low: number, close: number, index: number, time: number): void {
    if (close > open) {
      this.lastUpIndex = index;
      this.lastUpTime = time;
      this.lastUpTop = high;
      this.lastUpBottom = low;
    }
    if (high >= this.highest) {
      this.highest = high;
      this.bearishCandleIndex = this.lastUpIndex;
      this.bearishCandleTime = this.lastUpTime;
      this.bearishCandleTop = this.lastUpTop;
      this.bearishCandleBottom = this.lastUpBottom;
    }
  }

  liveBlocks(): OrderBlock[] {
    return [...this.bullishLive.values(), ...this.bearishLive.values()];
  }

  reset(): void {
    this.bullishUntouched.clear();
    this.bullishLive.clear();
    this.bearishUntouched.clear();
    this.bearishLive.clear();
    this.restartBullish();
    this.restartBearish();
  }
}
keepShapes(new OrderBlockTracker([], undefined, undefined));

/** Order blocks of `bars` (see `OrderBlockDetector` for the definitions). */
export function orderBlocks(bars: Bars, options: OrderBlockOptions = {}): OrderBlockResult {
  const columns = createOrderBlockColumns(bars.length);
  if (hasMissingBar(bars)) {
    const detector = new OrderBlockDetector(options);
    const { open, high, low, close, volume, time } = bars;
    for (let i = 0; i < bars.length; i++) {
      detector.update(open[i], high[i], low[i], close[i], volume[i], time[i]);
      detector.writeColumns(columns, i);
    }
    return { ...columns, blocks: detector.blocks };
  }
  const resolved = resolveStructureOptions(options);
  const points = swingKernel(bars, resolved.swingLeft, resolved.swingRight, createSwingColumns(bars.length));
  const breaks = structureBreakKernel(bars, points, resolved.breakBy, createStructureBreakColumns(bars.length));
  return { ...columns, blocks: orderBlockKernel(bars, points, breaks, columns) };
}

/**
 * The batch form of `OrderBlockDetector` over bars with no missing values, given their breaks
 * (arguments not checked; the swings are read from the breaks).
 *
 * The detector follows each window bar by bar with running values, since it cannot look
 * back further than its ring; with the whole series at hand the kernel looks at a window
 * only when its swing breaks (see `blockCandle`), which skips the two data-dependent tests
 * per side that following costs on every bar. The window of a break at bar b is the same in
 * both: from the broken swing's pivot to b - 1. The broken swing is always the latest of its
 * side confirmed by b, and the detector restarts its window at each confirmation, catching up
 * from the pivot through the bar before.
 */
export function orderBlockKernel(bars: Bars, _points: readonly SwingPoint[], breaks: readonly StructureBreak[], columns: OrderBlockColumns): OrderBlock[] {
  const { open, high, low, close, time } = bars;
  const blocks: OrderBlock[] = [];
  const tracker = new OrderBlockTracker(blocks, undefined, undefined);
  let breakCursor = 0;
  let nextBreak = breaks.length > 0 ? breaks[0].index : -1;
  let bullishTouch = NaN;
  let bullishBreak = NaN;
  let bearishTouch = NaN;
  let bearishBreak = NaN;
  for (let i = 0; i < open.length; i++) {
    const barClose = close[i];
    // The common bar reaches no block (`mitigate`'s conditions, on the levels in locals).
    if (bullishTouch >= low[i] || bullishBreak > barClose || bearishTouch <= high[i] || bearishBreak < barClose) {
      tracker.mitigate(high[i], low[i], barClose, i, time[i]);
      columns.bullishBlocksMitigated[i] = tracker.bullishMitigated;
      columns.bearishBlocksMitigated[i] = tracker.bearishMitigated;
      columns.bullishBlocksInvalidated[i] = tracker.bullishInvalidated;
      columns.bearishBlocksInvalidated[i] = tracker.bearishInvalidated;
      tracker.bullishMitigated = tracker.bearishMitigated = tracker.bullishInvalidated = tracker.bearishInvalidated = 0;
    } else if (nextBreak !== i) {
      continue;
    }
    while (nextBreak === i) {
      const event = breaks[breakCursor++];
      const bullish = event.direction === 1;
      const candle = blockCandle(bars, event.swing.index, i - 1, bullish);
      if (candle >= 0) {
        const block = tracker.add(event.direction, high[candle], low[candle], candle, time[candle], event);
        writeNewBlocks(columns, i, bullish ? block : undefined, bullish ? undefined : block);
      }
      nextBreak = breakCursor < breaks.length ? breaks[breakCursor].index : -1;
    }
    bullishTouch = tracker.bullishTouch;
    bullishBreak = tracker.bullishBreak;
    bearishTouch = tracker.bearishTouch;
    bearishBreak = tracker.bearishBreak;
  }
  return blocks;
}

/**
 * The order-block candle of the window start..end (see `OrderBlockDetector`): for a bullish
 * break the last down candle at or before the window's lowest low, the latest of equal lows;
 * bearish mirrored. -1 when there is none. Read backwards: with a strict comparison the first
 * extreme met is the latest, and the candle is usually a bar or two before it.
 */
function blockCandle(bars: Bars, start: number, end: number, bullish: boolean): number {
  const { open, high, low, close } = bars;
  let at = end;
  if (bullish) {
    let lowest = low[end];
    for (let j = end - 1; j >= start; j--) {
      if (low[j] < lowest) {
        lowest = low[j];
        at = j;
      }
    }
    for (let j = at; j >= start; j--) if (close[j] < open[j]) return j;
  } else {
    let highest = high[end];
    for (let j = end - 1; j >= start; j--) {
      if (high[j] > highest) {
        highest = high[j];
        at = j;
      }
    }
    for (let j = at; j >= start; j--) if (close[j] > open[j]) return j;
  }
  return -1;
}
