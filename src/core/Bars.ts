import { TickforgeError } from './errors.js';
import { Timeframe } from './Timeframe.js';

export const barColumnNames = ['time', 'open', 'high', 'low', 'close', 'volume'] as const;
export type BarColumnName = (typeof barColumnNames)[number];
export type BarColumns = Record<BarColumnName, Float64Array>;

/**
 * What a full validation (`validateBars`, at ingest) proved about an instance's rows: every row
 * passed DESIGN.md section 3's rules (times strictly increasing, finite prices, low <= open,
 * close <= high, finite volume >= 0), and no low lies below `lowestLow`.
 */
export interface BarsValidation {
  readonly lowestLow: number;
}

// Kept beside the instance rather than on it: a validation is a fact about the rows, not a column.
const validations = new WeakMap<Bars, BarsValidation>();

/**
 * Bars of one symbol and one timeframe, held as six parallel `Float64Array` columns
 * (time = bar open, ms since epoch, UTC). Kernels read the columns directly: there is no
 * per-bar object anywhere on a hot path.
 */
export class Bars implements BarColumns {
  readonly time: Float64Array;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;

  /** @throws TF_ERR_CORE_BARS_SHAPE when the columns differ in length. */
  constructor(
    readonly symbol: string,
    readonly timeframe: Timeframe,
    columns: BarColumns,
  ) {
    const length = columns.time.length;
    for (const name of barColumnNames) {
      if (columns[name].length !== length) {
        throw new TickforgeError(
          'TF_ERR_CORE_BARS_SHAPE',
          `Bars for ${symbol} ${timeframe.code}: column "${name}" has ${columns[name].length} values but "time" has ${length}; pass columns of equal length.`,
          { details: { symbol, column: name } },
        );
      }
    }
    this.time = columns.time;
    this.open = columns.open;
    this.high = columns.high;
    this.low = columns.low;
    this.close = columns.close;
    this.volume = columns.volume;
  }

  get length(): number {
    return this.time.length;
  }

  /**
   * The proof `validateBars` left on this instance, or undefined. Consumers that need valid rows
   * (the simulator) skip their own pass over all six columns when it is present. Validated bars
   * are immutable by contract: code that changes a column in place must validate the result again
   * (or build new Bars, which start unvalidated). Slices and copies keep the proof.
   */
  get validation(): BarsValidation | undefined {
    return validations.get(this);
  }

  /** Records that every row passed the validation rules: `validateBars` calls this, and code that rebuilds a validated instance's rows elsewhere (a worker thread); nothing else should. */
  static recordValidation(bars: Bars, validation: BarsValidation | undefined): void {
    // Undefined withdraws an earlier proof (the rows were validated again and failed, or kept bad rows).
    if (validation === undefined) validations.delete(bars);
    else validations.set(bars, validation);
  }

  private keepValidation(derived: Bars): Bars {
    const validation = validations.get(this);
    // A subset of valid rows, in order, is valid, and its lowest low is no lower.
    if (validation !== undefined) validations.set(derived, validation);
    return derived;
  }

  static empty(symbol: string, timeframe: Timeframe): Bars {
    return Bars.allocate(symbol, timeframe, 0);
  }

  /** Bars of `length` zeroed rows, for writers that fill columns in place. */
  static allocate(symbol: string, timeframe: Timeframe, length: number): Bars {
    // One backing buffer keeps the six columns adjacent in memory and costs one allocation.
    const buffer = new ArrayBuffer(length * 8 * barColumnNames.length);
    const column = (index: number) => new Float64Array(buffer, index * length * 8, length);
    return new Bars(symbol, timeframe, {
      time: column(0), open: column(1), high: column(2), low: column(3), close: column(4), volume: column(5),
    });
  }

  /** Rows [start, end) as views that share memory with this instance. */
  slice(start: number, end = this.length): Bars {
    return this.keepValidation(new Bars(this.symbol, this.timeframe, {
      time: this.time.subarray(start, end),
      open: this.open.subarray(start, end),
      high: this.high.subarray(start, end),
      low: this.low.subarray(start, end),
      close: this.close.subarray(start, end),
      volume: this.volume.subarray(start, end),
    }));
  }

  /** Rows whose time lies in [from, to], found by binary search (times must be sorted). */
  range(from = -Infinity, to = Infinity): Bars {
    return this.slice(lowerBound(this.time, from), lowerBound(this.time, to, true));
  }

  /** A compact copy: owns its memory, so views into a larger buffer can be released. */
  copy(): Bars {
    const copy = Bars.allocate(this.symbol, this.timeframe, this.length);
    for (const name of barColumnNames) copy[name].set(this[name]);
    return this.keepValidation(copy);
  }

  /** The rows at `indices` (in that order), copied. */
  pick(indices: ArrayLike<number>): Bars {
    const picked = Bars.allocate(this.symbol, this.timeframe, indices.length);
    for (const name of barColumnNames) {
      const source = this[name];
      const target = picked[name];
      for (let i = 0; i < indices.length; i++) target[i] = source[indices[i]];
    }
    return picked;
  }

  /** Concatenates bars of one symbol and timeframe, in the given order. */
  static concat(parts: readonly Bars[]): Bars {
    if (parts.length === 0) throw new TickforgeError('TF_ERR_CORE_ARGUMENT_INVALID', 'Bars.concat needs at least one part.');
    const { symbol, timeframe } = parts[0];
    let length = 0;
    for (const part of parts) length += part.length;
    const joined = Bars.allocate(symbol, timeframe, length);
    let offset = 0;
    for (const part of parts) {
      for (const name of barColumnNames) joined[name].set(part[name], offset);
      offset += part.length;
    }
    return joined;
  }

  columns(): BarColumns {
    return { time: this.time, open: this.open, high: this.high, low: this.low, close: this.close, volume: this.volume };
  }

  /** Bytes held by the columns (the figure the memory targets are about). */
  get byteLength(): number {
    return this.length * 8 * barColumnNames.length;
  }
}

/** First index whose time is >= value (or > value when `after`), in a sorted column. */
export function lowerBound(times: Float64Array, value: number, after = false): number {
  let low = 0;
  let high = times.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (after ? times[middle] <= value : times[middle] < value) low = middle + 1;
    else high = middle;
  }
  return low;
}
