import { move, transferableSymbol, valueSymbol } from 'piscina';
import type { Piscina } from 'piscina';
import { resolveSweepSettings, type SweepSettings } from '../backtest/sweep/evaluatePoint.js';
import type { ParameterPoint } from '../backtest/sweep/parameterSpace.js';
import type { SweepPointResult } from '../backtest/sweep/runSweep.js';
import type { EvaluateOptions, SweepEvaluator } from '../backtest/sweep/searchParameters.js';
import type { Bars } from '../core/Bars.js';
import { TickforgeError } from '../core/errors.js';
import type { Strategy } from '../strategy/Strategy.js';
import { packBars } from './packBars.js';
import type { SweepTask } from './sweepWorker.js';
import { createWorkerPool } from './workerPool.js';
import { contiguousChunks } from './contiguousChunks.js';

/**
 * Chunks per thread in a batch: enough for an even finish and a progress bar that moves,
 * few enough that each chunk's own indicator pass and bar copy stay a small share of its work.
 */
const chunksPerThread = 16;

/**
 * A sweep evaluator on `threads` worker threads, for a built-in strategy (workers find it by
 * name). Each batch is cut into contiguous chunks of points, so grid neighbours, which share
 * indicators, run on one worker; each chunk gets the series as one transferred buffer (only
 * the bars before the batch's window end: nothing later is needed). Results come back in the
 * order of the points, identical to the run on this thread whatever the thread count.
 * @throws TF_ERR_CORE_ARGUMENT_INVALID for settings that cannot cross to a thread (a router `knownAt` function)
 */
export function workerEvaluator(strategy: Strategy, series: readonly Bars[], settings: SweepSettings, threads: number): SweepEvaluator {
  const portable = portableSettings(settings);
  let pool: Piscina | undefined;
  return {
    metric: resolveSweepSettings(settings).metric,
    async evaluate(points: readonly ParameterPoint[], options: EvaluateOptions = {}): Promise<SweepPointResult[]> {
      const total = points.length;
      if (total === 0) return [];
      pool ??= createWorkerPool('sweepWorker', threads);
      const running = pool;
      const end = options.window?.end;
      const prefix = end === undefined ? series : series.map((bars) => bars.slice(0, Math.min(end, bars.length)));
      const chunkCount = Math.min(total, threads * chunksPerThread);
      const firstIndex = options.firstIndex ?? 0;
      let done = 0;
      const chunks = await Promise.all(
        contiguousChunks(total, chunkCount).map(async ([from, to]) => {
          const universe = packBars(prefix);
          const task: SweepTask = { strategy: strategy.name, universe, points: points.slice(from, to), settings: portable, window: options.window, firstIndex: firstIndex + from };
          const results = (await running.run(move({ [transferableSymbol]: universe.buffer, [valueSymbol]: task }))) as SweepPointResult[];
          done += to - from;
          options.onProgress?.(done, total);
          return results;
        }),
      );
      return chunks.flat();
    },
    async close(): Promise<void> {
      await pool?.destroy();
      pool = undefined;
    },
  };
}

/** The settings as plain data: a Timeframe becomes its code; a function cannot cross at all. */
function portableSettings(settings: SweepSettings): SweepSettings {
  const router = settings.router;
  if (router === undefined) return settings;
  if (router.knownAt !== undefined) {
    throw new TickforgeError('TF_ERR_CORE_ARGUMENT_INVALID', 'A sweep on worker threads cannot take the router option knownAt (a function); give the router a timeframe instead, or run with threads: 0.', {
      details: { option: 'router.knownAt' },
    });
  }
  return router.timeframe === undefined ? settings : { ...settings, router: { ...router, timeframe: String(router.timeframe) } };
}
