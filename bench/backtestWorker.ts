import { backtestColumns, columnInputs, summarize, type ColumnSummary, type SharedColumns } from './backtestColumns.js';

/**
 * Worker thread of the backtest suite (a piscina task): backtests the columns it is asked for
 * over the shared buffers (a SharedArrayBuffer crosses threads as a handle, not a copy). With
 * `summary` it also reads each result's trades and fills and sends them back, to check that
 * the threads compute what the main thread computes; the timed rounds send nothing back.
 * `validated` says whether the Bars carry the validation made at ingest (no check in `simulate`).
 */
export interface ColumnsTask {
  shared: SharedColumns;
  columns: number[];
  summary: boolean;
  /** Whether the columns' Bars carry their validation (see `columnInputs`). */
  validated: boolean;
}

export default function runColumns(task: ColumnsTask): ColumnSummary[] {
  const inputs = columnInputs(task.shared, task.validated);
  const results = backtestColumns(task.columns.map((k) => inputs[k]));
  return task.summary ? summarize(results) : [];
}
