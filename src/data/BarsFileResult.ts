import type { Bars } from '../core/Bars.js';

/** The bars of one symbol as read from one file, before any validation. */
export interface SourceTable {
  file: string;
  symbol: string;
  /** Rows in file order: not sorted, not de-duplicated, not validated. */
  bars: Bars;
  /** For each bar, its 1-based physical line in the file (Parquet: row index + 1), for error messages. */
  lineNumbers: Uint32Array;
}

export interface BarsFileResult {
  file: string;
  /** One table per symbol, in the order the symbols first appear. */
  tables: SourceTable[];
  /** Data rows read (the sum of the tables' lengths). */
  rows: number;
}
