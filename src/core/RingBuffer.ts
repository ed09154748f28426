import { TickforgeError } from './errors.js';

/**
 * A fixed-capacity FIFO of numbers over one `Float64Array`: O(1) push, no allocation after
 * construction. Streaming indicators keep their windows in it instead of `Array.shift()`.
 */
export class RingBuffer {
  private readonly values: Float64Array;
  private head = 0; // index of the oldest value
  private count = 0;

  /** @throws TF_ERR_CORE_ARGUMENT_INVALID when capacity is not a positive integer. */
  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new TickforgeError('TF_ERR_CORE_ARGUMENT_INVALID', `RingBuffer capacity must be a positive integer, got ${capacity}.`);
    }
    this.values = new Float64Array(capacity);
  }

  get length(): number {
    return this.count;
  }

  get isFull(): boolean {
    return this.count === this.capacity;
  }

  /** Appends `value`; when full, drops and returns the oldest value, else returns NaN. */
  push(value: number): number {
    if (this.count < this.capacity) {
      this.values[(this.head + this.count) % this.capacity] = value;
      this.count++;
      return NaN;
    }
    const evicted = this.values[this.head];
    this.values[this.head] = value;
    this.head = this.head + 1 === this.capacity ? 0 : this.head + 1;
    return evicted;
  }

  /** Overwrites the newest value (the forming bar) and returns the value it replaced. */
  replaceLast(value: number): number {
    if (this.count === 0) return this.push(value);
    const index = (this.head + this.count - 1) % this.capacity;
    const previous = this.values[index];
    this.values[index] = value;
    return previous;
  }

  /** The value `age` steps back from the newest (0 = newest). */
  fromNewest(age: number): number {
    if (age < 0 || age >= this.count) return NaN;
    return this.values[(this.head + this.count - 1 - age) % this.capacity];
  }

  /** The i-th oldest value (0 = oldest). */
  at(index: number): number {
    if (index < 0 || index >= this.count) return NaN;
    return this.values[(this.head + index) % this.capacity];
  }

  clear(): void {
    this.head = 0;
    this.count = 0;
  }

  toArray(): Float64Array {
    const out = new Float64Array(this.count);
    for (let i = 0; i < this.count; i++) out[i] = this.values[(this.head + i) % this.capacity];
    return out;
  }
}
