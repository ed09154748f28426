/**
 * The running maximum (or minimum) of a sliding window of bars, with the bar index where it
 * was reached: a monotonic deque over preallocated typed arrays, O(1) amortized per bar and
 * allocation-free. Among equal values the most recent index wins (TA-Lib AROON's rule).
 * Streaming indicators keep their committed bars here; the forming bar is compared on top.
 */
export class MonotonicDeque {
  private readonly indices: Int32Array;
  private readonly values: Float64Array;
  private readonly mask: number;
  private head = 0;
  private size = 0;

  /** `capacity`: the most bars the window holds. */
  constructor(
    capacity: number,
    readonly keepMaximum: boolean,
  ) {
    let slots = 2;
    while (slots < capacity + 1) slots *= 2;
    this.indices = new Int32Array(slots);
    this.values = new Float64Array(slots);
    this.mask = slots - 1;
  }

  get isEmpty(): boolean {
    return this.size === 0;
  }

  /** Bar index of the window's extreme (the most recent one among equal values). */
  get frontIndex(): number {
    return this.indices[this.head];
  }

  get frontValue(): number {
    return this.values[this.head];
  }

  /** Appends bar `index` (indices increase), dropping older bars it dominates. */
  push(index: number, value: number): void {
    const mask = this.mask;
    let size = this.size;
    if (this.keepMaximum) {
      while (size > 0 && this.values[(this.head + size - 1) & mask] <= value) size--;
    } else {
      while (size > 0 && this.values[(this.head + size - 1) & mask] >= value) size--;
    }
    const slot = (this.head + size) & mask;
    this.indices[slot] = index;
    this.values[slot] = value;
    this.size = size + 1;
  }

  /** Drops bars with an index below `oldest`. */
  evictBefore(oldest: number): void {
    while (this.size > 0 && this.indices[this.head] < oldest) {
      this.head = (this.head + 1) & this.mask;
      this.size--;
    }
  }

  clear(): void {
    this.head = 0;
    this.size = 0;
  }
}
