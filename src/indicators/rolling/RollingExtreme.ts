/**
 * The streaming rolling maximum or minimum over the last `period` values, with TA-Lib's
 * MAXINDEX/MININDEX tie rule for the index, in O(1) amortised time and no allocation: a
 * monotonic deque (candidates whose value no later value beats) over preallocated ring
 * storage. It follows the forming-bar model of `StreamingIndicator`: `extreme(x)` and
 * `index(x, position)` read committed state plus the forming value without changing it, and
 * `commit(x, position)` folds the forming value in.
 *
 * Index semantics (TA-Lib ta_MAXINDEX.c): TA-Lib keeps the index of the current extreme; a
 * new value equal to it takes over (the latest of equal values wins), but when the extreme
 * leaves the window it rescans the window and takes the EARLIEST of equal values. The deque
 * keeps equal values (it only drops strictly beaten ones), so its front is that earliest
 * extreme, and the rescan costs O(1).
 */
export class RollingExtreme {
  private readonly indexes: Int32Array;
  private readonly values: Float64Array;
  private readonly positions: Float64Array;
  private readonly capacity: number;
  private head = 0;
  private size = 0;
  /** Valid values committed so far: the window index of the forming value. */
  private committed = 0;
  // TA-Lib's tracked extreme (window index, value, caller's position); -1 before the first output.
  private extremeIndex = -1;
  private extremeValue = 0;
  private extremePosition = 0;
  private formingIndex = -1;
  private formingValue = 0;
  private formingPosition = 0;

  constructor(
    readonly period: number,
    readonly isMaximum: boolean,
  ) {
    this.capacity = period;
    this.indexes = new Int32Array(period);
    this.values = new Float64Array(period);
    this.positions = new Float64Array(period);
  }

  /** The extreme of the committed window (the last period-1 values) and `x`. */
  extreme(x: number): number {
    if (this.size === 0) return x;
    const front = this.values[this.head];
    return this.isMaximum ? (front > x ? front : x) : front < x ? front : x;
  }

  /**
   * The position (as given to `commit`) of the extreme of the window ending with `x`, by
   * TA-Lib's tie rule; NaN while fewer than `period` values were seen.
   */
  index(x: number, position: number): number {
    const t = this.committed;
    if (t < this.period - 1) {
      this.formingIndex = -1;
      return NaN;
    }
    const trailing = t - this.period + 1;
    if (this.extremeIndex < trailing) {
      // Rescan: the earliest extreme of the window, i.e. the deque front unless x beats it.
      const front = this.values[this.head];
      const frontWins = this.size > 0 && (this.isMaximum ? front >= x : front <= x);
      if (frontWins) this.setForming(this.indexes[this.head], front, this.positions[this.head]);
      else this.setForming(t, x, position);
    } else if (this.isMaximum ? x >= this.extremeValue : x <= this.extremeValue) {
      this.setForming(t, x, position);
    } else {
      this.setForming(this.extremeIndex, this.extremeValue, this.extremePosition);
    }
    return this.formingPosition;
  }

  private setForming(index: number, value: number, position: number): void {
    this.formingIndex = index;
    this.formingValue = value;
    this.formingPosition = position;
  }

  /** Folds `x` (the forming value, at caller's `position`) into the committed window. */
  commit(x: number, position: number): void {
    const t = this.committed++;
    if (this.formingIndex >= 0) {
      this.extremeIndex = this.formingIndex;
      this.extremeValue = this.formingValue;
      this.extremePosition = this.formingPosition;
      this.formingIndex = -1;
    }
    const capacity = this.capacity;
    let size = this.size;
    // Drop candidates that x strictly beats (equal ones stay: the front must be the earliest).
    while (size > 0) {
      let back = this.head + size - 1;
      if (back >= capacity) back -= capacity;
      if (this.isMaximum ? this.values[back] >= x : this.values[back] <= x) break;
      size--;
    }
    let slot = this.head + size;
    if (slot >= capacity) slot -= capacity;
    this.indexes[slot] = t;
    this.values[slot] = x;
    this.positions[slot] = position;
    size++;
    // The next window starts at t + 2 - period.
    const oldest = t + 2 - this.period;
    while (size > 0 && this.indexes[this.head] < oldest) {
      this.head = this.head + 1 === capacity ? 0 : this.head + 1;
      size--;
    }
    this.size = size;
  }

  clear(): void {
    this.head = 0;
    this.size = 0;
    this.committed = 0;
    this.extremeIndex = -1;
    this.formingIndex = -1;
  }
}
