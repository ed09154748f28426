import { TickforgeError } from '../../core/errors.js';
import { keepShapes } from './keepShapes.js';

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
 *
 * `restart` empties the arena for another analysis of at most `capacity` rows without
 * allocating: fresh memory costs more than the fill (it is zeroed once more, misses every cache
 * level and is garbage the collector must find), so a caller analysing one series after another
 * keeps one arena (see `StructureArena`).
 */
export class ColumnArena {
  /** The most rows a column can have: the length the arena was built with. */
  readonly capacity: number;
  private readonly floatBlock: Float64Array;
  private readonly indexBlock: Int32Array;
  private readonly countBlock: Int32Array;
  private readonly codeBlock: Int8Array;
  private currentLength: number;
  private floatsUsed = 0;
  private denseUsed = 0;
  private denseStart = 0;
  private indexesUsed = 0;
  private countsUsed = 0;
  private codesUsed = 0;

  constructor(
    length: number,
    private readonly shape: ColumnShape,
    options: ColumnArenaOptions = {},
  ) {
    this.capacity = length;
    this.currentLength = length;
    this.floatBlock = new Float64Array((shape.floats + (shape.denseFloats ?? 0)) * length);
    this.indexBlock = new Int32Array(shape.indexes * length);
    this.countBlock = new Int32Array(shape.counts * length);
    this.codeBlock = new Int8Array(shape.codes * length);
    this.fill(length, options, false);
  }

  /** Rows of the columns handed out since the last restart. */
  get length(): number {
    return this.currentLength;
  }

  /**
   * Takes the arena back for columns of `length` rows (at most `capacity`), filled as a new
   * arena's: every column handed out before is overwritten by the next analysis. The columns
   * come out in the same places in the same order, so a caller restarting with the length it
   * had before may keep the views it holds instead of asking again.
   */
  restart(length: number, options: ColumnArenaOptions = {}): void {
    if (!(Number.isInteger(length) && length >= 0 && length <= this.capacity)) {
      throw new TickforgeError('TF_ERR_CORE_ARGUMENT_INVALID', `ColumnArena.restart: length must be a whole number from 0 to the arena's capacity ${this.capacity}, got ${length}; build a larger arena for longer series.`, {
        details: { length, capacity: this.capacity },
      });
    }
    this.currentLength = length;
    this.floatsUsed = this.denseUsed = this.indexesUsed = this.countsUsed = this.codesUsed = 0;
    this.fill(length, options, true);
  }

  private fill(length: number, options: ColumnArenaOptions, used: boolean): void {
    const shape = this.shape;
    const floats = shape.floats * length;
    this.denseStart = floats;
    const prefilled = options.prefillDense === false ? floats : floats + (shape.denseFloats ?? 0) * length;
    repeatFill(this.floatBlock.subarray(0, prefilled), NaN);
    repeatFill(this.indexBlock.subarray(0, shape.indexes * length), -1);
    // A new buffer is already zeroed.
    if (used) {
      this.countBlock.fill(0, 0, shape.counts * length);
      this.codeBlock.fill(0, 0, shape.codes * length);
    }
  }

  float(): Float64Array {
    const length = this.currentLength;
    return this.floatBlock.subarray(this.floatsUsed * length, ++this.floatsUsed * length);
  }

  /** A column its detector writes in full (see `ColumnShape.denseFloats`). */
  denseFloat(): Float64Array {
    const start = this.denseStart + this.denseUsed * this.currentLength;
    this.denseUsed++;
    return this.floatBlock.subarray(start, start + this.currentLength);
  }

  index(): Int32Array {
    const length = this.currentLength;
    return this.indexBlock.subarray(this.indexesUsed * length, ++this.indexesUsed * length);
  }

  count(): Int32Array {
    const length = this.currentLength;
    return this.countBlock.subarray(this.countsUsed * length, ++this.countsUsed * length);
  }

  code(): Int8Array {
    const length = this.currentLength;
    return this.codeBlock.subarray(this.codesUsed * length, ++this.codesUsed * length);
  }
}

keepShapes(new ColumnArena(0, { floats: 0, indexes: 0, counts: 0, codes: 0 }));

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
