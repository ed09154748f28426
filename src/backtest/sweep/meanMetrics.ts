import type { PerformanceMetrics } from '../metrics/PerformanceMetrics.js';

/**
 * The metrics of several series as one row: each numeric field is the mean of the series'
 * values where they are defined (NaN ones are skipped, as pandas' `mean` skips them: a symbol
 * without trades has no win rate, which says nothing about the others), NaN when none is;
 * `maxDrawdownRecovered` holds when it holds for all. One series gives its own metrics.
 */
export function meanMetrics(list: readonly PerformanceMetrics[]): PerformanceMetrics {
  if (list.length === 1) return list[0];
  const mean: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(list[0])) {
    if (typeof value !== 'number') continue;
    let sum = 0;
    let count = 0;
    for (const metrics of list) {
      const x = (metrics as unknown as Record<string, number>)[key];
      if (!Number.isNaN(x)) {
        sum += x;
        count++;
      }
    }
    mean[key] = count > 0 ? sum / count : NaN;
  }
  mean.maxDrawdownRecovered = list.every((metrics) => metrics.maxDrawdownRecovered);
  mean.notes = [`Means over ${list.length} series, each simulated on its own account; values a series leaves undefined (NaN) are skipped.`];
  return mean as unknown as PerformanceMetrics;
}

/** The mean of the defined values (NaN skipped); NaN when there is none. */
export function meanOfDefined(values: readonly number[]): number {
  let sum = 0;
  let count = 0;
  for (const value of values) {
    if (!Number.isNaN(value)) {
      sum += value;
      count++;
    }
  }
  return count > 0 ? sum / count : NaN;
}
