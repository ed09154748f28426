import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { TickforgeError } from '../../core/errors.js';
import { statInputFile } from '../statInputFile.js';
import { detectDelimiter, splitCsvLine } from './CsvBarsParser.js';
import { isMissingNumber, parseDecimal } from './parseDecimal.js';
import { parseTimestamp } from './parseTimestamp.js';

export interface NumericColumnOptions {
  /** The column to read (case-insensitive). Default: `close` when there is one, else the file's only numeric column. */
  column?: string;
  /** Rows of this symbol only, when the file has a symbol column (required when it holds several). */
  symbol?: string;
  /** Rows with an empty or non-numeric value: 'error' (default) names the first one; 'drop' leaves them out and counts them. */
  onMissing?: 'error' | 'drop';
}

export interface NumericColumn {
  /** "file column close" or with the symbol, for messages. */
  label: string;
  column: string;
  values: Float64Array;
  /** Times (ms UTC) when the file has a time column (time, timestamp, date, datetime), else undefined. */
  times: Float64Array | undefined;
  /** 1-based file lines of the values, so a later error can point back at the row. */
  lines: Int32Array;
  /** Rows left out by onMissing 'drop' (0 otherwise). */
  dropped: number;
}

const timeNames = ['time', 'timestamp', 'date', 'datetime', 'open_time'];
const symbolNames = ['symbol', 'ticker', 'name'];

/**
 * One numeric column of any CSV (or gzipped CSV) with a header: a close price, a return series
 * indexed by observation number, a macro series. A time column is optional; when present every
 * row's time must parse. Small files are the case here (one series to model), so the file is
 * read whole; a multi-symbol file is filtered to `symbol`.
 * @throws TF_ERR_DATA_FILE_NOT_FOUND, TF_ERR_DATA_CSV_EMPTY, TF_ERR_DATA_CSV_HEADER (naming the
 *   columns there are), TF_ERR_DATA_CSV_FIELD (naming the line, the column and the text).
 */
export async function readNumericColumn(path: string, options: NumericColumnOptions = {}): Promise<NumericColumn> {
  await statInputFile(path);
  let bytes: Uint8Array = await readFile(path);
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = gunzipSync(bytes);
    } catch (error) {
      throw new TickforgeError('TF_ERR_DATA_FILE_CORRUPT', `${path}: the gzip stream is broken (${(error as Error).message}); download or export the file again.`, { details: { file: path }, cause: error });
    }
  }
  const text = new TextDecoder().decode(bytes);
  const lines = text.split(/\r?\n/);
  let headerIndex = 0;
  while (headerIndex < lines.length && lines[headerIndex].trim() === '') headerIndex++;
  if (headerIndex >= lines.length) throw new TickforgeError('TF_ERR_DATA_CSV_EMPTY', `${path} is empty; give a CSV with a header line and one row per observation.`, { details: { file: path } });
  const delimiter = String.fromCharCode(detectDelimiter(lines[headerIndex]));
  const header = splitCsvLine(lines[headerIndex], delimiter).map((name) => name.trim());
  const lower = header.map((name) => name.toLowerCase());
  const timeIndex = lower.findIndex((name) => timeNames.includes(name));
  const symbolIndex = lower.findIndex((name) => symbolNames.includes(name));
  const valueIndex = chooseColumn(path, header, lower, lines, headerIndex, delimiter, options.column, [timeIndex, symbolIndex]);
  const column = header[valueIndex];
  const values: number[] = [];
  const times: number[] = [];
  const lineNumbers: number[] = [];
  const symbols = new Set<string>();
  let dropped = 0;
  // Fields go through the byte-level number and time parsers of the bars reader (the same
  // missing-value words and date forms), copied into one reused buffer.
  const encoder = new TextEncoder();
  let scratch = new Uint8Array(64);
  const bytesOf = (field: string): number => {
    if (field.length * 3 > scratch.length) scratch = new Uint8Array(field.length * 3);
    return encoder.encodeInto(field, scratch).written;
  };
  for (let i = headerIndex + 1; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === '') continue;
    const fields = splitCsvLine(line, delimiter);
    if (symbolIndex >= 0) {
      const symbol = (fields[symbolIndex] ?? '').trim();
      symbols.add(symbol);
      if (options.symbol !== undefined && symbol !== options.symbol) continue;
    }
    const length = bytesOf(fields[valueIndex] ?? '');
    const value = parseDecimal(scratch, 0, length);
    if (!Number.isFinite(value)) {
      if (options.onMissing === 'drop') {
        dropped++;
        continue;
      }
      const what = isMissingNumber(scratch, 0, length) ? 'is empty or missing' : `is "${fields[valueIndex]}", not a number`;
      throw new TickforgeError('TF_ERR_DATA_CSV_FIELD', `${path}: line ${i + 1}: column "${column}" ${what}. Fix the row, or pass --on-missing drop to leave such rows out (they are counted).`, {
        details: { file: path, line: i + 1, column },
      });
    }
    if (timeIndex >= 0) {
      const time = parseTimestamp(scratch, 0, bytesOf(fields[timeIndex] ?? ''));
      if (!Number.isFinite(time)) {
        throw new TickforgeError('TF_ERR_DATA_CSV_FIELD', `${path}: line ${i + 1}: column "${header[timeIndex]}" is "${fields[timeIndex]}", not a date or time; use ISO 8601 (2024-01-31 or 2024-01-31T09:30:00Z) or epoch seconds/milliseconds.`, {
          details: { file: path, line: i + 1, column: header[timeIndex] },
        });
      }
      times.push(time);
    }
    values.push(value);
    lineNumbers.push(i + 1);
  }
  if (symbolIndex >= 0 && options.symbol === undefined && symbols.size > 1) {
    const listed = [...symbols].slice(0, 10).join(', ');
    throw new TickforgeError('TF_ERR_CLI_USAGE', `${path} holds ${symbols.size} symbols; choose one with --symbol (${listed}${symbols.size > 10 ? ', ...' : ''}).`, { details: { file: path } });
  }
  if (values.length === 0) {
    const why = options.symbol !== undefined && symbolIndex >= 0 ? ` for symbol ${options.symbol} (it holds ${[...symbols].slice(0, 10).join(', ')})` : '';
    throw new TickforgeError('TF_ERR_DATA_CSV_EMPTY', `${path} has no rows${why} with a value in column "${column}".`, { details: { file: path } });
  }
  const label = `${path}${options.symbol !== undefined && symbolIndex >= 0 ? ` ${options.symbol}` : ''} column ${column}`;
  return { label, column, values: Float64Array.from(values), times: timeIndex >= 0 ? Float64Array.from(times) : undefined, lines: Int32Array.from(lineNumbers), dropped };
}

function chooseColumn(path: string, header: string[], lower: string[], lines: string[], headerIndex: number, delimiter: string, wanted: string | undefined, skip: number[]): number {
  if (wanted !== undefined) {
    const index = lower.indexOf(wanted.toLowerCase());
    if (index < 0) throw new TickforgeError('TF_ERR_DATA_CSV_HEADER', `${path} has no column "${wanted}"; its columns are ${header.join(', ')}. Choose one with --column.`, { details: { file: path, columns: header } });
    return index;
  }
  const close = lower.indexOf('close');
  if (close >= 0) return close;
  // An observation counter (obs, index, 1, 2, 3...) is not the series.
  const others = header.map((_, i) => i).filter((i) => !skip.includes(i) && !['obs', 'index', 'id', 'n'].includes(lower[i]));
  if (others.length === 1) return others[0];
  // The first data row tells which of the other columns hold numbers.
  const first = lines.slice(headerIndex + 1).find((line) => line.trim() !== '');
  const sample = first === undefined ? [] : splitCsvLine(first, delimiter);
  const candidates = others.filter((i) => sample[i] !== undefined && sample[i].trim() !== '' && Number.isFinite(Number(sample[i])));
  if (candidates.length === 1) return candidates[0];
  throw new TickforgeError('TF_ERR_DATA_CSV_HEADER', `${path}: choose the column to forecast with --column; numeric columns are ${candidates.map((i) => header[i]).join(', ') || 'none'} (all columns: ${header.join(', ')}).`, {
    details: { file: path, columns: header },
  });
}
