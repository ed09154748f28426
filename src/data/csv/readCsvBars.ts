import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { pipeline, type Readable } from 'node:stream';
import { createGunzip, gunzipSync } from 'node:zlib';
import { TickforgeError, isTickforgeError } from '../../core/errors.js';
import type { Timeframe } from '../../core/Timeframe.js';
import type { BarsFileResult } from '../BarsFileResult.js';
import { statInputFile } from '../statInputFile.js';
import { symbolFromFileName } from '../symbolFromFileName.js';
import { CsvBarsParser } from './CsvBarsParser.js';

export type { BarsFileResult, SourceTable } from '../BarsFileResult.js';

export interface CsvReadOptions {
  /** Symbol of every row when the file has no symbol column (default: the file name stem). */
  symbol?: string;
  /** The bars' timeframe; when absent it is inferred from the most common step between times. */
  timeframe?: Timeframe | string;
  /** Accept a file without a volume column; every volume is then 0. */
  allowMissingVolume?: boolean;
  /** Called after each chunk with bytes read from disk (compressed bytes for .gz) and the file size. */
  onProgress?: (bytesRead: number, totalBytes: number) => void;
}

const READ_CHUNK_BYTES = 1 << 20;
const GUNZIP_CHUNK_BYTES = 1 << 18;

function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * Reads a CSV (or gzipped CSV, detected by its magic bytes whatever the name) into one table
 * of bars per symbol. The file is streamed in chunks and decompressed on the fly: neither the
 * raw text nor one string of it is ever held whole.
 *
 * Symbol: the file's symbol column, else `options.symbol`, else the file name without
 * extensions (`AAPL.csv.gz` -> `AAPL`). Timeframe: `options.timeframe`, else inferred.
 * @throws TF_ERR_DATA_FILE_NOT_FOUND, TF_ERR_DATA_FILE_CORRUPT, TF_ERR_DATA_CSV_* and
 *   TF_ERR_DATA_TIMEFRAME_UNKNOWN, each naming the file and, for a row, its line and column.
 */
export async function readCsvBars(path: string, options: CsvReadOptions = {}): Promise<BarsFileResult> {
  const totalBytes = await fileSize(path);
  const head = new Uint8Array(2);
  const handle = await open(path, 'r');
  try {
    await handle.read(head, 0, 2, 0);
  } finally {
    await handle.close();
  }
  const parser = new CsvBarsParser({
    file: path,
    symbol: options.symbol ?? symbolFromFileName(path),
    timeframe: options.timeframe,
    allowMissingVolume: options.allowMissingVolume,
  });
  const source = createReadStream(path, { highWaterMark: READ_CHUNK_BYTES });
  const gzip = isGzip(head);
  // pipeline() forwards errors and destroys both streams when the loop below stops early.
  const input: Readable = gzip ? pipeline(source, createGunzip({ chunkSize: GUNZIP_CHUNK_BYTES }), () => undefined) : source;
  try {
    for await (const chunk of input) {
      parser.push(chunk as Buffer);
      options.onProgress?.(source.bytesRead, totalBytes);
    }
  } catch (error) {
    if (isTickforgeError(error)) throw error;
    throw readFailure(path, error, gzip);
  } finally {
    source.destroy();
  }
  const result = parser.finish();
  options.onProgress?.(totalBytes, totalBytes);
  return result;
}

/**
 * Parses CSV content held in memory (text or bytes, gzipped or not); `file` names it in
 * messages and, without a symbol column or `symbol`, gives the symbol.
 */
export function parseCsvBars(content: Uint8Array | string, options: CsvReadOptions & { file?: string }): BarsFileResult {
  const file = options.file ?? '<memory>';
  let bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  if (isGzip(bytes)) {
    try {
      bytes = gunzipSync(bytes);
    } catch (error) {
      throw readFailure(file, error, true);
    }
  }
  const parser = new CsvBarsParser({
    file,
    symbol: options.symbol ?? (options.file === undefined ? undefined : symbolFromFileName(options.file)),
    timeframe: options.timeframe,
    allowMissingVolume: options.allowMissingVolume,
  });
  parser.push(bytes);
  const result = parser.finish();
  options.onProgress?.(bytes.length, bytes.length);
  return result;
}

async function fileSize(path: string): Promise<number> {
  const info = await statInputFile(path);
  if (info.isDirectory()) {
    throw new TickforgeError('TF_ERR_DATA_FILE_UNSUPPORTED', `${path} is a directory; give a CSV file, or pass the directory to the multi-file reader.`, { details: { file: path } });
  }
  return info.size;
}

function readFailure(file: string, error: unknown, gzip: boolean): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? '';
  if (gzip && code.startsWith('Z_')) {
    return new TickforgeError(
      'TF_ERR_DATA_FILE_CORRUPT',
      `${file}: the gzip data is corrupt or truncated (${(error as Error).message}). Download or compress the file again; \`gzip -t ${file}\` checks it.`,
      { details: { file }, cause: error },
    );
  }
  return error;
}
