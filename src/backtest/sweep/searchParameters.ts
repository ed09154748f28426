import type { Bars } from '../../core/Bars.js';
import { isTickforgeError, TickforgeError } from '../../core/errors.js';
import { Random } from '../../core/Random.js';
import type { Strategy } from '../../strategy/Strategy.js';
import { resolveSweepSettings, type BarWindow } from './evaluatePoint.js';
import { evolveParameters, type EvolutionOptions } from './evolveParameters.js';
import { gridPoints, gridSize, randomPoints, type ParameterPoint, type ParameterRange } from './parameterSpace.js';
import { checkPoint, runSweep, SweepMemos, type RunSweepOptions, type SweepPointResult } from './runSweep.js';
import { compareScores, metricDirection, type MetricDirection, type SweepMetric } from './sweepMetric.js';

/** How a search walks the space: every point, a seeded random sample, or a genetic search. */
export type SearchMode =
  | { kind: 'grid' }
  | { kind: 'random'; count: number; seed?: number }
  | { kind: 'evolve'; evolution?: EvolutionOptions };

/** Evaluates batches of points over fixed series and settings: on this thread or on workers. */
export interface SweepEvaluator {
  /** The objective its results score. */
  readonly metric: SweepMetric;
  /** Results in the order of `points`, their `index` counted from `firstIndex`. */
  evaluate(points: readonly ParameterPoint[], options?: EvaluateOptions): Promise<SweepPointResult[]>;
  /** Releases what the evaluator holds (its worker threads). */
  close(): Promise<void>;
}

export interface EvaluateOptions {
  window?: BarWindow;
  firstIndex?: number;
  onProgress?: (done: number, total: number) => void;
}

/** An evaluator on this thread; its memos live as long as it does, so a search's batches share the indicators. */
export function inlineEvaluator(strategy: Strategy, series: readonly Bars[], settings: Omit<RunSweepOptions, 'window' | 'memos' | 'firstIndex' | 'onProgress'>): SweepEvaluator {
  const memos = new SweepMemos();
  return {
    metric: resolveSweepSettings(settings).metric,
    evaluate: async (points, options = {}) => runSweep(strategy, series, points, { ...settings, ...options, memos }),
    close: async () => {},
  };
}

export interface SearchResult {
  metric: SweepMetric;
  direction: 'maximise' | 'minimise';
  /** Every evaluated point, in evaluation order (grid order for a grid). */
  results: SweepPointResult[];
  /** The same results best first: NaN scores last, ties in evaluation order. */
  ranked: SweepPointResult[];
  /** Points the strategy refuses (e.g. a fast period not below the slow one): counted, not run. */
  skipped: { count: number; reasons: string[] };
}

export interface SearchOptions {
  window?: BarWindow;
  /** Points done and the total expected (for a genetic search, an upper bound until it ends). */
  onProgress?: (done: number, total: number) => void;
}

/**
 * Searches a strategy's parameter space with an evaluator. A grid or random search evaluates
 * its points as one batch (the evaluator spreads it over threads); a genetic search evaluates
 * each generation as one. Points the strategy refuses are skipped and counted, so a grid such
 * as fastPeriod=5:50:5,slowPeriod=20:200:10 over a strategy that needs fast < slow runs the
 * valid pairs. Points are scored by the evaluator's metric. The same space, mode, seed and
 * data give the same result.
 */
export async function searchParameters(strategy: Strategy, ranges: readonly ParameterRange[], mode: SearchMode, evaluator: SweepEvaluator, options: SearchOptions = {}): Promise<SearchResult> {
  const metric = evaluator.metric;
  const direction = metricDirection(metric);
  const skipped = { count: 0, reasons: [] as string[] };
  const valid = (points: readonly ParameterPoint[]) => points.filter((point) => isValid(strategy, point, skipped));
  let results: SweepPointResult[];
  if (mode.kind === 'evolve') {
    results = await evolve(ranges, mode.evolution, direction, (points) => valid(points), evaluator, options);
  } else {
    const points = valid(mode.kind === 'grid' ? gridPoints(ranges) : randomPoints(ranges, randomCount(mode.count, gridSize(ranges)), Random.fromSeed(mode.seed ?? 1, 'sweep-random')));
    results = await evaluator.evaluate(points, { window: options.window, onProgress: options.onProgress });
  }
  return { metric, direction, results, ranked: rankResults(results, direction), skipped };
}

/** Results best first under the direction: NaN scores last, ties in `index` order. */
export function rankResults(results: readonly SweepPointResult[], direction: MetricDirection): SweepPointResult[] {
  return [...results].sort((a, b) => compareScores(a.score, b.score, direction) || a.index - b.index);
}

async function evolve(
  ranges: readonly ParameterRange[],
  evolution: EvolutionOptions | undefined,
  direction: MetricDirection,
  valid: (points: readonly ParameterPoint[]) => ParameterPoint[],
  evaluator: SweepEvaluator,
  options: SearchOptions,
): Promise<SweepPointResult[]> {
  const results: SweepPointResult[] = [];
  const population = evolution?.population ?? 32;
  const total = Math.min(gridSize(ranges), population * ((evolution?.generations ?? 10) + 1));
  await evolveParameters(
    ranges,
    async (points) => {
      const runnable = valid(points);
      const batch = await evaluator.evaluate(runnable, {
        window: options.window,
        firstIndex: results.length,
        onProgress: (done) => options.onProgress?.(Math.min(total, results.length + done), total),
      });
      results.push(...batch);
      const scores = new Map(runnable.map((point, k) => [point, batch[k].score]));
      // The genetic search maximises; refused points rank last, like NaN scores.
      return points.map((point) => {
        const score = scores.get(point);
        return score === undefined || Number.isNaN(score) ? NaN : direction === 'minimise' ? -score : score;
      });
    },
    evolution,
  );
  options.onProgress?.(results.length, results.length);
  return results;
}

function isValid(strategy: Strategy, point: ParameterPoint, skipped: { count: number; reasons: string[] }): boolean {
  try {
    checkPoint(strategy, point);
    return true;
  } catch (error) {
    if (!isTickforgeError(error, 'TF_ERR_STRATEGY_PARAMETER')) throw error;
    skipped.count++;
    if (skipped.reasons.length < 3 && !skipped.reasons.includes(error.message)) skipped.reasons.push(error.message);
    return false;
  }
}

function randomCount(count: number, size: number): number {
  if (!Number.isInteger(count) || count < 1) {
    throw new TickforgeError('TF_ERR_CORE_ARGUMENT_INVALID', `A random search needs a whole number of points >= 1, got ${count}.`, { details: { option: 'count', value: count } });
  }
  return Math.min(count, size);
}
