import type { TickforgeConfig } from '../config/configSchema.js';
import { Timeframe, type Bars } from '../core/index.js';
import { parseTime } from '../core/time.js';
import { generateUniverse } from '../data/synthetic/generateUniverse.js';
import type { CandleStore, UpsertResult } from '../store/ports.js';

export type SampleOptions = TickforgeConfig['sample'];

const YEAR = 365.25 * 86_400_000;

/** The sample universe of the given settings, ending at the end of `options.end` (UTC). */
export function sampleUniverse(options: SampleOptions): Bars[] {
  const timeframe = Timeframe.parse(options.timeframe);
  const end = parseTime(options.end, 'sample.end') + 86_400_000;
  const start = timeframe.align(end - options.years * YEAR);
  return generateUniverse({ symbols: options.symbols, timeframe, start, end, seed: options.seed, market: options.market });
}

/** Generates the sample universe and stores it, reporting progress per stored series. */
export async function storeSampleUniverse(
  store: CandleStore,
  options: SampleOptions,
  onProgress?: (done: number, total: number) => void,
): Promise<UpsertResult[]> {
  const universe = sampleUniverse(options);
  onProgress?.(0, universe.length);
  return store.upsertMany(universe, onProgress);
}
