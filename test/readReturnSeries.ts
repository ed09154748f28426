import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { sharedDataDir } from './sharedData.js';

/**
 * The numeric second column of a gzipped two-column CSV in ../shared/data (the fGarch return
 * series: `obs,DEM2GBP` and `obs,SP500`), multiplied by `scale`. Call `requireSharedData` first.
 */
export function readReturnSeries(file: string, scale = 1): Float64Array {
  const lines = gunzipSync(readFileSync(join(sharedDataDir, file))).toString('utf8').trim().split('\n');
  return Float64Array.from(lines.slice(1), (line) => scale * Number(line.split(',')[1]));
}
