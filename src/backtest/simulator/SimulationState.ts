import type { Bars } from '../../core/Bars.js';
import { CashCheckpoints } from './CashCheckpoints.js';
import { FillLedger } from './FillLedger.js';
import { NameTable } from './GrowableColumn.js';
import { OrderTable } from './OrderTable.js';
import { PositionTable } from './PositionTable.js';
import type { ResolvedSimulationOptions } from './resolveSimulationOptions.js';
import { TradeLedger } from './TradeLedger.js';

/** One symbol's columns as the kernel reads them, checked by `prepareSymbols`. */
export interface PreparedSymbol {
  symbol: string;
  bars: Bars;
  fineBars?: Bars;
  longEntries?: Uint8Array;
  longExits?: Uint8Array;
  shortEntries?: Uint8Array;
  shortExits?: Uint8Array;
  targetFractions?: Float64Array;
  atr?: Float64Array;
  fundingRate?: Float64Array;
  borrowRate?: Float64Array;
  tickSize: number;
  lotSize: number;
  minQuantity: number;
}

/** What an order source (the signal router) hears back from the simulator. */
export interface ExecutionListener {
  /** Order `o` will not fill any further; `filledFraction` of what it asked for filled. */
  orderDone(state: SimulationState, o: number, filledFraction: number, time: number): void;
  /** Part of the position in `slot` closed: `fraction` of it, for `pnl`, through order `o`. */
  positionReduced(state: SimulationState, slot: number, o: number, fraction: number, pnl: number, time: number, index: number): void;
}

/**
 * The whole mutable state of a run: the symbols' columns, positions, orders, ledgers and the
 * account. The kernel functions (`processBar`, `fillOrder`, `protectiveExits`, the order
 * sources) read and write it directly; keeping it in one object with typed-array fields
 * gives V8 one stable shape to optimize.
 */
export class SimulationState {
  readonly symbolCount: number;
  readonly symbols: string[];
  readonly time: Float64Array[];
  readonly open: Float64Array[];
  readonly high: Float64Array[];
  readonly low: Float64Array[];
  readonly close: Float64Array[];
  readonly volume: Float64Array[];
  readonly barCount: Int32Array;
  readonly barMilliseconds: Float64Array;
  readonly fine: (Bars | undefined)[];
  /** The checked inputs, for the order sources. */
  readonly inputs: readonly PreparedSymbol[];
  readonly tickSize: Float64Array;
  readonly lotSize: Float64Array;
  readonly minQuantity: Float64Array;
  readonly atr: (Float64Array | undefined)[];
  readonly fundingRate: (Float64Array | undefined)[];
  readonly borrowRate: (Float64Array | undefined)[];
  /** Next unread bar per symbol, and the bar at the current step (-1 when the symbol has none). */
  readonly cursor: Int32Array;
  readonly barIndex: Int32Array;
  /** Latest known price per symbol (the last close, or the open while a bar is being filled). */
  readonly last: Float64Array;
  /** Volume the run's fills took from the symbol's current bar. */
  readonly volumeUsed: Float64Array;

  readonly books = new NameTable();
  readonly strategies = new NameTable();
  readonly tags = new NameTable();
  readonly reasons = new NameTable();
  readonly ocoGroups = new NameTable();
  readonly positions: PositionTable;
  readonly orders: OrderTable;
  readonly fills = new FillLedger();
  readonly trades = new TradeLedger();
  readonly cashCheckpoints = new CashCheckpoints();

  /**
   * The account's running numbers live in one Float64Array behind accessors: a double stored
   * in an object field is boxed by V8 (each store to a field that ever held another kind can
   * allocate), while a typed-array slot is a plain store, and the accessors inline to it.
   */
  private readonly account = new Float64Array(8);
  get cash(): number {
    return this.account[0];
  }
  set cash(value: number) {
    this.account[0] = value;
  }
  /** Equity at the last mark (a close): what sizing and buying power start from. */
  get markEquity(): number {
    return this.account[1];
  }
  set markEquity(value: number) {
    this.account[1] = value;
  }
  /** Signed value of the positions at the last mark. */
  get markValue(): number {
    return this.account[2];
  }
  set markValue(value: number) {
    this.account[2] = value;
  }
  /** Gross value of the positions at the last mark. */
  get markGross(): number {
    return this.account[3];
  }
  set markGross(value: number) {
    this.account[3] = value;
  }
  /** Margin still free for opening fills: equity - gross / leverage at the mark, less what fills since used. */
  get available(): number {
    return this.account[4];
  }
  set available(value: number) {
    this.account[4] = value;
  }
  get totalFees(): number {
    return this.account[5];
  }
  set totalFees(value: number) {
    this.account[5] = value;
  }
  get totalSlippage(): number {
    return this.account[6];
  }
  set totalSlippage(value: number) {
    this.account[6] = value;
  }
  /** Funding and borrow paid (negative when received). */
  get totalFunding(): number {
    return this.account[7];
  }
  set totalFunding(value: number) {
    this.account[7] = value;
  }
  nextTradeSequence = 0;
  step = 0;
  /** Counts the segments (bars, or finer bars) the kernel walked: tells apart fills within one segment. */
  segment = 0;
  listener: ExecutionListener | null = null;
  /** The order being filled: cancelling a position's protective orders when it closes spares it. */
  fillingOrder = -1;
  /** Why the last sizing or fill attempt refused an order (read right after a refusal). */
  rejection = '';
  /** Where the run loops put prices they load ahead of need (see `runSingleSymbol`), so that the loads are kept. */
  readonly warmed = new Float64Array(1);
  /** Scratch space for sorting a position's take-profit orders (grown rarely). */
  scratch = new Int32Array(16);

  constructor(readonly options: ResolvedSimulationOptions, prepared: readonly PreparedSymbol[], bookNames: readonly string[]) {
    const n = prepared.length;
    this.symbolCount = n;
    this.symbols = prepared.map((item) => item.symbol);
    this.time = prepared.map((item) => item.bars.time);
    this.open = prepared.map((item) => item.bars.open);
    this.high = prepared.map((item) => item.bars.high);
    this.low = prepared.map((item) => item.bars.low);
    this.close = prepared.map((item) => item.bars.close);
    this.volume = prepared.map((item) => item.bars.volume);
    this.barCount = Int32Array.from(prepared, (item) => item.bars.length);
    this.barMilliseconds = Float64Array.from(prepared, (item) => item.bars.timeframe.milliseconds);
    this.fine = prepared.map((item) => item.fineBars);
    this.inputs = prepared;
    this.tickSize = Float64Array.from(prepared, (item) => item.tickSize);
    this.lotSize = Float64Array.from(prepared, (item) => item.lotSize);
    this.minQuantity = Float64Array.from(prepared, (item) => item.minQuantity);
    this.atr = prepared.map((item) => item.atr);
    this.fundingRate = prepared.map((item) => item.fundingRate);
    this.borrowRate = prepared.map((item) => item.borrowRate);
    this.cursor = new Int32Array(n);
    this.barIndex = new Int32Array(n).fill(-1);
    this.last = new Float64Array(n).fill(NaN);
    this.volumeUsed = new Float64Array(n);
    this.books.intern('');
    for (const book of bookNames) this.books.intern(book);
    this.positions = new PositionTable(n, this.books.names.length);
    this.orders = new OrderTable(n);
    this.strategies.intern(options.strategy);
    this.account[0] = options.initialCash;
    this.account[1] = options.initialCash;
    this.account[4] = options.initialCash;
  }

  /** The slot of `book` (0 = the shared position) on symbol `s`. */
  slotOf(s: number, book: number): number {
    return s * this.positions.bookCount + book;
  }
}
