import { basename } from 'node:path';

const knownExtensions = /(\.(csv|tsv|txt|parquet))?(\.gz)?$/i;

/** The file name without directory and bar-file extensions: `data/AAPL.csv.gz` -> `AAPL`. */
export function symbolFromFileName(file: string): string {
  return basename(file).replace(knownExtensions, '');
}
