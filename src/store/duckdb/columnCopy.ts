import bindings from '@duckdb/node-bindings';
import { DOUBLE, DuckDBDataChunk, INTEGER, type DuckDBAppender } from '@duckdb/node-api';
import type { Bars } from '../../core/index.js';

/**
 * Bulk copies between `Float64Array` columns and DuckDB vectors. The node-api value classes
 * move one value per call (tens of ns each); the bindings underneath copy a whole vector with
 * one memcpy, which is what makes ingest and reads run at memory speed. Only fixed-width
 * numeric vectors pass through here, so the byte layouts are plain little-endian arrays.
 */

/** Column types of the staging table: series index, then time (ms, as DOUBLE) and the five values. */
export const stagingColumnTypes = [INTEGER, DOUBLE, DOUBLE, DOUBLE, DOUBLE, DOUBLE, DOUBLE];

/**
 * Appends every bar of `group` as data chunks of `vector_size()` rows. Column 0 carries the index
 * of the `Bars` in `group`, so one staging table holds many series without repeating symbol
 * strings per row. Times travel as DOUBLE milliseconds (exact up to 2^53); SQL converts them.
 */
export function appendBarsChunks(appender: DuckDBAppender, group: readonly Bars[]): void {
  const capacity = bindings.vector_size();
  const chunk = DuckDBDataChunk.create(stagingColumnTypes);
  const seriesColumn = new Int32Array(capacity);
  for (let series = 0; series < group.length; series++) {
    const bars = group[series];
    const columns = [bars.time, bars.open, bars.high, bars.low, bars.close, bars.volume];
    seriesColumn.fill(series);
    for (let start = 0; start < bars.length; start += capacity) {
      const count = Math.min(capacity, bars.length - start);
      // Reset restores all-valid masks: nothing staged is NULL (missing prices are NaN).
      bindings.data_chunk_reset(chunk.chunk);
      bindings.data_chunk_set_size(chunk.chunk, count);
      bindings.copy_data_to_vector(bindings.data_chunk_get_vector(chunk.chunk, 0), 0, seriesColumn.buffer, 0, count * 4);
      for (let column = 0; column < 6; column++) {
        const source = columns[column];
        if (source.buffer instanceof ArrayBuffer) {
          bindings.copy_data_to_vector(bindings.data_chunk_get_vector(chunk.chunk, column + 1), 0, source.buffer, source.byteOffset + start * 8, count * 8);
        } else {
          // A SharedArrayBuffer (columns shared with workers) goes through a private copy.
          const copy = source.slice(start, start + count);
          bindings.copy_data_to_vector(bindings.data_chunk_get_vector(chunk.chunk, column + 1), 0, copy.buffer, 0, count * 8);
        }
      }
      appender.appendDataChunk(chunk);
    }
  }
}

/**
 * Copies the DOUBLE columns of a result chunk into `targets` starting at row `offset`.
 * A NULL (only possible when something else wrote the table) reads as NaN.
 */
export function copyDoubleColumns(chunk: DuckDBDataChunk, targets: readonly Float64Array[], offset: number): void {
  const count = chunk.rowCount;
  if (count === 0) return;
  for (let column = 0; column < targets.length; column++) {
    const vector = bindings.data_chunk_get_vector(chunk.chunk, column);
    const bytes = bindings.vector_get_data(vector, count * 8);
    const target = targets[column];
    if (bytes.byteOffset % 8 === 0) target.set(new Float64Array(bytes.buffer, bytes.byteOffset, count), offset);
    else target.set(new Float64Array(bytes.slice().buffer, 0, count), offset);
    const validity = bindings.vector_get_validity(vector, Math.ceil(count / 64) * 8);
    if (validity) markNulls(validity, target, offset, count);
  }
}

function markNulls(validity: Uint8Array, target: Float64Array, offset: number, count: number): void {
  for (let row = 0; row < count; row++) {
    if ((validity[row >>> 3] & (1 << (row & 7))) === 0) target[offset + row] = NaN;
  }
}
