import { simulate } from '../src/backtest/simulator/simulate.js';
import type { SimulationOptions } from '../src/backtest/simulator/BacktestOptions.js';
import { Bars } from '../src/core/Bars.js';
import { Timeframe } from '../src/core/Timeframe.js';

/**
 * The backtest suite's "1,000,000 bars x 8 columns" data, shared by the main thread and the
 * worker threads: every column's six bar columns and its two signal columns live in two
 * SharedArrayBuffers, so a worker reads the same memory the main thread built (no copy, no
 * transfer cost in any timed round).
 */
export interface SharedColumns {
  symbols: string[];
  timeframe: string;
  length: number;
  /** Per column: time, open, high, low, close, volume, each `length` doubles, column after column. */
  bars: SharedArrayBuffer;
  /** Per column: long entries, then long exits, each `length` bytes. */
  signals: SharedArrayBuffer;
  /** Per column, the lowest low of its validation (`Bars.validation`), or null when it was not validated. */
  validations: Array<number | null>;
}

export interface ColumnInputs {
  bars: Bars;
  longEntries: Uint8Array;
  longExits: Uint8Array;
}

/** What one independent backtest of a column reports back (read after the timed rounds: reading trades builds them). */
export interface ColumnSummary {
  symbol: string;
  trades: number;
  fills: number;
  equity: number;
}

/** The costs of every case of the suite: 0.1% fees and 5 bps slippage on every fill, next-open fills, all equity per entry. */
export const columnOptions: SimulationOptions = { fees: { rate: 0.001 }, slippage: { bps: 5 } };

/**
 * Views over the shared buffers (no copy). With `validated`, each column's Bars carry the
 * validation made when the columns were built (as `unpackBars` carries it to a worker), so
 * `simulate` does not check the rows again; without it every run checks its six columns.
 */
export function columnInputs(shared: SharedColumns, validated: boolean): ColumnInputs[] {
  const { length } = shared;
  const timeframe = Timeframe.parse(shared.timeframe);
  return shared.symbols.map((symbol, k) => {
    const column = (j: number) => new Float64Array(shared.bars, (k * 6 + j) * length * 8, length);
    const bars = new Bars(symbol, timeframe, { time: column(0), open: column(1), high: column(2), low: column(3), close: column(4), volume: column(5) });
    const lowestLow = shared.validations[k];
    if (validated && lowestLow !== null) Bars.recordValidation(bars, { lowestLow });
    return { bars, longEntries: new Uint8Array(shared.signals, 2 * k * length, length), longExits: new Uint8Array(shared.signals, (2 * k + 1) * length, length) };
  });
}

/** Copies the columns and their signals into shared buffers. */
export function shareColumns(columns: readonly ColumnInputs[]): SharedColumns {
  const length = columns[0].bars.length;
  const bars = new SharedArrayBuffer(columns.length * 6 * length * 8);
  const signals = new SharedArrayBuffer(columns.length * 2 * length);
  columns.forEach((input, k) => {
    const { time, open, high, low, close, volume } = input.bars;
    [time, open, high, low, close, volume].forEach((values, j) => new Float64Array(bars, (k * 6 + j) * length * 8, length).set(values));
    new Uint8Array(signals, 2 * k * length, length).set(input.longEntries);
    new Uint8Array(signals, (2 * k + 1) * length, length).set(input.longExits);
  });
  return {
    symbols: columns.map((input) => input.bars.symbol),
    timeframe: columns[0].bars.timeframe.code,
    length,
    bars,
    signals,
    validations: columns.map((input) => input.bars.validation?.lowestLow ?? null),
  };
}

/**
 * Backtests each column on its own (vectorbt's columns without cash sharing): one `simulate`
 * per column, one symbol each. Returns the results, untouched: trades, fills and curves are
 * built on first read, which a caller times (or not) on purpose.
 */
export function backtestColumns(columns: readonly ColumnInputs[]): ReturnType<typeof simulate>[] {
  return columns.map((input) => simulate({ symbols: [input] }, columnOptions));
}

export function summarize(results: readonly ReturnType<typeof simulate>[]): ColumnSummary[] {
  return results.map((result) => ({ symbol: result.symbols[0], trades: result.trades.length, fills: result.fills.length, equity: result.equity }));
}
