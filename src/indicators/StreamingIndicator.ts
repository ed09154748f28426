/**
 * The streaming half of the indicator contract (DESIGN.md section 4), shared by every
 * indicator so that the forming-bar and missing-value rules are the same everywhere.
 *
 * The model: an indicator holds committed state (all closed bars) plus at most one forming
 * bar. `update(x)` closes the forming bar (commits it) and opens a new one with `x`;
 * `replace(x)` revises the forming bar. Subclasses therefore compute the output from the
 * committed state and the forming value without mutating committed state, and fold the
 * forming bar in only when `commit()` is called. That makes `replace()` O(1), exact and
 * allocation-free, with no snapshots or clones.
 *
 * Missing values: a non-finite input (a missing bar's field) yields NaN for that bar and is
 * not folded into the state: the indicator continues as if that bar were absent. The batch
 * kernels apply the same rule (see `nanPolicy.ts`), and the contract test proves they agree.
 */
export abstract class StreamingIndicator {
  /** The output for the latest bar (the forming one), NaN during warm-up or for a missing bar. */
  value = NaN;
  /** Valid bars seen, the forming one included. */
  protected count = 0;
  #forming = false;

  /** Bars needed before the first valid output: output i is valid when i >= lookback. */
  abstract readonly lookback: number;

  /** True once the latest output is a full-window value. */
  get isReady(): boolean {
    return this.#forming && this.count > this.lookback;
  }

  /** The latest output, or an error when it is not available yet. */
  valueOrThrow(): number {
    if (!this.isReady) throw new RangeError(`${this.constructor.name} needs ${this.lookback + 1} valid bars before it has a value; it has ${this.count}.`);
    return this.value;
  }

  /** Clears all state, as if newly constructed with the same parameters. */
  reset(): void {
    this.value = NaN;
    this.count = 0;
    this.#forming = false;
    this.clear();
  }

  /**
   * Starts a new bar (`isNew`) or revises the forming one. Returns whether the subclass must
   * compute an output from `valid` input; on false the output is already set to NaN.
   */
  protected begin(isNew: boolean, valid: boolean): boolean {
    if (isNew) {
      if (this.#forming) this.commit();
      this.#forming = valid;
      if (valid) this.count++;
    } else if (this.#forming !== valid) {
      // Revising a missing bar into a real one (or back) changes how many bars were seen.
      this.count += valid ? 1 : -1;
      this.#forming = valid;
    }
    if (!valid) this.value = NaN;
    return valid;
  }

  /** Folds the forming bar into the committed state. */
  protected abstract commit(): void;
  /** Clears subclass state. */
  protected abstract clear(): void;
}
