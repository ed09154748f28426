import { Bars } from '../core/Bars.js';
import { BarsBuilder } from '../core/BarsBuilder.js';
import { TickforgeError } from '../core/errors.js';
import { mostCommonTimeStep } from '../core/inferTimeframe.js';
import { Timeframe } from '../core/Timeframe.js';
import type { SourceTable } from './BarsFileResult.js';

/**
 * Columns are collected before the timeframe is known (it may be inferred from them), so
 * finished segments carry this placeholder and are re-wrapped, without copying, at the end.
 */
const PLACEHOLDER_TIMEFRAME = Timeframe.of('1d');

/** Rows of one symbol: finished exact-size segments plus the builder still growing. */
export class SymbolTable {
  private builder: BarsBuilder | undefined;
  private lines = new Uint32Array(256);
  private readonly segments: Array<{ bars: Bars; lines: Uint32Array }> = [];
  /** Once the symbol comes back after being compacted, the file interleaves symbols. */
  interleaved = false;
  rows = 0;

  constructor(readonly symbol: string) {}

  push(time: number, open: number, high: number, low: number, close: number, volume: number, line: number): void {
    let builder = this.builder;
    if (builder === undefined) {
      if (this.segments.length > 0) this.interleaved = true;
      builder = this.builder = new BarsBuilder(this.symbol, 256);
    }
    const index = builder.length;
    if (index === this.lines.length) {
      const grown = new Uint32Array(this.lines.length * 2);
      grown.set(this.lines);
      this.lines = grown;
    }
    this.lines[index] = line;
    builder.push(time, open, high, low, close, volume);
    this.rows++;
  }

  /** Moves the growing rows into an exact-size segment, releasing the doubled capacity. */
  compact(): void {
    const builder = this.builder;
    if (builder === undefined || builder.length === 0) return;
    this.segments.push({ bars: builder.build(PLACEHOLDER_TIMEFRAME), lines: this.lines.slice(0, builder.length) });
    this.builder = undefined;
    this.lines = new Uint32Array(256);
  }

  /** The times so far, for timeframe inference (call after `compact`). */
  times(): Float64Array {
    return this.segments.length === 1 ? this.segments[0].bars.time : Bars.concat(this.segments.map((s) => s.bars)).time;
  }

  finish(file: string, timeframe: Timeframe): SourceTable {
    this.compact();
    if (this.segments.length === 1) {
      const [segment] = this.segments;
      return { file, symbol: this.symbol, bars: new Bars(this.symbol, timeframe, segment.bars.columns()), lineNumbers: segment.lines };
    }
    const joined = Bars.concat(this.segments.map((s) => s.bars));
    const lineNumbers = new Uint32Array(joined.length);
    let offset = 0;
    for (const segment of this.segments) {
      lineNumbers.set(segment.lines, offset);
      offset += segment.lines.length;
    }
    return { file, symbol: this.symbol, bars: new Bars(this.symbol, timeframe, joined.columns()), lineNumbers };
  }
}

/**
 * The per-symbol tables of one file, in first-seen order. When a file moves on from one
 * symbol to the next (files sorted by symbol), the finished symbol is compacted to exact
 * size at once, so peak memory stays near the size of the numbers instead of the doubled
 * capacity of every symbol's builder; files that interleave symbols are detected and keep
 * their builders.
 */
export class SymbolTables {
  private readonly bySymbol = new Map<string, SymbolTable>();
  private readonly order: SymbolTable[] = [];
  private current: SymbolTable | undefined;

  get size(): number {
    return this.order.length;
  }

  /** The table for `symbol`, made current. */
  table(symbol: string): SymbolTable {
    let table = this.bySymbol.get(symbol);
    if (table === undefined) {
      table = new SymbolTable(symbol);
      this.bySymbol.set(symbol, table);
      this.order.push(table);
    }
    if (table !== this.current) {
      const previous = this.current;
      if (previous !== undefined && !previous.interleaved) previous.compact();
      this.current = table;
    }
    return table;
  }

  /**
   * Exact-size tables with the given timeframe, or one inferred from the most common step
   * between consecutive times of each symbol.
   * @throws TF_ERR_DATA_TIMEFRAME_UNKNOWN when none is given and none can be inferred.
   */
  finish(file: string, timeframe: Timeframe | string | undefined): SourceTable[] {
    let resolved = timeframe === undefined ? undefined : Timeframe.parse(timeframe);
    if (resolved === undefined) {
      for (const table of this.order) table.compact();
      const times = this.order.map((table) => table.times());
      const step = mostCommonTimeStep(times);
      resolved = step === undefined ? undefined : Timeframe.fromMilliseconds(step);
      if (resolved === undefined) {
        const reason = step === undefined
          ? 'no symbol has two rows with increasing times'
          : `the most common step between consecutive bars is ${describeStep(step)}, which is not a supported timeframe`;
        throw new TickforgeError(
          'TF_ERR_DATA_TIMEFRAME_UNKNOWN',
          `${file}: cannot infer the timeframe: ${reason}. Pass it with --timeframe (e.g. --timeframe 1d).`,
          { details: { file, step } },
        );
      }
    }
    const tables = this.order.map((table) => table.finish(file, resolved));
    this.bySymbol.clear();
    this.order.length = 0;
    this.current = undefined;
    return tables;
  }
}

function describeStep(milliseconds: number): string {
  const units: Array<[number, string]> = [[86_400_000, 'd'], [3_600_000, 'h'], [60_000, 'm'], [1000, 's'], [1, 'ms']];
  let rest = milliseconds;
  const parts: string[] = [];
  for (const [size, unit] of units) {
    const count = Math.floor(rest / size);
    if (count > 0) parts.push(`${count}${unit}`);
    rest -= count * size;
  }
  return parts.join(' ') || `${milliseconds}ms`;
}
