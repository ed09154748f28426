import { Float64Column, Int32Column } from './GrowableColumn.js';

/** Every fill of a run, as columns (one row per fill, in execution order). */
export class FillLedger {
  count = 0;
  readonly order = new Int32Column();
  readonly slot = new Int32Column();
  readonly time = new Float64Column();
  readonly index = new Int32Column();
  readonly step = new Int32Column();
  readonly side = new Int32Column();
  readonly quantity = new Float64Column();
  readonly price = new Float64Column();
  readonly reference = new Float64Column();
  readonly fee = new Float64Column();
  readonly slippage = new Float64Column();
  readonly liquidity = new Int32Column();
  readonly reason = new Int32Column();
  readonly positionAfter = new Float64Column();
  /** Opening sequence number of the round trip the fill belongs to. */
  readonly tradeSequence = new Int32Column();

  private capacity = 0;

  private grow(row: number): void {
    for (const column of [this.order, this.slot, this.time, this.index, this.step, this.side, this.quantity, this.price, this.reference, this.fee, this.slippage, this.liquidity, this.reason, this.positionAfter, this.tradeSequence] as (Float64Column | Int32Column)[]) column.ensure(row);
    this.capacity = this.order.data.length;
  }

  add(order: number, slot: number, time: number, index: number, step: number, side: number, quantity: number, price: number, reference: number, fee: number, slippage: number, liquidity: number, reason: number, positionAfter: number, tradeSequence: number): void {
    const row = this.count++;
    if (row >= this.capacity) this.grow(row);
    this.order.data[row] = order;
    this.slot.data[row] = slot;
    this.time.data[row] = time;
    this.index.data[row] = index;
    this.step.data[row] = step;
    this.side.data[row] = side;
    this.quantity.data[row] = quantity;
    this.price.data[row] = price;
    this.reference.data[row] = reference;
    this.fee.data[row] = fee;
    this.slippage.data[row] = slippage;
    this.liquidity.data[row] = liquidity;
    this.reason.data[row] = reason;
    this.positionAfter.data[row] = positionAfter;
    this.tradeSequence.data[row] = tradeSequence;
  }
}
