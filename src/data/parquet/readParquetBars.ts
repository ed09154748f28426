import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { TickforgeError, isTickforgeError } from '../../core/errors.js';
import type { Timeframe } from '../../core/Timeframe.js';
import type { BarsFileResult } from '../BarsFileResult.js';
import { parseTimestamp } from '../csv/parseTimestamp.js';
import { epochToMilliseconds } from '../epochToMilliseconds.js';
import { resolveBarsColumns } from '../resolveBarsColumns.js';
import { SymbolTables, type SymbolTable } from '../SymbolTables.js';
import { statInputFile } from '../statInputFile.js';
import { symbolFromFileName } from '../symbolFromFileName.js';
import { quoteIdentifier, quoteLiteral } from './quoteSql.js';

export interface ParquetReadOptions {
  /** Symbol of every row when the file has no symbol column (default: the file name stem). */
  symbol?: string;
  timeframe?: Timeframe | string;
  /** Accept a file without a volume column; every volume is then 0. */
  allowMissingVolume?: boolean;
  onProgress?: (bytesRead: number, totalBytes: number) => void;
}

/** How the time column reaches JavaScript: as epoch milliseconds, as an epoch number, or as text. */
type TimeKind = 'milliseconds' | 'epoch' | 'text';

const numericType = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|REAL|DECIMAL.*)$/;

function timeExpression(column: string, type: string, timeOfDay: string | undefined): { sql: string; kind: TimeKind } | undefined {
  const name = quoteIdentifier(column);
  if (timeOfDay !== undefined) {
    return { sql: `epoch_ms(CAST(${name} AS DATE) + CAST(${quoteIdentifier(timeOfDay)} AS TIME))::DOUBLE`, kind: 'milliseconds' };
  }
  if (type.startsWith('TIMESTAMP')) return { sql: `epoch_ms(${name})::DOUBLE`, kind: 'milliseconds' };
  if (type === 'DATE') return { sql: `epoch_ms(CAST(${name} AS TIMESTAMP))::DOUBLE`, kind: 'milliseconds' };
  if (numericType.test(type)) return { sql: `CAST(${name} AS DOUBLE)`, kind: 'epoch' };
  if (type === 'VARCHAR') return { sql: name, kind: 'text' };
  return undefined;
}

/**
 * Reads a Parquet file into one table of bars per symbol through an in-memory DuckDB. The
 * header aliases, symbol and timeframe rules are those of `readCsvBars`. The time column may
 * be a TIMESTAMP (any unit), TIMESTAMPTZ or DATE, an epoch number (unit by magnitude, see
 * `epochToMilliseconds`) or ISO text; prices and volume are cast to DOUBLE, NULL becomes NaN.
 * Values are taken from DuckDB's column vectors chunk by chunk, never as row objects.
 * `lineNumbers` holds each bar's row index + 1.
 * @throws TF_ERR_DATA_FILE_NOT_FOUND, TF_ERR_DATA_PARQUET, TF_ERR_DATA_TIMEFRAME_UNKNOWN.
 */
export async function readParquetBars(path: string, options: ParquetReadOptions = {}): Promise<BarsFileResult> {
  const size = (await statInputFile(path)).size;
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    return await readWith(connection, path, size, options);
  } catch (error) {
    if (isTickforgeError(error)) throw error;
    throw new TickforgeError('TF_ERR_DATA_PARQUET', `${path}: cannot be read as Parquet: ${(error as Error).message}. Check that the file is a complete Parquet file.`, {
      details: { file: path },
      cause: error,
    });
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

async function readWith(connection: DuckDBConnection, path: string, size: number, options: ParquetReadOptions): Promise<BarsFileResult> {
  const source = `read_parquet(${quoteLiteral(path)})`;
  const schema = await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${source}`);
  const names = schema.getColumns()[0].map(String);
  const types = schema.getColumns()[1].map(String);
  let layout;
  try {
    layout = resolveBarsColumns(names, { file: path, allowMissingVolume: options.allowMissingVolume });
  } catch (error) {
    if (!isTickforgeError(error)) throw error;
    throw new TickforgeError('TF_ERR_DATA_PARQUET', error.message, { details: error.details, cause: error });
  }
  const time = timeExpression(names[layout.time], types[layout.time], layout.timeOfDay >= 0 ? names[layout.timeOfDay] : undefined);
  if (time === undefined) {
    throw new TickforgeError(
      'TF_ERR_DATA_PARQUET',
      `${path}: the time column "${names[layout.time]}" has type ${types[layout.time]}; tickforge reads TIMESTAMP, TIMESTAMPTZ, DATE, epoch numbers or ISO text. Convert the column before reading.`,
      { details: { file: path, column: names[layout.time], type: types[layout.time] } },
    );
  }
  const double = (index: number) => (index < 0 ? '0::DOUBLE' : `CAST(${quoteIdentifier(names[index])} AS DOUBLE)`);
  const symbolSql = layout.symbol < 0 ? `NULL::VARCHAR` : `CAST(${quoteIdentifier(names[layout.symbol])} AS VARCHAR)`;
  const result = await connection.stream(
    `SELECT ${time.sql}, ${double(layout.open)}, ${double(layout.high)}, ${double(layout.low)}, ${double(layout.close)}, ${double(layout.volume)}, ${symbolSql} FROM ${source}`,
  );

  const tables = new SymbolTables();
  const fixedSymbol = layout.symbol < 0 ? (options.symbol ?? symbolFromFileName(path)) : undefined;
  let table: SymbolTable | undefined = fixedSymbol === undefined ? undefined : tables.table(fixedSymbol);
  let currentSymbol: string | undefined;
  let row = 0;
  const number = (value: unknown) => (value === null ? NaN : (value as number));
  for (let chunk = await result.fetchChunk(); chunk !== null && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
    const [times, opens, highs, lows, closes, volumes, symbols] = [0, 1, 2, 3, 4, 5, 6].map((i) => chunk!.getColumnVector(i));
    for (let i = 0; i < chunk.rowCount; i++) {
      row++;
      const raw = times.getItem(i);
      let milliseconds = NaN;
      if (raw !== null) {
        if (time.kind === 'milliseconds') milliseconds = raw as number;
        else if (time.kind === 'epoch') milliseconds = epochToMilliseconds(raw as number);
        else {
          const bytes = Buffer.from(String(raw), 'utf8');
          milliseconds = parseTimestamp(bytes, 0, bytes.length);
        }
      }
      if (milliseconds !== milliseconds) {
        throw new TickforgeError(
          'TF_ERR_DATA_PARQUET',
          `${path}: row ${row}: column "${names[layout.time]}" holds ${raw === null ? 'NULL' : `"${String(raw)}"`}, which is not a time. Fill in the time or remove the row.`,
          { details: { file: path, row, column: names[layout.time], value: raw === null ? null : String(raw) } },
        );
      }
      if (fixedSymbol === undefined) {
        const symbol = symbols.getItem(i) as string | null;
        if (symbol !== currentSymbol) {
          if (symbol === null || symbol.trim() === '') {
            throw new TickforgeError('TF_ERR_DATA_PARQUET', `${path}: row ${row}: column "${names[layout.symbol]}" (the symbol) is empty. Fill in the symbol or remove the row.`, {
              details: { file: path, row, column: names[layout.symbol] },
            });
          }
          currentSymbol = symbol;
          table = tables.table(symbol.trim());
        }
      }
      table!.push(
        milliseconds,
        number(opens.getItem(i)),
        number(highs.getItem(i)),
        number(lows.getItem(i)),
        number(closes.getItem(i)),
        number(volumes.getItem(i)),
        row,
      );
    }
  }
  if (row === 0) {
    throw new TickforgeError('TF_ERR_DATA_PARQUET', `${path}: the file has no rows. Check that the export finished, or remove the file from the input.`, { details: { file: path } });
  }
  const parsed = { file: path, tables: tables.finish(path, options.timeframe), rows: row };
  options.onProgress?.(size, size);
  return parsed;
}

