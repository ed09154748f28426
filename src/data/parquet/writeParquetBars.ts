import { rename, rm } from 'node:fs/promises';
import { DOUBLE, DuckDBDataChunk, DuckDBInstance, VARCHAR } from '@duckdb/node-api';
import type { Bars } from '../../core/Bars.js';
import { TickforgeError } from '../../core/errors.js';
import { quoteLiteral } from './quoteSql.js';

export interface ParquetWriteOptions {
  /** Add a `symbol` column. Default: only when the bars hold more than one symbol. */
  symbolColumn?: boolean;
}

/** DuckDB's vector size: a data chunk holds at most this many rows. */
const CHUNK_ROWS = 2048;

/**
 * Writes bars to a Parquet file (zstd) through an in-memory DuckDB: columns
 * `timestamp` (TIMESTAMP WITH TIME ZONE, UTC), `open, high, low, close, volume` (DOUBLE) and
 * optionally `symbol` (VARCHAR), rows in the given order. The columns go into DuckDB as data
 * chunks, then `COPY ... TO ... (FORMAT parquet)` writes a temporary file that is renamed
 * into place, so a failed write leaves nothing half-written. NaN prices stay NaN; a NaN time
 * becomes NULL.
 * @returns the number of rows written.
 * @throws TF_ERR_DATA_PARQUET when DuckDB cannot write the file.
 */
export async function writeParquetBars(path: string, bars: Bars | readonly Bars[], options: ParquetWriteOptions = {}): Promise<number> {
  const parts: readonly Bars[] = Array.isArray(bars) ? bars : [bars as Bars];
  const symbolColumn = options.symbolColumn ?? new Set(parts.map((part) => part.symbol)).size > 1;
  const temporary = `${path}.${process.pid}.partial`;
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  let rows = 0;
  try {
    // The session zone decides how TIMESTAMP becomes TIMESTAMPTZ: pin it, never the machine's.
    await connection.run(`SET TimeZone = 'UTC'`);
    await connection.run('CREATE TABLE staging (time DOUBLE, open DOUBLE, high DOUBLE, low DOUBLE, close DOUBLE, volume DOUBLE, symbol VARCHAR)');
    const appender = await connection.createAppender('staging');
    const chunk = DuckDBDataChunk.create([DOUBLE, DOUBLE, DOUBLE, DOUBLE, DOUBLE, DOUBLE, VARCHAR], CHUNK_ROWS);
    for (const part of parts) {
      for (let start = 0; start < part.length; start += CHUNK_ROWS) {
        const end = Math.min(part.length, start + CHUNK_ROWS);
        const take = (column: Float64Array) => Array.from(column.subarray(start, end));
        chunk.rowCount = end - start;
        chunk.setColumns([
          take(part.time), take(part.open), take(part.high), take(part.low), take(part.close), take(part.volume),
          new Array<string>(end - start).fill(part.symbol),
        ]);
        appender.appendDataChunk(chunk);
        rows += end - start;
      }
    }
    appender.closeSync();
    const symbol = symbolColumn ? ', symbol' : '';
    await connection.run(
      `COPY (SELECT CASE WHEN isfinite(time) THEN CAST(epoch_ms(CAST(time AS BIGINT)) AS TIMESTAMPTZ) END AS timestamp, open, high, low, close, volume${symbol} FROM staging) ` +
        `TO ${quoteLiteral(temporary)} (FORMAT parquet, COMPRESSION zstd)`,
    );
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw new TickforgeError('TF_ERR_DATA_PARQUET', `${path}: cannot write Parquet: ${(error as Error).message}. Check that the directory exists and is writable.`, {
      details: { file: path },
      cause: error,
    });
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
  return rows;
}
