import type { BarsAhead } from './BarsCheck.js';
import { BarVisits, visitState } from './BarVisits.js';
import { roundToLot as roundToLotImported, roundToTick as roundToTickImported } from './executionPrice.js';
import { Float64Column, Int32Column } from './GrowableColumn.js';
import { OrderStatus as OrderStatusCodes } from './orderCodes.js';
import { SizingKind as SizingKindCodes, type ResolvedSimulationOptions } from './resolveSimulationOptions.js';
import type { PreparedSymbol } from './SimulationState.js';

// Module-local copies of the codes and the rounding helpers: where imports become getter properties (vitest, tsx), every use is a call.
const OrderStatus = OrderStatusCodes;
const SizingKind = SizingKindCodes;
const roundToLot = roundToLotImported;
const roundToTick = roundToTickImported;

/** Relative slack of `fillOrder`'s comparisons, and `applyFill`'s dust: the same constants, for the same numbers. */
const SLACK = 1e-9;
const DUST = 1e-12;

/** What a logged operation does (see `LongSignalLog`). */
export const LogOperation = { create: 0, fill: 1, cancel: 2 } as const;
/** The orders the run makes: entries and exits at the next open or at the close, and the end-of-data close. */
export const LogOrderKind = { entryAtOpen: 0, entryAtClose: 1, exitAtOpen: 2, exitAtClose: 3, end: 4 } as const;
/** The reasons a cancelled or rejected order gives, worded as the general path words them (`fillOrder`, `sizedQuantity`, `closeAtEnd`, `runSimulation`). */
export const logReasons = [
  'the position has the most entries maxEntries allows',
  'the sizing rule gave no positive quantity (equity exhausted?)',
  'the quantity rounds below the lot size or the minimum quantity',
  'insufficient margin',
  'not filled',
  'no position to reduce',
  "the symbol's data ended",
  'the data ended',
] as const;
const Reason = { maxEntries: 0, sizing: 1, rounding: 2, margin: 3, notFilled: 4, noPosition: 5, symbolEnded: 6, dataEnded: 7 } as const;

/**
 * The run as a list of operations in the order the general path performs them: an order made
 * (its kind), a fill (units, price, the order's settled quantity), an order ended (status and
 * reason). With the bars, this is everything the ledgers hold; `longSignalsResult` replays it
 * into the general path's tables when a ledger is first read.
 */
export class LongSignalLog {
  count = 0;
  readonly operation = new Int32Column(64);
  readonly order = new Int32Column(64);
  readonly bar = new Int32Column(64);
  /** Order kind (create), 1 at the close / 0 at the open (fill), status << 8 | reason (cancel). */
  readonly detail = new Int32Column(64);
  readonly time = new Float64Column(64);
  readonly quantity = new Float64Column(64);
  readonly price = new Float64Column(64);
  readonly settled = new Float64Column(64);
  /** Makes room for `rows` rows at once (growing by doubling from a few rows costs a copy and a fresh array each time). */
  reserve(rows: number): void {
    if (rows > this.operation.data.length) for (const column of [this.operation, this.order, this.bar, this.detail, this.time, this.quantity, this.price, this.settled]) column.ensure(rows - 1);
  }

  add(operation: number, order: number, bar: number, detail: number, time: number, quantity: number, price: number, settled: number): void {
    const row = this.count++;
    if (row >= this.operation.data.length) this.reserve(row + 1);
    this.operation.data[row] = operation;
    this.order.data[row] = order;
    this.bar.data[row] = bar;
    this.detail.data[row] = detail;
    this.time.data[row] = time;
    this.quantity.data[row] = quantity;
    this.price.data[row] = price;
    this.settled.data[row] = settled;
  }
}

/**
 * True when `runLongSignals` computes exactly what the general path computes: one symbol with
 * long entry/exit arrays only, market orders at the next open or the close sized by quantity,
 * cash or equity fraction, taker fees, bps and range slippage, tick/lot/minimum rules, no
 * leverage, liquidation, funding, impact, participation cap or protective stops.
 */
export function coversLongSignals(prepared: readonly PreparedSymbol[], options: ResolvedSimulationOptions): boolean {
  if (prepared.length !== 1) return false;
  const symbol = prepared[0];
  return (
    symbol.bars.length > 0 && symbol.fineBars === undefined && symbol.shortEntries === undefined && symbol.shortExits === undefined && symbol.targetFractions === undefined &&
    symbol.fundingRate === undefined && symbol.borrowRate === undefined && (symbol.longEntries !== undefined || symbol.longExits !== undefined) &&
    options.leverage === 1 && Number.isNaN(options.maintenanceMargin) && options.fundingRate === 0 && options.borrowRate === 0 && options.impactCoefficient === 0 &&
    options.maxParticipation === Infinity && Number.isNaN(options.stopLossFraction) && Number.isNaN(options.takeProfitFraction) && Number.isNaN(options.trailingFraction) &&
    Number.isNaN(options.trailingDistance) && (options.sizingKind === SizingKind.quantity || options.sizingKind === SizingKind.cash || options.sizingKind === SizingKind.equityFraction)
  );
}

/**
 * The run of one symbol's long entry/exit arrays (what `coversLongSignals` accepts): the general
 * path's arithmetic (`runSingleSymbol`, `arraySignalOrders`, `fillOrder`, `takerPrice`,
 * `applyFill`, `mark`) specialised by hand to one position slot, one order at a time and no
 * order table. Hand-written kernel: with sparse signals the general path spent ~1 µs per order
 * in its tables (38 columns per order, grown by doubling) and the checks of features this run
 * cannot have; here an order costs a few dozen operations and one row of the log, and the
 * ledgers are built from the log on first read.
 *
 * Each step must stay the same floating-point operations, in the same order, as the general
 * path's (simulateProperties.test.ts compares both bit for bit).
 */
export class LongSignalRun {
  cash: number;
  quantity = 0;
  averagePrice = 0;
  entries = 0;
  entryTime = 0;
  markEquity: number;
  available: number;
  totalFees = 0;
  totalSlippage = 0;
  /** Orders made so far (the next order's number). */
  orderCount = 0;
  fillCount = 0;
  readonly log = new LongSignalLog();
  /**
   * The bars the run reads: `run` walks them, and `fill` reads the prices of the bar at hand there
   * by index. Why an index: V8 boxes each double argument of a call it does not inline (a heap
   * number, garbage at once), and `fill` is too large to inline; four prices per order were about
   * 1 MB of garbage per million-bar run.
   */
  private readonly visits: BarVisits;
  private readonly barMilliseconds: number;

  constructor(
    private readonly symbol: PreparedSymbol,
    private readonly options: ResolvedSimulationOptions,
  ) {
    this.cash = options.initialCash;
    this.markEquity = options.initialCash;
    this.available = options.initialCash;
    const atClose = (options.fillAtByStrategy.get(options.strategy) ?? options.fillAt) === 'close';
    this.visits = new BarVisits(symbol.bars, symbol.longEntries, symbol.longExits, { maxEntries: options.maxEntries, atClose });
    this.barMilliseconds = symbol.bars.timeframe.milliseconds;
  }

  /** Walks the bars with something to do (the signals that make orders, their fills, the last bar), a chunk of gathered bars at a time (`BarVisits`). */
  run(barsAhead: BarsAhead): void {
    const options = this.options;
    const bars = this.symbol.bars;
    const n = bars.length;
    const barMilliseconds = this.barMilliseconds;
    const visits = this.visits;
    const atClose = visits.rules.atClose;
    const { bar, flags, expected, time, close } = visits;
    const log = this.log;
    // The order waiting for the next open (-1: none), and whether it is an entry.
    let pending = -1;
    let pendingEntry = false;
    let count = visits.next(barsAhead);
    // Most listed bars log one row (an order made, or its fill), with some slack for cancellations.
    log.reserve(Math.ceil(visits.estimatedTotal() * 1.1) + 16);
    for (; count > 0; count = visits.next(barsAhead)) {
      for (let j = 0; j < count; j++) {
        const i = bar[j];
        const signal = flags[j];
        if (pending >= 0) {
          this.fill(pending, pendingEntry ? 1 : -1, false, j, false);
          pending = -1;
        }
        const price = close[j];
        this.mark(price);
        const fillsBefore = this.fillCount;
        let entry = (signal & 1) !== 0;
        let exit = (signal & 2) !== 0;
        if (entry && exit) entry = exit = false;
        // arraySignalOrders, long side: an exit closes a held position; an entry opens one, or adds while maxEntries allows.
        const held = this.quantity;
        const wanted = held > 0 ? (exit ? -1 : entry && this.entries < options.maxEntries ? 1 : 0) : entry ? 1 : 0;
        if (wanted !== 0) {
          const o = this.orderCount++;
          const closeTime = time[j] + barMilliseconds;
          const kind = wanted > 0 ? (atClose ? LogOrderKind.entryAtClose : LogOrderKind.entryAtOpen) : atClose ? LogOrderKind.exitAtClose : LogOrderKind.exitAtOpen;
          log.add(LogOperation.create, o, i, kind, closeTime, 0, 0, NaN);
          if (atClose) this.fill(o, wanted, false, j, true);
          else {
            pending = o;
            pendingEntry = wanted > 0;
          }
        }
        if (i === n - 1 && options.closeAtEnd) {
          const closeTime = time[j] + barMilliseconds;
          if (this.quantity !== 0) {
            const o = this.orderCount++;
            log.add(LogOperation.create, o, i, LogOrderKind.end, closeTime, 0, 0, NaN);
            this.fill(o, -1, true, j, true);
          }
          if (pending >= 0) log.add(LogOperation.cancel, pending, i, (OrderStatus.cancelled << 8) | Reason.symbolEnded, closeTime, 0, 0, NaN);
          pending = -1;
        }
        if (this.fillCount !== fillsBefore) this.mark(price);
        const state = visitState(this.quantity > 0, this.entries, pending < 0 ? 0 : pendingEntry ? 1 : -1);
        if (state !== expected[j] && i !== n - 1) {
          // An order did not fill as the listing assumed: list again from here, from the run's own position.
          visits.restart(i + 1, this.quantity > 0, this.entries, pending < 0 ? 0 : pendingEntry ? 1 : -1);
          break;
        }
      }
    }
    if (pending >= 0) log.add(LogOperation.cancel, pending, n - 1, (OrderStatus.cancelled << 8) | Reason.dataEnded, bars.time[n - 1], 0, 0, NaN);
  }

  /** `mark`, for one slot: the equity and buying power that sizing and the margin check read until the next mark. */
  private mark(price: number): void {
    const value = this.quantity * price;
    const gross = value < 0 ? -value : value;
    const equity = this.cash + value;
    this.markEquity = equity;
    this.available = equity - gross;
  }

  /** `takerPrice` without the impact term, for listed bar `j`: slipped against the trader, capped at the bar's range, rounded to the tick. */
  private takerPrice(side: number, reference: number, j: number): number {
    const options = this.options;
    const high = this.visits.high[j];
    const low = this.visits.low[j];
    const slip = reference * options.slippageBps * 1e-4 + options.slippageRange * (high - low);
    const tick = this.symbol.tickSize;
    if (side > 0) {
      const rounded = roundToTick(reference + slip, 1, tick);
      return rounded > high ? Math.max(high, reference) : rounded;
    }
    const rounded = roundToTick(reference - slip, -1, tick);
    return rounded < low ? Math.min(low, reference) : rounded;
  }

  /** Ends order `o` with `status` and `reason`; `settled` is its quantity once sizing decided it (NaN before). */
  private end(o: number, status: number, reason: number, i: number, time: number, settled = NaN): void {
    this.log.add(LogOperation.cancel, o, i, (status << 8) | reason, time, 0, 0, settled);
  }

  /**
   * `fillOrder` for market order `o` of this run (`side` +1: an entry sized by the rule; -1: an
   * exit of the whole position, `whole` for the end-of-data close) on listed bar `j` of the
   * current chunk, at its open or, `atClose`, its close (whose high and low bound the slipped
   * price), then, as the callers of `fillOrder` do, the end of what did not fill.
   */
  private fill(o: number, side: number, whole: boolean, j: number, atClose: boolean): void {
    const options = this.options;
    const visits = this.visits;
    const i = visits.bar[j];
    const reference = atClose ? visits.close[j] : visits.open[j];
    const time = atClose ? visits.time[j] + this.barMilliseconds : visits.time[j];
    const current = this.quantity;
    const lot = this.symbol.lotSize;
    const minimum = this.symbol.minQuantity;
    let settled: number;
    let quantity: number;
    let price: number;
    let shortOfMargin = false;
    if (side > 0) {
      if (current !== 0 && this.entries >= options.maxEntries) return this.end(o, OrderStatus.rejected, Reason.maxEntries, i, time);
      let units = options.sizingKind === SizingKind.quantity ? options.sizingValue : options.sizingKind === SizingKind.cash ? options.sizingValue / reference : (options.sizingValue * this.markEquity) / reference;
      if (!(units > 0) || !Number.isFinite(units)) return this.end(o, OrderStatus.rejected, Reason.sizing, i, time);
      // The order's size fraction (1 for array signals), as `sizedQuantity` applies it.
      units = units * 1;
      settled = units;
      let openPart = roundToLot(units - 0, lot);
      if (openPart < minimum) openPart = 0;
      if (openPart <= 0) return this.end(o, OrderStatus.rejected, Reason.rounding, i, time, settled);
      price = this.takerPrice(1, reference, j);
      const rate = Math.max(0, options.takerRate);
      const perUnit = price * (1 / 1 + rate);
      const free = this.available + 0;
      if (openPart * perUnit + options.fixedFee > free * (1 + SLACK) + SLACK) {
        const affordable = options.shrinkOnMargin ? roundToLot(Math.max(0, free - options.fixedFee) / perUnit, lot) : 0;
        openPart = affordable >= minimum ? Math.min(openPart, affordable) : 0;
        shortOfMargin = true;
        if (openPart <= 0) return this.end(o, OrderStatus.rejected, Reason.margin, i, time, settled);
        settled = openPart;
      }
      quantity = openPart;
    } else {
      if (!(current > 0)) return this.end(o, OrderStatus.cancelled, Reason.noPosition, i, time);
      settled = current;
      quantity = current;
      price = this.takerPrice(-1, reference, j);
    }
    // applyFill: fee, slippage, the position's round trip, buying power and cash.
    const fee = quantity * price * options.takerRate + options.fixedFee;
    const slippage = Math.max(0, (price - reference) * side * quantity);
    const opening = side > 0;
    if (current === 0) {
      this.entryTime = time;
      this.entries = 0;
      this.averagePrice = 0;
    }
    let after = current + side * quantity;
    if (!opening && Math.abs(after) <= DUST * Math.abs(current)) after = 0;
    const notional = quantity * price;
    if (opening) {
      this.averagePrice = (this.averagePrice * Math.abs(current) + notional) / Math.abs(after);
      this.entries++;
      this.available -= notional / 1 + fee;
    } else this.available += notional / 1 - fee;
    this.quantity = after;
    this.cash -= side * notional + fee;
    this.totalFees += fee;
    this.totalSlippage += slippage;
    if (after === 0) {
      this.entries = 0;
      this.averagePrice = 0;
    }
    this.fillCount++;
    this.log.add(LogOperation.fill, o, i, atClose ? 1 : 0, time, quantity, price, settled);
    const complete = whole ? after === 0 : quantity >= settled * (1 - SLACK);
    if (!complete) this.end(o, OrderStatus.cancelled, shortOfMargin ? Reason.margin : Reason.notFilled, i, time, settled);
  }
}
