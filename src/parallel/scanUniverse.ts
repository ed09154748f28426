import { availableParallelism } from 'node:os';
import { move, transferableSymbol, valueSymbol } from 'piscina';
import type { Bars } from '../core/Bars.js';
import { packBars } from './packBars.js';
import { prepareScanStrategies, scanSeries, type ScanRequest, type SeriesScan } from './scanSeries.js';
import type { ScanTask } from './scanWorker.js';
import { createWorkerPool } from './workerPool.js';
import { contiguousChunks } from './contiguousChunks.js';

export interface ScanUniverseOptions extends ScanRequest {
  /** Worker threads; 0 runs on this thread; `auto` (default) uses every core (this thread and one worker per other core) for universes of more than `autoParallelBars` bars. */
  threads?: number | 'auto';
  onProgress?: (done: number, total: number) => void;
}

/** Total bars below which `auto` stays on this thread: starting a worker costs about 0.3 s, more than a small universe's scan. */
export const autoParallelBars = 200_000;

/**
 * Every series of a universe through market structure, chart patterns, support/resistance and
 * the requested strategies, spread over worker threads (bars transferred, not copied).
 * Results are in input order and equal to `scanSeries` on this thread. Strategy names and
 * parameters are checked once, before any work.
 * @throws TF_ERR_STRATEGY_UNKNOWN, TF_ERR_STRATEGY_PARAMETER
 */
export async function scanUniverse(universe: readonly Bars[], options: ScanUniverseOptions): Promise<SeriesScan[]> {
  const request: ScanRequest = { strategies: options.strategies, structure: options.structure, patterns: options.patterns, levels: options.levels };
  const strategies = prepareScanStrategies(request);
  const total = universe.length;
  const bars = universe.reduce((n, series) => n + series.length, 0);
  const requested = options.threads ?? 'auto';
  const threads = requested !== 'auto' ? requested : bars < autoParallelBars ? 0 : availableParallelism();
  // `auto` uses every core with this thread as one of them: a scan's results are a third of
  // its cost again when cloned back from a worker, and a new worker's code starts cold, so
  // this thread scans chunks too and starts one worker fewer. An explicit count is that many workers.
  const helping = requested === 'auto';
  const workers = helping ? threads - 1 : threads;
  let done = 0;
  if (workers <= 0 || total === 0) {
    return universe.map((series) => {
      const scan = scanSeries(series, request, strategies);
      options.onProgress?.(++done, total);
      return scan;
    });
  }
  const chunkCount = Math.min(total, (workers + (helping ? 1 : 0)) * 6);
  const chunks = contiguousChunks(total, chunkCount).map(([from, to]) => universe.slice(from, to));
  const results: SeriesScan[][] = new Array(chunkCount);
  // Chunks go to whoever is free next, in order; results land at their chunk's place.
  let next = 0;
  const finished = (chunk: readonly Bars[]) => {
    done += chunk.length;
    options.onProgress?.(done, total);
  };
  const pool = createWorkerPool('scanWorker', Math.min(workers, chunkCount));
  const viaWorker = async () => {
    for (let k = next++; k < chunkCount; k = next++) {
      const packed = packBars(chunks[k]);
      const task: ScanTask = { universe: packed, request };
      results[k] = (await pool.run(move({ [transferableSymbol]: packed.buffer, [valueSymbol]: task }))) as SeriesScan[];
      finished(chunks[k]);
    }
  };
  const onThisThread = async () => {
    for (let k = next++; k < chunkCount; k = next++) {
      const scans: SeriesScan[] = [];
      for (const series of chunks[k]) {
        scans.push(scanSeries(series, request, strategies));
        // Between series, let the workers' results in and hand them their next chunks.
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
      results[k] = scans;
      finished(chunks[k]);
    }
  };
  try {
    const running = Array.from({ length: Math.min(workers, chunkCount) }, viaWorker);
    if (helping) running.push(onThisThread());
    await Promise.all(running);
    return results.flat();
  } finally {
    await pool.destroy();
  }
}
