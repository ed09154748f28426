/**
 * Positions by slot (symbol x book; one book unless the router runs in `books` mode), with the
 * running totals of the round trip each open position belongs to. Fixed size: one row per slot.
 */
export class PositionTable {
  readonly slotCount: number;
  readonly slotSymbol: Int32Array;
  readonly slotBook: Int32Array;
  /** Signed units. */
  readonly quantity: Float64Array;
  readonly averagePrice: Float64Array;
  /** Opening orders that filled in the current position (the pyramiding count). */
  readonly entries: Int32Array;
  /** Price at which the position is liquidated (NaN: never). */
  readonly liquidationPrice: Float64Array;
  /** Segment counter value and price at which the position opened (the liquidation check's reference in that segment). */
  readonly openedSegment: Float64Array;
  readonly openedPrice: Float64Array;
  // The open round trip.
  readonly tradeSequence: Int32Array;
  readonly tradeSide: Int32Array;
  readonly entryTime: Float64Array;
  readonly entryIndex: Int32Array;
  readonly entryQuantity: Float64Array;
  readonly entryNotional: Float64Array;
  readonly exitQuantity: Float64Array;
  readonly exitNotional: Float64Array;
  readonly fees: Float64Array;
  readonly slippage: Float64Array;
  readonly funding: Float64Array;
  readonly strategy: Int32Array;
  readonly tag: Int32Array;

  constructor(symbolCount: number, readonly bookCount: number) {
    const n = symbolCount * bookCount;
    this.slotCount = n;
    this.slotSymbol = new Int32Array(n);
    this.slotBook = new Int32Array(n);
    for (let slot = 0; slot < n; slot++) {
      this.slotSymbol[slot] = Math.floor(slot / bookCount);
      this.slotBook[slot] = slot % bookCount;
    }
    this.quantity = new Float64Array(n);
    this.averagePrice = new Float64Array(n);
    this.entries = new Int32Array(n);
    this.liquidationPrice = new Float64Array(n).fill(NaN);
    this.openedSegment = new Float64Array(n).fill(-1);
    this.openedPrice = new Float64Array(n).fill(NaN);
    this.tradeSequence = new Int32Array(n).fill(-1);
    this.tradeSide = new Int32Array(n);
    this.entryTime = new Float64Array(n);
    this.entryIndex = new Int32Array(n);
    this.entryQuantity = new Float64Array(n);
    this.entryNotional = new Float64Array(n);
    this.exitQuantity = new Float64Array(n);
    this.exitNotional = new Float64Array(n);
    this.fees = new Float64Array(n);
    this.slippage = new Float64Array(n);
    this.funding = new Float64Array(n);
    this.strategy = new Int32Array(n);
    this.tag = new Int32Array(n).fill(-1);
  }

  /** Starts a round trip in `slot`. */
  open(slot: number, sequence: number, side: number, time: number, index: number, strategy: number, tag: number): void {
    this.tradeSequence[slot] = sequence;
    this.tradeSide[slot] = side;
    this.entryTime[slot] = time;
    this.entryIndex[slot] = index;
    this.entryQuantity[slot] = 0;
    this.entryNotional[slot] = 0;
    this.exitQuantity[slot] = 0;
    this.exitNotional[slot] = 0;
    this.fees[slot] = 0;
    this.slippage[slot] = 0;
    this.funding[slot] = 0;
    this.strategy[slot] = strategy;
    this.tag[slot] = tag;
    this.entries[slot] = 0;
    this.averagePrice[slot] = 0;
  }
}
