import { LRUCache } from 'lru-cache';
import type { EvictionPolicyName } from '../../src/cache/memory/EvictionPolicy.js';
import { MemoryTier } from '../../src/cache/memory/MemoryTier.js';
import type { CacheRecord } from '../../src/cache/ports.js';
import type { BenchContext, BenchMeasurement, BenchTarget } from '../harness.js';
import type { CacheCaseResults } from './cacheCases.js';
import { measurePeekThroughputIsolated } from './l1Throughput.js';
import { replayWorkload } from './replayWorkload.js';

const policies: readonly EvictionPolicyName[] = ['lru', 'lfu', 'hybrid'];
const throughputTarget = 10_000_000;

export interface HitRatioFigures {
  ratios: Record<EvictionPolicyName | 'lru-cache', number>;
  reads: number;
  scanReads: number;
  keys: number;
  budgetBytes: number;
  budgetEntries: number;
  valueBytes: number;
}

/**
 * Hit ratio on the replay of replayWorkload.ts, as a read-through cache would see it: look up,
 * and on a miss store the (loaded) value. Budget: `budgetFraction` of the universe's bytes.
 */
export function measureL1HitRatios(budgetFraction = 0.15): HitRatioFigures {
  const workload = replayWorkload();
  const budgetBytes = Math.floor(workload.universeBytes * budgetFraction);
  const records = workload.keys.map((): CacheRecord => ({ value: workload.value, category: 'bars', expiresAt: Infinity, tags: [], bytes: workload.valueBytes }));
  const ratios = {} as HitRatioFigures['ratios'];
  for (const policy of policies) {
    const tier = new MemoryTier({ maxBytes: budgetBytes, policy });
    let hits = 0;
    for (let i = 0; i < workload.reads.length; i++) {
      const key = workload.keys[workload.reads[i]];
      if (tier.peek(key, 0) !== undefined) hits++;
      else tier.put(key, records[workload.reads[i]]);
    }
    ratios[policy] = hits / workload.reads.length;
  }
  const peer = new LRUCache<string, CacheRecord>({ maxSize: budgetBytes, sizeCalculation: (record) => record.bytes });
  let hits = 0;
  for (let i = 0; i < workload.reads.length; i++) {
    const key = workload.keys[workload.reads[i]];
    if (peer.get(key) !== undefined) hits++;
    else peer.set(key, records[workload.reads[i]]);
  }
  ratios['lru-cache'] = hits / workload.reads.length;
  return {
    ratios,
    reads: workload.reads.length,
    scanReads: workload.scanReads,
    keys: workload.keys.length,
    budgetBytes,
    budgetEntries: Math.floor(budgetBytes / workload.valueBytes),
    valueBytes: workload.valueBytes,
  };
}

/** The L1 part of the `cache` suite: throughput per policy against lru-cache, then hit ratios. */
export async function runL1Cases(context: BenchContext): Promise<CacheCaseResults> {
  const measurements: BenchMeasurement[] = [];
  const targets: BenchTarget[] = [];
  for (const policy of policies) {
    const figures = measurePeekThroughputIsolated(policy);
    const name = `L1 get hit, 10,000 resident keys (policy ${policy})`;
    measurements.push(
      { case: name, implementation: 'tickforge', metric: 'lookups per second', value: figures.memoryTier, unit: 'ops/s', better: 'higher' },
      { case: name, implementation: 'lru-cache', metric: 'lookups per second', value: figures.lruCache, unit: 'ops/s', better: 'higher' },
    );
    targets.push(
      { description: `MemoryTier.peek hit (${policy})`, measured: figures.memoryTier, unit: 'ops/s', target: throughputTarget, met: figures.memoryTier >= throughputTarget },
      {
        description: `MemoryTier.peek (${policy}) over lru-cache get, median of per-round ratios`,
        measured: figures.ratio,
        unit: 'x',
        target: 1,
        met: figures.ratio >= 1,
      },
    );
  }
  context.log('cache: L1 throughput measured');

  const replay = measureL1HitRatios();
  const replayCase = `L1 hit ratio, Zipf s=1 over ${replay.keys} keys with scans, budget ${replay.budgetEntries} entries`;
  const hitRatioRow = (implementation: string, value: number): BenchMeasurement => ({
    case: replayCase, implementation, metric: 'hit ratio', value, unit: 'ratio', better: 'higher',
  });
  // The default policy (hybrid) is "tickforge"; the other policies are listed as peers so the
  // printed ratios read "hybrid vs lru", "hybrid vs lru-cache".
  measurements.push(
    hitRatioRow('tickforge', replay.ratios.hybrid),
    hitRatioRow('MemoryTier lru', replay.ratios.lru),
    hitRatioRow('MemoryTier lfu', replay.ratios.lfu),
    hitRatioRow('lru-cache', replay.ratios['lru-cache']),
  );
  targets.push({
    description: 'hybrid hit ratio over LRU hit ratio on the replay',
    measured: replay.ratios.hybrid / replay.ratios.lru,
    unit: 'x',
    target: 1,
    met: replay.ratios.hybrid > replay.ratios.lru,
  });
  context.log('cache: L1 replay measured');

  return {
    measurements,
    targets,
    notes: [
      'L1 get hit: uniformly random lookups of 10,000 resident keys, 2,000,000 per round, 15 rounds after 5 warm-up rounds, MemoryTier and lru-cache timed back to back in each round, medians; each policy in its own process (as deployed: one policy per process), so lru-cache is measured anew beside each.',
      `L1 replay: ${replay.reads.toLocaleString('en-US')} reads (${replay.scanReads.toLocaleString('en-US')} of them in full scans, one every 20,000 Zipf reads), values ${replay.valueBytes.toLocaleString('en-US')} bytes (a 1,259-bar Bars), budget ${replay.budgetBytes.toLocaleString('en-US')} bytes = 15% of the universe; lru-cache by maxSize with the same sizes. Hit ratios: lru ${replay.ratios.lru.toFixed(4)}, lfu ${replay.ratios.lfu.toFixed(4)}, hybrid ${replay.ratios.hybrid.toFixed(4)}, lru-cache ${replay.ratios['lru-cache'].toFixed(4)}.`,
    ],
  };
}
