/**
 * Order statistics of a sliding window in O(log n) per step and no allocation: two indexed
 * binary heaps over a ring of slots (a max-heap of the `rank` smallest values and a min-heap
 * of the rest), where each slot knows its heap position, so the value leaving the window is
 * deleted exactly (no lazy deletion, no hash maps).
 *
 * It holds the committed values of a streaming window (`period - 1` of them) and answers for
 * the window completed by a forming value `x` without changing state: if s_0 <= s_1 <= ...
 * are the committed values, order statistic `rank` of them plus x is clamp(x, s_{rank-1},
 * s_rank), and order `rank + 1` is clamp(x, s_rank, s_{rank+1}). The three neighbours are
 * the two heap tops and the larger child of the upper heap's root.
 */
export class OrderStatisticsWindow {
  private readonly values: Float64Array;
  /** Heap position of each slot: p >= 0 in the lower heap, -(p + 1) in the upper heap. */
  private readonly where: Int32Array;
  private readonly lower: Int32Array;
  private readonly upper: Int32Array;
  private lowerSize = 0;
  private upperSize = 0;
  private readonly capacity: number;
  private head = 0;
  private size = 0;

  /** `capacity` committed values; order statistic `rank` (0-based) of the completed window. */
  constructor(
    capacity: number,
    readonly rank: number,
  ) {
    // A window of one value (period 1) keeps no committed values: capacity 0.
    this.capacity = capacity;
    const slots = Math.max(1, capacity);
    this.values = new Float64Array(slots);
    this.where = new Int32Array(slots);
    this.lower = new Int32Array(slots);
    this.upper = new Int32Array(slots);
  }

  get length(): number {
    return this.size;
  }

  /** Order statistic `rank` of the committed values and x (0 = smallest). */
  orderWith(x: number): number {
    const below = this.lowerSize > 0 ? this.values[this.lower[0]] : -Infinity;
    const at = this.upperSize > 0 ? this.values[this.upper[0]] : Infinity;
    return x < below ? below : x > at ? at : x;
  }

  /** Order statistic `rank + 1` of the committed values and x. */
  nextOrderWith(x: number): number {
    const upper = this.upper;
    const values = this.values;
    const at = this.upperSize > 0 ? values[upper[0]] : Infinity;
    let above = Infinity;
    if (this.upperSize > 1) above = values[upper[1]];
    if (this.upperSize > 2 && values[upper[2]] < above) above = values[upper[2]];
    return x < at ? at : x > above ? above : x;
  }

  /** Appends x, dropping the oldest value when full. */
  push(x: number): void {
    if (this.capacity === 0) return;
    let slot: number;
    if (this.size === this.capacity) {
      slot = this.head;
      this.head = this.head + 1 === this.capacity ? 0 : this.head + 1;
      this.remove(slot);
    } else {
      slot = this.head + this.size;
      if (slot >= this.capacity) slot -= this.capacity;
      this.size++;
    }
    this.values[slot] = x;
    if (this.lowerSize > 0 && x < this.values[this.lower[0]]) this.insertLower(slot);
    else this.insertUpper(slot);
    this.rebalance();
  }

  clear(): void {
    this.head = 0;
    this.size = 0;
    this.lowerSize = 0;
    this.upperSize = 0;
  }

  private rebalance(): void {
    while (this.lowerSize > this.rank) this.insertUpper(this.popLower());
    while (this.lowerSize < this.rank && this.upperSize > 0) this.insertLower(this.popUpper());
  }

  private remove(slot: number): void {
    const position = this.where[slot];
    if (position >= 0) {
      const last = this.lower[--this.lowerSize];
      if (position < this.lowerSize) {
        this.lower[position] = last;
        this.where[last] = position;
        this.siftUpLower(position);
        this.siftDownLower(this.where[last]);
      }
    } else {
      const index = -position - 1;
      const last = this.upper[--this.upperSize];
      if (index < this.upperSize) {
        this.upper[index] = last;
        this.where[last] = -index - 1;
        this.siftUpUpper(index);
        this.siftDownUpper(-this.where[last] - 1);
      }
    }
  }

  private insertLower(slot: number): void {
    const position = this.lowerSize++;
    this.lower[position] = slot;
    this.where[slot] = position;
    this.siftUpLower(position);
  }

  private insertUpper(slot: number): void {
    const index = this.upperSize++;
    this.upper[index] = slot;
    this.where[slot] = -index - 1;
    this.siftUpUpper(index);
  }

  private popLower(): number {
    const top = this.lower[0];
    const last = this.lower[--this.lowerSize];
    if (this.lowerSize > 0) {
      this.lower[0] = last;
      this.where[last] = 0;
      this.siftDownLower(0);
    }
    return top;
  }

  private popUpper(): number {
    const top = this.upper[0];
    const last = this.upper[--this.upperSize];
    if (this.upperSize > 0) {
      this.upper[0] = last;
      this.where[last] = -1;
      this.siftDownUpper(0);
    }
    return top;
  }

  private siftUpLower(position: number): void {
    const heap = this.lower;
    const values = this.values;
    const slot = heap[position];
    const value = values[slot];
    while (position > 0) {
      const parent = (position - 1) >> 1;
      if (values[heap[parent]] >= value) break;
      heap[position] = heap[parent];
      this.where[heap[position]] = position;
      position = parent;
    }
    heap[position] = slot;
    this.where[slot] = position;
  }

  private siftDownLower(position: number): void {
    const heap = this.lower;
    const values = this.values;
    const size = this.lowerSize;
    const slot = heap[position];
    const value = values[slot];
    for (;;) {
      let child = 2 * position + 1;
      if (child >= size) break;
      if (child + 1 < size && values[heap[child + 1]] > values[heap[child]]) child++;
      if (values[heap[child]] <= value) break;
      heap[position] = heap[child];
      this.where[heap[position]] = position;
      position = child;
    }
    heap[position] = slot;
    this.where[slot] = position;
  }

  private siftUpUpper(index: number): void {
    const heap = this.upper;
    const values = this.values;
    const slot = heap[index];
    const value = values[slot];
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (values[heap[parent]] <= value) break;
      heap[index] = heap[parent];
      this.where[heap[index]] = -index - 1;
      index = parent;
    }
    heap[index] = slot;
    this.where[slot] = -index - 1;
  }

  private siftDownUpper(index: number): void {
    const heap = this.upper;
    const values = this.values;
    const size = this.upperSize;
    const slot = heap[index];
    const value = values[slot];
    for (;;) {
      let child = 2 * index + 1;
      if (child >= size) break;
      if (child + 1 < size && values[heap[child + 1]] < values[heap[child]]) child++;
      if (values[heap[child]] >= value) break;
      heap[index] = heap[child];
      this.where[heap[index]] = -index - 1;
      index = child;
    }
    heap[index] = slot;
    this.where[slot] = -index - 1;
  }
}
