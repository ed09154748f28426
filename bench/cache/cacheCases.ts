import type { SuiteResult } from '../harness.js';

/**
 * What one group of cache cases (L1 in bench/cache/l1Cases.ts, L2 beside it) contributes to the
 * `cache` suite; bench/suites/cache.ts concatenates the groups into one SuiteResult.
 */
export type CacheCaseResults = Pick<SuiteResult, 'measurements' | 'targets' | 'notes'>;

export function mergeCaseResults(groups: readonly CacheCaseResults[]): CacheCaseResults {
  return {
    measurements: groups.flatMap((group) => group.measurements),
    targets: groups.flatMap((group) => group.targets),
    notes: groups.flatMap((group) => group.notes),
  };
}
