import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { LRUCache } from 'lru-cache';
import type { EvictionPolicyName } from '../../src/cache/memory/EvictionPolicy.js';
import { MemoryTier } from '../../src/cache/memory/MemoryTier.js';
import type { CacheRecord } from '../../src/cache/ports.js';
import { Random } from '../../src/core/Random.js';
import { median } from '../median.js';

export interface ThroughputOptions {
  keys?: number;
  /** Lookups per timed round. */
  lookups?: number;
  warmupRounds?: number;
  rounds?: number;
}

export interface ThroughputFigures {
  policy: EvictionPolicyName;
  /** Median lookups per second over the rounds, all hits. */
  memoryTier: number;
  lruCache: number;
  /** Median of the per-round ratios (each round times both back to back, so load drift cancels). */
  ratio: number;
}

/**
 * L1 get hit: `MemoryTier.peek` of one policy against `lru-cache` `get`: the same keys
 * (`bars:S0000:1d`-like), the same uniformly random order of lookups, every key resident
 * (lru-cache `max` = the key count; MemoryTier `maxBytes` = the summed record bytes). Each
 * round times one pass of each, back to back.
 */
export function measurePeekThroughput(policy: EvictionPolicyName, options: ThroughputOptions = {}): ThroughputFigures {
  const { keys: keyCount = 10_000, lookups = 2_000_000, warmupRounds = 5, rounds = 15 } = options;
  const keys = Array.from({ length: keyCount }, (_, index) => `bars:S${String(index).padStart(4, '0')}:1d`);
  const random = Random.fromSeed(7, 'l1-throughput');
  const order = Int32Array.from({ length: lookups }, () => random.nextInt(keyCount));
  const bytes = 61_000;
  const records = keys.map((): CacheRecord => ({ value: {}, category: 'bars', expiresAt: Infinity, tags: [], bytes }));
  const tier = new MemoryTier({ maxBytes: keyCount * bytes, policy });
  keys.forEach((key, index) => tier.put(key, records[index]));
  const peer = new LRUCache<string, CacheRecord>({ max: keyCount });
  keys.forEach((key, index) => peer.set(key, records[index]));

  const ours: number[] = [];
  const theirs: number[] = [];
  const ratios: number[] = [];
  for (let round = 0; round < warmupRounds + rounds; round++) {
    const a = timeTier(tier, keys, order);
    const b = timePeer(peer, keys, order);
    if (round < warmupRounds) continue;
    ours.push(a);
    theirs.push(b);
    ratios.push(a / b);
  }
  if (tier.stats().entries !== keyCount || tier.stats().misses !== 0) throw new Error(`throughput setup: ${policy} does not hold every key`);
  return { policy, memoryTier: median(ours), lruCache: median(theirs), ratio: median(ratios) };
}

/**
 * The same measurement in a fresh process (this file run with the current tsx loader): a
 * deployment runs one policy, so the policy call inside `peek` is monomorphic there; measuring
 * the three in one process would time a polymorphic call no deployment makes.
 */
export function measurePeekThroughputIsolated(policy: EvictionPolicyName): ThroughputFigures {
  const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), policy], { encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`L1 throughput child for ${policy} failed (exit ${child.status}): ${child.stderr}`);
  return JSON.parse(child.stdout) as ThroughputFigures;
}

function timeTier(tier: MemoryTier, keys: readonly string[], order: Int32Array): number {
  let found = 0;
  const start = performance.now();
  for (let i = 0; i < order.length; i++) {
    if (tier.peek(keys[order[i]], 0) !== undefined) found++;
  }
  const seconds = (performance.now() - start) / 1_000;
  if (found !== order.length) throw new Error('throughput: a lookup missed');
  return order.length / seconds;
}

function timePeer(peer: LRUCache<string, CacheRecord>, keys: readonly string[], order: Int32Array): number {
  let found = 0;
  const start = performance.now();
  for (let i = 0; i < order.length; i++) {
    if (peer.get(keys[order[i]]) !== undefined) found++;
  }
  const seconds = (performance.now() - start) / 1_000;
  if (found !== order.length) throw new Error('throughput: a lookup missed');
  return order.length / seconds;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.stdout.write(JSON.stringify(measurePeekThroughput(process.argv[2] as EvictionPolicyName)));
}
