import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type { Bars } from '../../core/Bars.js';

export interface CsvWriteOptions {
  /**
   * Add a `symbol` column. Default: only when the bars hold more than one symbol (a
   * single-symbol file is then read back with the file name stem or --symbol as its symbol).
   */
  symbolColumn?: boolean;
}

/** Text is handed to the file in pieces of about this many characters. */
const PIECE_CHARACTERS = 1 << 20;

/**
 * Writes bars to a CSV file, gzipped when the path ends in `.gz`: header
 * `timestamp,open,high,low,close,volume[,symbol]`, times as ISO-8601 UTC
 * (`2013-02-08T00:00:00Z`, milliseconds only when there are some), numbers in their
 * shortest exact form (what `String(x)` prints, so reading them back gives the same
 * doubles), NaN as an empty field. The rows are generated piece by piece (never one string
 * of the whole file) into a temporary file that is renamed into place when complete, so a
 * failed write leaves no half-written file behind.
 * @returns the number of data rows written.
 */
export async function writeCsvBars(path: string, bars: Bars | readonly Bars[], options: CsvWriteOptions = {}): Promise<number> {
  const { pieces, rows } = csvPieces(bars, options);
  const temporary = `${path}.${process.pid}.partial`;
  const source = Readable.from(pieces);
  try {
    if (path.toLowerCase().endsWith('.gz')) await pipeline(source, createGzip(), createWriteStream(temporary));
    else await pipeline(source, createWriteStream(temporary));
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  return rows();
}

/**
 * Writes the same CSV as `writeCsvBars` to an open stream (standard output, a socket),
 * without closing it.
 * @returns the number of data rows written.
 */
export async function writeCsvBarsToStream(stream: NodeJS.WritableStream, bars: Bars | readonly Bars[], options: CsvWriteOptions = {}): Promise<number> {
  const { pieces, rows } = csvPieces(bars, options);
  await pipeline(Readable.from(pieces), stream, { end: false });
  return rows();
}

/** The CSV text in pieces of about a megabyte, and the data rows generated so far. */
function csvPieces(bars: Bars | readonly Bars[], options: CsvWriteOptions): { pieces: Generator<Buffer>; rows: () => number } {
  const parts: readonly Bars[] = Array.isArray(bars) ? bars : [bars as Bars];
  const symbolColumn = options.symbolColumn ?? new Set(parts.map((part) => part.symbol)).size > 1;
  let rows = 0;
  function* pieces(): Generator<Buffer> {
    let text = `timestamp,open,high,low,close,volume${symbolColumn ? ',symbol' : ''}\n`;
    for (const part of parts) {
      const suffix = symbolColumn ? `,${quoteField(part.symbol)}\n` : '\n';
      const { time, open, high, low, close, volume } = part;
      for (let i = 0; i < part.length; i++) {
        text += `${formatTimestamp(time[i])},${formatNumber(open[i])},${formatNumber(high[i])},${formatNumber(low[i])},${formatNumber(close[i])},${formatNumber(volume[i])}${suffix}`;
        rows++;
        if (text.length >= PIECE_CHARACTERS) {
          yield Buffer.from(text, 'utf8');
          text = '';
        }
      }
    }
    if (text.length > 0) yield Buffer.from(text, 'utf8');
  }
  return { pieces: pieces(), rows: () => rows };
}

/** ISO-8601 UTC without a zero millisecond part; empty for NaN. */
export function formatTimestamp(milliseconds: number): string {
  if (!Number.isFinite(milliseconds)) return '';
  const iso = new Date(milliseconds).toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, -5)}Z` : iso;
}

/** The shortest text that reads back as the same double; empty for NaN. */
export function formatNumber(value: number): string {
  if (value !== value) return '';
  if (value === 0 && 1 / value < 0) return '-0';
  return String(value);
}

function quoteField(text: string): string {
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
