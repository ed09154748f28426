import { Float64Column, Int32Column } from './GrowableColumn.js';
import { NO_LAST_BAR, OrderFlag as OrderFlagCodes, OrderRole as OrderRoleCodes, OrderStatus as OrderStatusCodes, OrderType as OrderTypeCodes } from './orderCodes.js';

// Module-local copies of the codes: where imports become getter properties (vitest, CommonJS builds),
// every use of an imported binding is a call V8 does not fold; the kernel reads these per fill.
const OrderStatus = OrderStatusCodes;
const OrderFlag = OrderFlagCodes;
const OrderRole = OrderRoleCodes;
const OrderType = OrderTypeCodes;

/**
 * Every order of a run as parallel columns indexed by order number (id - 1), with a linked
 * list per symbol of the orders still working there, and the ledger of state changes. The
 * kernel reads `column.data[o]` directly; nothing here allocates per order except the
 * occasional doubling of a column.
 */
export class OrderTable {
  count = 0;
  readonly symbol = new Int32Column();
  readonly slot = new Int32Column();
  /** +1 buy, -1 sell. */
  readonly side = new Int32Column();
  readonly type = new Int32Column();
  readonly role = new Int32Column();
  readonly flags = new Int32Column();
  readonly status = new Int32Column();
  readonly quantityMode = new Int32Column();
  /** Units, or a fraction, as `quantityMode` says. */
  readonly amount = new Float64Column();
  /** Units once decided (NaN before); the whole position for `wholePosition` orders. */
  readonly quantity = new Float64Column();
  readonly filled = new Float64Column();
  readonly filledNotional = new Float64Column();
  readonly limit = new Float64Column();
  readonly stop = new Float64Column();
  readonly trailDistance = new Float64Column();
  readonly trailFraction = new Float64Column();
  /** Most favourable price since the trailing order started working (NaN before). */
  readonly trailBest = new Float64Column();
  readonly timeInForce = new Int32Column();
  /** First and last bar index of its symbol at which it may fill (inclusive). */
  readonly firstBar = new Int32Column();
  readonly lastBar = new Int32Column();
  readonly parent = new Int32Column();
  readonly oco = new Int32Column();
  /** Bracket levels carried by an entry: absolute prices / distance, or fractions of the fill price (NaN = none). */
  readonly bracketStop = new Float64Column();
  readonly bracketTake = new Float64Column();
  readonly bracketTrail = new Float64Column();
  readonly bracketStopFraction = new Float64Column();
  readonly bracketTakeFraction = new Float64Column();
  readonly bracketTrailFraction = new Float64Column();
  /** Further profit targets of router orders, by order number (rare: a sparse array). */
  readonly bracketTargets: (readonly number[] | undefined)[] = [];
  readonly strategy = new Int32Column();
  readonly tag = new Int32Column();
  readonly routerOrder = new Int32Column();
  readonly createdStep = new Int32Column();
  readonly createdTime = new Float64Column();
  readonly signalBar = new Int32Column();
  /** Segment counter value and price at which a protective order started working. */
  readonly activationSegment = new Float64Column();
  readonly activationPrice = new Float64Column();
  readonly statusReason = new Int32Column();
  /** Next working order of the same symbol, -1 at the end. */
  readonly next = new Int32Column();

  /** Per symbol: first and last order of the working list, and how many orders are still working. */
  readonly head: Int32Array;
  readonly tail: Int32Array;
  readonly working: Int32Array;
  /** Per symbol, of the working orders: how many rest at a level (limit, stop, stop-limit, trailing), how many protect a position. */
  readonly resting: Int32Array;
  readonly protective: Int32Array;

  eventCount = 0;
  readonly eventOrder = new Int32Column();
  readonly eventStep = new Int32Column();
  readonly eventTime = new Float64Column();
  readonly eventStatus = new Int32Column();
  readonly eventFilled = new Float64Column();
  readonly eventReason = new Int32Column();

  private capacity = 0;
  private eventCapacity = 0;

  /** Makes room for order row `row` in every column (one check per order instead of one per column). */
  private grow(row: number): void {
    for (const column of [this.symbol, this.slot, this.side, this.type, this.role, this.flags, this.status, this.quantityMode, this.amount, this.quantity, this.filled, this.filledNotional, this.limit, this.stop, this.trailDistance, this.trailFraction, this.trailBest, this.timeInForce, this.firstBar, this.lastBar, this.parent, this.oco, this.bracketStop, this.bracketTake, this.bracketTrail, this.bracketStopFraction, this.bracketTakeFraction, this.bracketTrailFraction, this.strategy, this.tag, this.routerOrder, this.createdStep, this.createdTime, this.signalBar, this.activationSegment, this.activationPrice, this.statusReason, this.next] as (Float64Column | Int32Column)[]) column.ensure(row);
    this.capacity = this.symbol.data.length;
  }

  private growEvents(row: number): void {
    for (const column of [this.eventOrder, this.eventStep, this.eventTime, this.eventStatus, this.eventFilled, this.eventReason] as (Float64Column | Int32Column)[]) column.ensure(row);
    this.eventCapacity = this.eventOrder.data.length;
  }

  constructor(symbolCount: number) {
    this.head = new Int32Array(symbolCount).fill(-1);
    this.tail = new Int32Array(symbolCount).fill(-1);
    this.working = new Int32Array(symbolCount);
    this.resting = new Int32Array(symbolCount);
    this.protective = new Int32Array(symbolCount);
  }

  /** The kind counter an order counts in besides `working`: protective, resting, or none (market). */
  private kindCounter(o: number): Int32Array | undefined {
    const role = this.role.data[o];
    if (role >= OrderRole.stopLoss && role <= OrderRole.trailingStop) return this.protective;
    return this.type.data[o] === OrderType.market ? undefined : this.resting;
  }

  /**
   * Adds an order with the given core fields and neutral values elsewhere (no prices, good till
   * cancelled, no bracket); the caller sets the rest, then `submit`s it. Returns its number.
   */
  create(symbol: number, slot: number, side: number, type: number, role: number, quantityMode: number, amount: number, step: number, time: number, signalBar: number): number {
    const o = this.count++;
    if (o >= this.capacity) this.grow(o);
    this.symbol.data[o] = symbol;
    this.slot.data[o] = slot;
    this.side.data[o] = side;
    this.type.data[o] = type;
    this.role.data[o] = role;
    this.flags.data[o] = 0;
    this.status.data[o] = OrderStatus.submitted;
    this.quantityMode.data[o] = quantityMode;
    this.amount.data[o] = amount;
    this.quantity.data[o] = NaN;
    this.filled.data[o] = 0;
    this.filledNotional.data[o] = 0;
    this.limit.data[o] = NaN;
    this.stop.data[o] = NaN;
    this.trailDistance.data[o] = NaN;
    this.trailFraction.data[o] = NaN;
    this.trailBest.data[o] = NaN;
    this.timeInForce.data[o] = 0;
    this.firstBar.data[o] = signalBar + 1;
    this.lastBar.data[o] = NO_LAST_BAR;
    this.parent.data[o] = -1;
    this.oco.data[o] = -1;
    this.bracketStop.data[o] = NaN;
    this.bracketTake.data[o] = NaN;
    this.bracketTrail.data[o] = NaN;
    this.bracketStopFraction.data[o] = NaN;
    this.bracketTakeFraction.data[o] = NaN;
    this.bracketTrailFraction.data[o] = NaN;
    this.strategy.data[o] = 0;
    this.tag.data[o] = -1;
    this.routerOrder.data[o] = -1;
    this.createdStep.data[o] = step;
    this.createdTime.data[o] = time;
    this.signalBar.data[o] = signalBar;
    this.activationSegment.data[o] = -1;
    this.activationPrice.data[o] = NaN;
    this.statusReason.data[o] = -1;
    this.next.data[o] = -1;
    return o;
  }

  /** Records the submission and, unless `working` is false, appends the order to its symbol's working list. */
  submit(o: number, step: number, time: number, working = true): void {
    this.event(o, step, time, OrderStatus.submitted, -1);
    if (!working) return;
    this.status.data[o] = OrderStatus.working;
    const s = this.symbol.data[o];
    const last = this.tail[s];
    if (last < 0) this.head[s] = o;
    else this.next.data[last] = o;
    this.tail[s] = o;
    this.working[s]++;
    const kind = this.kindCounter(o);
    if (kind !== undefined) kind[s]++;
    this.flags.data[o] |= OrderFlag.counted;
  }

  /** Appends a state change to the ledger (and sets the order's status). */
  event(o: number, step: number, time: number, status: number, reason: number): void {
    const e = this.eventCount++;
    if (e >= this.eventCapacity) this.growEvents(e);
    this.eventOrder.data[e] = o;
    this.eventStep.data[e] = step;
    this.eventTime.data[e] = time;
    this.eventStatus.data[e] = status;
    this.eventFilled.data[e] = this.filled.data[o];
    this.eventReason.data[e] = reason;
    this.status.data[o] = status;
    // An order that ends leaves the working count at once (and its list at the next compaction).
    if (status >= OrderStatus.filled && (this.flags.data[o] & OrderFlag.counted) !== 0) {
      this.flags.data[o] &= ~OrderFlag.counted;
      const s = this.symbol.data[o];
      this.working[s]--;
      const kind = this.kindCounter(o);
      if (kind !== undefined) kind[s]--;
    }
    if (reason >= 0) this.statusReason.data[o] = reason;
  }

  /** True while the order can still fill. */
  isWorking(o: number): boolean {
    const status = this.status.data[o];
    return status === OrderStatus.working || status === OrderStatus.triggered || status === OrderStatus.partiallyFilled;
  }

  /**
   * Drops finished orders from symbol `s`'s working list. The kernel marks orders finished
   * while it walks the list and compacts once per bar, so that no walk sees a changing list.
   */
  compact(s: number): void {
    let previous = -1;
    let o = this.head[s];
    const next = this.next.data;
    while (o >= 0) {
      const following = next[o];
      if (this.isWorking(o)) {
        if (previous < 0) this.head[s] = o;
        else next[previous] = o;
        previous = o;
      }
      o = following;
    }
    if (previous < 0) this.head[s] = -1;
    else next[previous] = -1;
    this.tail[s] = previous;
  }
}
