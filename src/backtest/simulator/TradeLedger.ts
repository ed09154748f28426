import { Float64Column, Int32Column } from './GrowableColumn.js';

/** Closed round trips, as columns (one row per trade, in closing order). */
export class TradeLedger {
  count = 0;
  readonly slot = new Int32Column();
  readonly sequence = new Int32Column();
  readonly side = new Int32Column();
  readonly entryTime = new Float64Column();
  readonly entryIndex = new Int32Column();
  readonly exitTime = new Float64Column();
  readonly exitIndex = new Int32Column();
  readonly quantity = new Float64Column();
  readonly entryNotional = new Float64Column();
  readonly exitNotional = new Float64Column();
  readonly fees = new Float64Column();
  readonly slippage = new Float64Column();
  readonly funding = new Float64Column();
  readonly strategy = new Int32Column();
  readonly tag = new Int32Column();
  readonly reason = new Int32Column();

  private capacity = 0;

  /** Appends a row (every column has room for it) and returns its index; the caller writes `column.data[row]`. */
  append(): number {
    const row = this.count++;
    if (row >= this.capacity) {
      for (const column of [this.slot, this.sequence, this.side, this.entryTime, this.entryIndex, this.exitTime, this.exitIndex, this.quantity, this.entryNotional, this.exitNotional, this.fees, this.slippage, this.funding, this.strategy, this.tag, this.reason] as (Float64Column | Int32Column)[]) column.ensure(row);
      this.capacity = this.slot.data.length;
    }
    return row;
  }
}
