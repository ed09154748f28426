/** How many columns of each kind a detector's output holds. */
export interface ColumnShape {
  /** Float64 columns, NaN where nothing. */
  floats: number;
  /** Int32 bar-index columns, -1 where nothing. */
  indexes: number;
  /** Int32 count columns, 0 where nothing. */
  counts: number;
  /** Int8 code columns, 0 where nothing. */
  codes: number;
  /**
   * Float64 columns whose every row the detector writes (the ATR, previous levels, the
   * dealing range): they start at 0 instead of NaN in an arena built with `prefillDense`
   * false. Absent means none.
   */
  denseFloats?: number;
}

export function addShapes(...shapes: ColumnShape[]): ColumnShape {
  const total: Required<ColumnShape> = { floats: 0, indexes: 0, counts: 0, codes: 0, denseFloats: 0 };
  for (const shape of shapes) {
    total.floats += shape.floats;
    total.indexes += shape.indexes;
    total.counts += shape.counts;
    total.codes += shape.codes;
    total.denseFloats += shape.denseFloats ?? 0;
  }
  return total;
}

export interface ColumnArenaOptions {
  /**
   * Fill the dense float columns with NaN like the others (default true). A caller that
   * writes every row of them (the batch kernels do) passes false and saves writing them twice:
   * nine of the twenty-five float columns of a structure analysis.
   */
  prefillDense?: boolean;
}

/**
 * Hands out the output columns of one analysis as views into one buffer per kind, filled in
 * one pass: a typed array costs about a microsecond to create and fill, so forty of them were
 * a fifth of the analysis of 1,000 bars. (One buffer for all four kinds measured slower than
 * four.) The columns are ordinary typed arrays; they share a buffer, so transfer a copy
 * (`column.slice()`) rather than `column.buffer`. The float buffer holds the NaN-filled
 * columns first, then the dense ones.
 */
export class ColumnArena {
  private readonly floatBlock: Float64Array;
  private readonly indexBlock: Int32Array;
  private readonly countBlock: Int32Array;
  private readonly codeBlock: Int8Array;
  private floatsUsed = 0;
  private denseUsed = 0;
  private readonly denseStart: number;
  private indexesUsed = 0;
  private countsUsed = 0;
  private codesUsed = 0;

  constructor(
    readonly length: number,
    shape: ColumnShape,
    options: ColumnArenaOptions = {},
  ) {
    const floats = shape.floats * length;
    const dense = (shape.denseFloats ?? 0) * length;
    const indexes = shape.indexes * length;
    const counts = shape.counts * length;
    const codes = shape.codes * length;
    this.floatBlock = new Float64Array(floats + dense);
    this.indexBlock = new Int32Array(indexes);
    this.countBlock = new Int32Array(counts);
    this.codeBlock = new Int8Array(codes);
    this.denseStart = floats;
    repeatFill(options.prefillDense === false ? this.floatBlock.subarray(0, floats) : this.floatBlock, NaN);
    repeatFill(this.indexBlock, -1);
  }

  float(): Float64Array {
    return this.floatBlock.subarray(this.floatsUsed * this.length, ++this.floatsUsed * this.length);
  }

  /** A column its detector writes in full (see `ColumnShape.denseFloats`). */
  denseFloat(): Float64Array {
    const start = this.denseStart + this.denseUsed * this.length;
    this.denseUsed++;
    return this.floatBlock.subarray(start, start + this.length);
  }

  index(): Int32Array {
    return this.indexBlock.subarray(this.indexesUsed * this.length, ++this.indexesUsed * this.length);
  }

  count(): Int32Array {
    return this.countBlock.subarray(this.countsUsed * this.length, ++this.countsUsed * this.length);
  }

  code(): Int8Array {
    return this.codeBlock.subarray(this.codesUsed * this.length, ++this.codesUsed * this.length);
  }
}

/**
 * Fills `array` with `value` by filling a small head and doubling it with `copyWithin` (a
 * memmove): `fill` with a value that is not a repeated byte, such as NaN, writes one element
 * at a time, and this is on the path of every analysis.
 */
function repeatFill<T extends Float64Array | Int32Array>(array: T, value: number): T {
  const head = Math.min(64, array.length);
  array.fill(value, 0, head);
  for (let filled = head; filled < array.length; filled *= 2) array.copyWithin(filled, 0, Math.min(filled, array.length - filled));
  return array;
}
