import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { TickforgeError } from '../core/errors.js';
import type { Timeframe } from '../core/Timeframe.js';
import type { BarsFileResult } from './BarsFileResult.js';
import { readCsvBars } from './csv/readCsvBars.js';
import { statInputFile } from './statInputFile.js';
import { readParquetBars } from './parquet/readParquetBars.js';

export interface ReadBarsOptions {
  /** Symbol for files without a symbol column (default: each file's name stem). */
  symbol?: string;
  /** Timeframe of every file; when absent it is inferred per file. */
  timeframe?: Timeframe | string;
  /** Accept files without a volume column; every volume is then 0. */
  allowMissingVolume?: boolean;
  /** Progress over all files: bytes read from disk so far and the files' total size. */
  onProgress?: (bytesRead: number, totalBytes: number) => void;
}

export type BarsFileFormat = 'csv' | 'parquet';

/** The file names tickforge reads (case-insensitive), and how. */
export const barsFileExtensions: ReadonlyArray<readonly [string, BarsFileFormat]> = [
  ['.csv', 'csv'], ['.csv.gz', 'csv'], ['.tsv', 'csv'], ['.tsv.gz', 'csv'], ['.txt', 'csv'], ['.txt.gz', 'csv'], ['.parquet', 'parquet'],
];

export function barsFileFormat(path: string): BarsFileFormat | undefined {
  const lower = path.toLowerCase();
  return barsFileExtensions.find(([extension]) => lower.endsWith(extension))?.[1];
}

const accepted = barsFileExtensions.map(([extension]) => extension).join(', ');

/**
 * The bar files named by `paths`, in a deterministic order: the paths in the order given,
 * a directory replaced by the readable files under it (recursively, sorted by path; hidden
 * entries and other extensions skipped). A file named twice is read once.
 * @throws TF_ERR_DATA_FILE_NOT_FOUND for a missing path or a directory without bar files;
 *   TF_ERR_DATA_FILE_UNSUPPORTED for a named file with another extension.
 */
export async function listBarsFiles(paths: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    const info = await statInputFile(path);
    if (info.isDirectory()) {
      const found = await filesUnder(path);
      if (found.length === 0) {
        throw new TickforgeError('TF_ERR_DATA_FILE_NOT_FOUND', `${path} holds no bar files (${accepted}). Point at the directory that holds the data, or at the files themselves.`, {
          details: { file: path },
        });
      }
      files.push(...found);
    } else if (barsFileFormat(path) === undefined) {
      throw unsupported(path);
    } else {
      files.push(path);
    }
  }
  return [...new Set(files)];
}

function unsupported(path: string): TickforgeError {
  return new TickforgeError(
    'TF_ERR_DATA_FILE_UNSUPPORTED',
    `${path}: tickforge reads ${accepted} files (chosen by name; gzip is recognised by content). Rename or convert the file.`,
    { details: { file: path } },
  );
}

async function filesUnder(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true });
  const names = entries.filter((entry) => !entry.name.startsWith('.')).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const files: string[] = [];
  for (const entry of names) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) files.push(...(await filesUnder(path)));
    else if (entry.isFile() && barsFileFormat(entry.name) !== undefined) files.push(path);
  }
  return files;
}

/** The files' total size in bytes on disk (compressed size for .gz): the 100% of a progress bar. */
export async function totalBytes(files: readonly string[]): Promise<number> {
  let total = 0;
  for (const file of files) total += (await statInputFile(file)).size;
  return total;
}

/** Reads one bar file, choosing the reader by extension. */
export async function readBarsFile(path: string, options: ReadBarsOptions = {}): Promise<BarsFileResult> {
  const format = barsFileFormat(path);
  if (format === undefined) {
    const info = await statInputFile(path);
    if (info.isDirectory()) {
      throw new TickforgeError('TF_ERR_DATA_FILE_UNSUPPORTED', `${path} is a directory; read directories with readBarsFiles (the CLI accepts both).`, { details: { file: path } });
    }
    throw unsupported(path);
  }
  return format === 'parquet' ? readParquetBars(path, options) : readCsvBars(path, options);
}

/**
 * Reads every bar file named by `paths` (files and directories, see `listBarsFiles`), one
 * file at a time, yielding each file's tables as soon as it is read so memory holds one
 * file's rows at a time beyond what the caller keeps.
 */
export async function* readBarsFiles(paths: readonly string[], options: ReadBarsOptions = {}): AsyncGenerator<BarsFileResult> {
  const files = await listBarsFiles(paths);
  const total = options.onProgress === undefined ? 0 : await totalBytes(files);
  let done = 0;
  for (const file of files) {
    const result = await readBarsFile(file, {
      ...options,
      onProgress: options.onProgress === undefined ? undefined : (bytesRead) => options.onProgress!(done + bytesRead, total),
    });
    if (options.onProgress !== undefined) done += (await stat(file)).size;
    yield result;
  }
}
