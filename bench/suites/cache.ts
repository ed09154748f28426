import { mergeCaseResults } from '../cache/cacheCases.js';
import { runL1Cases } from '../cache/l1Cases.js';
import { runL2Cases } from '../cache/l2Cases.js';
import type { Suite } from '../harness.js';

/**
 * The tiered cache. Each tier's cases live in bench/cache/<tier>Cases.ts and return a
 * CacheCaseResults; add a group (L2 Redis, TieredCache end to end) by calling it here.
 */
export const run: Suite = async (context) => {
  const groups = [await runL1Cases(context), await runL2Cases(context)];
  return { suite: 'cache', ...mergeCaseResults(groups) };
};
