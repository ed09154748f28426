/**
 * Append-only typed columns for the simulator's ledgers: rows are written in place and the
 * buffer doubles when full, so recording a fill or an order costs no object and, amortized,
 * no allocation. `data` may be replaced by a larger array on growth: read it after writing.
 */
export class Float64Column {
  data: Float64Array;

  // 32 rows to start: a run builds about a hundred columns, and at 256 rows their zeroed memory
  // was most of a short backtest's cost (a sweep point reading its curve); a long run doubles a few more times.

  constructor(capacity = 32) {
    this.data = new Float64Array(Math.max(4, capacity));
  }

  /** Makes room for index `row` (growing by doubling). */
  ensure(row: number): void {
    if (row < this.data.length) return;
    let length = this.data.length * 2;
    while (length <= row) length *= 2;
    const grown = new Float64Array(length);
    grown.set(this.data);
    this.data = grown;
  }

  set(row: number, value: number): void {
    if (row >= this.data.length) this.ensure(row);
    this.data[row] = value;
  }
}

export class Int32Column {
  data: Int32Array;

  constructor(capacity = 32) {
    this.data = new Int32Array(Math.max(4, capacity));
  }

  ensure(row: number): void {
    if (row < this.data.length) return;
    let length = this.data.length * 2;
    while (length <= row) length *= 2;
    const grown = new Int32Array(length);
    grown.set(this.data);
    this.data = grown;
  }

  set(row: number, value: number): void {
    if (row >= this.data.length) this.ensure(row);
    this.data[row] = value;
  }
}

/** Strings interned to small integers, so that columns hold indexes instead of text. */
export class NameTable {
  readonly names: string[] = [];
  private readonly indexes = new Map<string, number>();

  /** The index of `name`, adding it when new. */
  intern(name: string): number {
    let index = this.indexes.get(name);
    if (index === undefined) {
      index = this.names.length;
      this.names.push(name);
      this.indexes.set(name, index);
    }
    return index;
  }

  /** The name at `index`, or undefined for -1. */
  name(index: number): string | undefined {
    return index < 0 ? undefined : this.names[index];
  }
}
