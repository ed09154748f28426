import { TickforgeError } from '../../core/errors.js';
import type { Timeframe } from '../../core/Timeframe.js';
import type { BarsFileResult } from '../BarsFileResult.js';
import { resolveBarsColumns, type BarsColumnLayout } from '../resolveBarsColumns.js';
import { SymbolTables, type SymbolTable } from '../SymbolTables.js';
import { isMissingNumber, parseDecimal, trimEnd, trimStart } from './parseDecimal.js';
import { parseTimeOfDay, parseTimestamp } from './parseTimestamp.js';

export interface CsvParserOptions {
  /** The file name used in messages and in the result. */
  file: string;
  /** The symbol of every row when the file has no symbol column. */
  symbol?: string;
  timeframe?: Timeframe | string;
  /** Accept a file without a volume column; every volume is then 0. */
  allowMissingVolume?: boolean;
}

const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;
const COMMA = 0x2c;
const TAB = 0x09;
const SEMICOLON = 0x3b;
const PIPE = 0x7c;

/**
 * A row that is still incomplete after this many bytes is not an OHLCV row: stop instead of
 * buffering the rest of the file (an unclosed quote would otherwise swallow it all).
 */
const MAX_ROW_BYTES = 1 << 20;

const textDecoder = new TextDecoder('utf-8');
const EMPTY = new Uint8Array(0);

/**
 * An incremental CSV-to-Bars parser: feed it byte chunks in order (`push`), then `finish`.
 * It scans the bytes of each chunk once, records field boundaries in reused typed arrays,
 * parses the needed fields in place and appends to per-symbol columns, so no row object or
 * per-field string is made. A row cut by a chunk boundary is carried over to the next chunk.
 * Rows are taken as they are: not validated, sorted or de-duplicated (the validator does that,
 * naming rows by the line numbers kept here).
 */
export class CsvBarsParser {
  private carry: Uint8Array | undefined;
  private started = false;
  private headerRead = false;
  /** Physical line (1-based) of the next unread byte. */
  private line = 1;
  private delimiter = COMMA;
  private names: string[] = [];
  private columnCount = 0;
  private layout!: BarsColumnLayout;
  private starts = new Int32Array(0);
  private ends = new Int32Array(0);
  private escaped = new Uint8Array(0);
  private readonly tables = new SymbolTables();
  private fixedTable: SymbolTable | undefined;
  private symbolBytes: Uint8Array = EMPTY;
  private symbolTable: SymbolTable | undefined;
  private rows = 0;
  /** Where the pending (incomplete) row opened a quote that is still open, else 0. */
  private openQuoteLine = 0;
  private openQuoteColumn = 0;

  constructor(private readonly options: CsvParserOptions) {}

  push(chunk: Uint8Array): void {
    this.consume(chunk, false);
  }

  finish(): BarsFileResult {
    this.consume(EMPTY, true);
    const file = this.options.file;
    if (!this.headerRead) {
      throw new TickforgeError('TF_ERR_DATA_CSV_EMPTY', `${file}: the file is empty. Give a CSV with a header line (timestamp,open,high,low,close,volume) and data rows.`, {
        details: { file },
      });
    }
    if (this.rows === 0) {
      throw new TickforgeError('TF_ERR_DATA_CSV_EMPTY', `${file}: line ${this.headerLine}: the file has a header but no data rows. Check that the export finished, or remove the file from the input.`, {
        details: { file, line: this.headerLine },
      });
    }
    const tables = this.tables.finish(file, this.options.timeframe);
    return { file, tables, rows: this.rows };
  }

  private headerLine = 1;

  private consume(chunk: Uint8Array, final: boolean): void {
    let buffer = chunk;
    if (this.carry !== undefined) {
      buffer = new Uint8Array(this.carry.length + chunk.length);
      buffer.set(this.carry);
      buffer.set(chunk, this.carry.length);
      this.carry = undefined;
    }
    let position = 0;
    if (!this.started) {
      if (buffer.length < 3 && !final) {
        this.carry = buffer.slice();
        return;
      }
      this.started = true;
      this.checkEncoding(buffer);
      if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) position = 3;
    }
    if (!this.headerRead) {
      position = this.readHeader(buffer, position, final);
      if (!this.headerRead) {
        if (!final) this.keep(buffer, position);
        return;
      }
    }
    position = this.readRows(buffer, position, final);
    if (position < buffer.length) this.keep(buffer, position);
  }

  private keep(buffer: Uint8Array, position: number): void {
    if (buffer.length - position > MAX_ROW_BYTES) {
      const file = this.options.file;
      if (this.openQuoteLine > 0) throw this.unterminatedQuote(this.openQuoteLine, this.openQuoteColumn);
      throw new TickforgeError('TF_ERR_DATA_CSV_FIELD', `${file}: line ${this.line}: the line is longer than ${MAX_ROW_BYTES} bytes, which no OHLCV row is. Check that the file is a CSV with one bar per line.`, {
        details: { file, line: this.line },
      });
    }
    // A copy, so the carried bytes do not keep the whole chunk alive.
    this.carry = buffer.slice(position);
  }

  private checkEncoding(buffer: Uint8Array): void {
    if ((buffer[0] === 0xff && buffer[1] === 0xfe) || (buffer[0] === 0xfe && buffer[1] === 0xff)) {
      const file = this.options.file;
      throw new TickforgeError('TF_ERR_DATA_FILE_UNSUPPORTED', `${file}: the file is UTF-16 text; tickforge reads UTF-8 (or ASCII). Save it again as UTF-8 CSV.`, {
        details: { file },
      });
    }
  }

  /** Reads the first non-blank line as the header; returns the position after it. */
  private readHeader(buffer: Uint8Array, position: number, final: boolean): number {
    while (position < buffer.length) {
      let end = buffer.indexOf(LF, position);
      if (end < 0) {
        if (!final) return position;
        end = buffer.length;
      }
      let textEnd = end;
      if (textEnd > position && buffer[textEnd - 1] === CR) textEnd--;
      if (trimStart(buffer, position, textEnd) === textEnd) {
        position = end + 1;
        this.line++;
        continue;
      }
      const text = textDecoder.decode(buffer.subarray(position, textEnd));
      this.delimiter = detectDelimiter(text);
      this.names = splitCsvLine(text, String.fromCharCode(this.delimiter)).map((name) => name.trim());
      this.headerLine = this.line;
      this.layout = resolveBarsColumns(this.names, { file: this.options.file, line: this.line, allowMissingVolume: this.options.allowMissingVolume });
      this.columnCount = this.names.length;
      this.starts = new Int32Array(this.columnCount);
      this.ends = new Int32Array(this.columnCount);
      this.escaped = new Uint8Array(this.columnCount);
      if (this.layout.symbol < 0) this.fixedTable = this.tables.table(this.fixedSymbol());
      this.headerRead = true;
      this.line++;
      return end + 1;
    }
    return position;
  }

  private fixedSymbol(): string {
    if (this.options.symbol !== undefined && this.options.symbol.trim() !== '') return this.options.symbol.trim();
    const file = this.options.file;
    throw new TickforgeError('TF_ERR_DATA_SYMBOL_MISSING', `${file}: the file has no symbol column and no symbol was given. Pass --symbol, add a "symbol" column, or name the file after the symbol (AAPL.csv).`, {
      details: { file },
    });
  }

  /** Parses every complete row from `position`; returns where the first incomplete row starts. */
  private readRows(buffer: Uint8Array, position: number, final: boolean): number {
    const length = buffer.length;
    const delimiter = this.delimiter;
    const columnCount = this.columnCount;
    const starts = this.starts;
    const ends = this.ends;
    const escaped = this.escaped;
    let p = position;
    let line = this.line;
    this.openQuoteLine = 0;
    rows: while (p < length) {
      const rowStart = p;
      const rowLine = line;
      let field = 0;
      let extra = false;
      let quotedRow = false;
      while (true) {
        let start: number;
        let end: number;
        let escapes = 0;
        if (p < length && buffer[p] === QUOTE) {
          quotedRow = true;
          const quoteLine = line;
          p++;
          start = p;
          while (true) {
            if (p >= length) {
              if (final) throw this.unterminatedQuote(quoteLine, field);
              this.openQuoteLine = quoteLine;
              this.openQuoteColumn = field;
              this.line = rowLine;
              return rowStart;
            }
            const c = buffer[p];
            if (c === QUOTE) {
              if (p + 1 < length) {
                if (buffer[p + 1] === QUOTE) {
                  escapes = 1;
                  p += 2;
                  continue;
                }
              } else if (!final) {
                this.line = rowLine;
                return rowStart;
              }
              end = p;
              p++;
              break;
            }
            if (c === LF) line++;
            p++;
          }
          if (p < length && buffer[p] === CR && (p + 1 >= length || buffer[p + 1] === LF)) {
            if (p + 1 >= length && !final) {
              this.line = rowLine;
              return rowStart;
            }
            p++;
          }
          if (p >= length && !final) {
            this.line = rowLine;
            return rowStart;
          }
          if (p < length && buffer[p] !== delimiter && buffer[p] !== LF) throw this.textAfterQuote(rowLine, field, buffer, start, p);
        } else {
          start = p;
          while (p < length) {
            const c = buffer[p];
            if (c === delimiter || c === LF) break;
            p++;
          }
          if (p >= length && !final) {
            this.line = rowLine;
            return rowStart;
          }
          end = p;
          if (end > start && buffer[end - 1] === CR && (p >= length || buffer[p] === LF)) end--;
        }
        if (field < columnCount) {
          starts[field] = start;
          ends[field] = end;
          escaped[field] = escapes;
        } else if (trimStart(buffer, start, end) < end) {
          extra = true;
        }
        field++;
        if (p >= length) break;
        if (buffer[p] === delimiter) {
          p++;
          continue;
        }
        p++; // the line feed
        line++;
        break;
      }
      if (field === 1 && !quotedRow && trimStart(buffer, starts[0], ends[0]) === ends[0]) continue rows; // blank line
      if (field !== columnCount && (field < columnCount || extra)) throw this.wrongFieldCount(rowLine, field);
      this.addRow(buffer, rowLine);
    }
    this.line = line;
    return p;
  }

  private addRow(buffer: Uint8Array, line: number): void {
    const layout = this.layout;
    const starts = this.starts;
    const ends = this.ends;
    let column = layout.time;
    let time = parseTimestamp(buffer, starts[column], ends[column]);
    if (time !== time) throw this.badTime(buffer, line, column);
    if (layout.timeOfDay >= 0) {
      column = layout.timeOfDay;
      time += parseTimeOfDay(buffer, starts[column], ends[column]);
      if (time !== time) throw this.badTime(buffer, line, column);
    }
    column = layout.open;
    const open = parseDecimal(buffer, starts[column], ends[column]);
    if (open !== open) this.checkMissing(buffer, line, column);
    column = layout.high;
    const high = parseDecimal(buffer, starts[column], ends[column]);
    if (high !== high) this.checkMissing(buffer, line, column);
    column = layout.low;
    const low = parseDecimal(buffer, starts[column], ends[column]);
    if (low !== low) this.checkMissing(buffer, line, column);
    column = layout.close;
    const close = parseDecimal(buffer, starts[column], ends[column]);
    if (close !== close) this.checkMissing(buffer, line, column);
    column = layout.volume;
    let volume = 0;
    if (column >= 0) {
      volume = parseDecimal(buffer, starts[column], ends[column]);
      if (volume !== volume) this.checkMissing(buffer, line, column);
    }
    const table = layout.symbol < 0 ? this.fixedTable! : this.tableFor(buffer, line);
    table.push(time, open, high, low, close, volume, line);
    this.rows++;
  }

  /** The table of the row's symbol; consecutive rows of one symbol cost one byte comparison. */
  private tableFor(buffer: Uint8Array, line: number): SymbolTable {
    const column = this.layout.symbol;
    const start = trimStart(buffer, this.starts[column], this.ends[column]);
    const end = trimEnd(buffer, start, this.ends[column]);
    const known = this.symbolBytes;
    if (this.symbolTable !== undefined && end - start === known.length) {
      let same = true;
      for (let i = 0; i < known.length; i++) {
        if (buffer[start + i] !== known[i]) {
          same = false;
          break;
        }
      }
      if (same) return this.symbolTable;
    }
    if (start === end) {
      const file = this.options.file;
      const name = this.names[column];
      throw new TickforgeError('TF_ERR_DATA_CSV_FIELD', `${file}: line ${line}: column "${name}" (the symbol) is empty. Fill in the symbol or remove the row.`, {
        details: { file, line, column: name, value: '' },
      });
    }
    let symbol = textDecoder.decode(buffer.subarray(start, end));
    if (this.escaped[column] === 1) symbol = symbol.replaceAll('""', '"');
    this.symbolBytes = buffer.slice(start, end);
    this.symbolTable = this.tables.table(symbol);
    return this.symbolTable;
  }

  private fieldText(buffer: Uint8Array, column: number): string {
    return textDecoder.decode(buffer.subarray(this.starts[column], this.ends[column]));
  }

  private checkMissing(buffer: Uint8Array, line: number, column: number): void {
    if (this.escaped[column] === 0 && isMissingNumber(buffer, this.starts[column], this.ends[column])) return;
    const file = this.options.file;
    const name = this.names[column];
    const value = this.fieldText(buffer, column);
    const hint = /^\s*-?\d+,\d+\s*$/.test(value) ? ' Decimal commas are not read: write the decimal point as ".".' : '';
    throw new TickforgeError(
      'TF_ERR_DATA_CSV_FIELD',
      `${file}: line ${line}: column "${name}" holds "${value}", which is not a number.${hint} Fix the value, or leave the field empty to mark it missing (the validator then reports the row).`,
      { details: { file, line, column: name, value } },
    );
  }

  private badTime(buffer: Uint8Array, line: number, column: number): TickforgeError {
    const file = this.options.file;
    const name = this.names[column];
    const value = this.fieldText(buffer, column);
    const what = value.trim() === '' ? 'is empty' : `holds "${value}", which is not a time tickforge can read`;
    return new TickforgeError(
      'TF_ERR_DATA_CSV_FIELD',
      `${file}: line ${line}: column "${name}" ${what}. Use an ISO date or date-time (2013-02-08, 2013-02-08T14:30:00Z, 2013-02-08 14:30:00+02:00) or epoch seconds/milliseconds; times without a zone are read as UTC.`,
      { details: { file, line, column: name, value } },
    );
  }

  private wrongFieldCount(line: number, fields: number): TickforgeError {
    const file = this.options.file;
    const expected = this.columnCount;
    const hint = fields < expected
      ? 'Complete the row or remove it; an empty field (two delimiters in a row) marks a missing value.'
      : 'Quote fields that contain the delimiter ("1,234.5") or remove the extra fields.';
    return new TickforgeError(
      'TF_ERR_DATA_CSV_FIELD',
      `${file}: line ${line}: the row has ${fields} field${fields === 1 ? '' : 's'} but the header (line ${this.headerLine}) has ${expected}. ${hint}`,
      { details: { file, line, fields, expected } },
    );
  }

  private unterminatedQuote(line: number, column: number): TickforgeError {
    const file = this.options.file;
    const name = this.names[column] ?? `#${column + 1}`;
    return new TickforgeError(
      'TF_ERR_DATA_CSV_QUOTE',
      `${file}: line ${line}: the quoted field in column "${name}" is never closed. Add the closing quote, or write a quote inside a quoted field as "".`,
      { details: { file, line, column: name } },
    );
  }

  private textAfterQuote(line: number, column: number, buffer: Uint8Array, start: number, stop: number): TickforgeError {
    const file = this.options.file;
    const name = this.names[column] ?? `#${column + 1}`;
    let after = stop;
    while (after < buffer.length && after - stop < 20 && buffer[after] !== LF && buffer[after] !== this.delimiter) after++;
    const value = textDecoder.decode(buffer.subarray(start - 1, after));
    return new TickforgeError(
      'TF_ERR_DATA_CSV_QUOTE',
      `${file}: line ${line}: column "${name}" has text after its closing quote: ${value}. Quote the whole field and write a quote inside it as "".`,
      { details: { file, line, column: name, value } },
    );
  }
}

/** The delimiter used most often in the header line outside quotes: comma, tab, semicolon or pipe. */
export function detectDelimiter(header: string): number {
  const counts = new Map<number, number>([[COMMA, 0], [TAB, 0], [SEMICOLON, 0], [PIPE, 0]]);
  let quoted = false;
  for (let i = 0; i < header.length; i++) {
    const c = header.charCodeAt(i);
    if (c === QUOTE) quoted = !quoted;
    else if (!quoted && counts.has(c)) counts.set(c, counts.get(c)! + 1);
  }
  let best = COMMA;
  for (const [delimiter, count] of counts) if (count > counts.get(best)!) best = delimiter;
  return best;
}

/** The fields of one CSV line: quoted fields may hold the delimiter, and "" inside quotes is one quote. */
export function splitCsvLine(line: string, delimiter: string): string[] {
  const names: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        current += '"';
        i++;
      } else if (c === '"') quoted = false;
      else current += c;
    } else if (c === '"') quoted = true;
    else if (c === delimiter) {
      names.push(current);
      current = '';
    } else current += c;
  }
  names.push(current);
  return names;
}
