import { TickforgeError } from '../../core/index.js';
import { cacheCategories, type CacheRecord, type InvalidationSelector, type MemoryCacheTier, type TierStats } from '../ports.js';
import { evictionPolicyNames, type EvictionPolicy, type EvictionPolicyName } from './EvictionPolicy.js';
import { LfuPolicy } from './LfuPolicy.js';
import { LruPolicy } from './LruPolicy.js';
import { S3FifoPolicy } from './S3FifoPolicy.js';

export interface MemoryTierOptions {
  /** Upper bound of the summed `bytes` of the records held; never exceeded after a call returns. */
  maxBytes: number;
  /**
   * `hybrid` (the default): S3-FIFO, scan resistant, the best hit ratio per cost (see
   * S3FifoPolicy); `lru`: exact least recently used; `lfu`: least frequently used with aging.
   */
  policy?: EvictionPolicyName;
  /** Hybrid only: the share of `maxBytes` for the queue new keys enter (default 0.1). */
  smallFraction?: number;
}

export interface MemoryTierStats extends TierStats {
  /** Entries dropped by `delete`. */
  deletes: number;
  /** Records not kept because they alone exceed `maxBytes`. */
  oversized: number;
  /** Distinct tags in the tag index (it holds only tags of live entries). */
  indexedTags: number;
}

const initialSlots = 64;
const noTags: readonly string[] = [];

/**
 * L1: the in-process tier, bounded by bytes (the `bytes` each record declares, see
 * `estimateBytes`), with TTLs and a choice of eviction policy. Records and their values are
 * held by reference: a `Bars` comes back as the same object, never copied, so callers treat
 * it as read-only.
 *
 * Layout, for speed (`peek` is the hot path of a strategy reading the same series every bar,
 * and must beat lru-cache's `get`; bench/suites/cache.ts measures it): a Map from key to a small
 * integer slot, per-slot data in parallel arrays (expiry in a `Float64Array`, so a hit reads no
 * record field), and policies that keep their order in typed-array linked lists, no per-entry
 * objects. `peek` is synchronous, with no promise and no allocation.
 *
 * Semantics: an expired record is a miss (counted as a miss and an expiration) and is dropped
 * when found. A record larger than `maxBytes` is not kept (`set` resolves false; an older record
 * of that key is dropped, since it is stale). A tag index (tag -> keys) makes `invalidate({ tags })`
 * proportional to the matches; it is cleaned whenever an entry leaves, whatever the reason.
 * `invalidate({ prefix })` scans the keys. A selector with both drops the union.
 */
export class MemoryTier implements MemoryCacheTier {
  readonly name = 'l1' as const;
  readonly maxBytes: number;
  readonly policyName: EvictionPolicyName;
  private readonly smallFraction: number | undefined;

  private slotOf = new Map<string, number>();
  private keys: (string | undefined)[] = [];
  private records: (CacheRecord | undefined)[] = [];
  private tagsOf: (readonly string[])[] = [];
  private expiresAt = new Float64Array(0);
  private sizes = new Float64Array(0);
  private capacity = 0;
  /** Slots never used yet start here; freed slots go to `freeSlots`. */
  private unusedFrom = 0;
  private freeSlots: number[] = [];
  private policy: EvictionPolicy;
  private tagIndex = new Map<string, Set<string>>();
  private totalBytes = 0;
  private closed = false;

  private hits = 0;
  private misses = 0;
  private sets = 0;
  private evictions = 0;
  private expirations = 0;
  private invalidations = 0;
  private deletes = 0;
  private oversized = 0;

  /** @throws TF_ERR_CORE_ARGUMENT_INVALID for a budget that is not a positive number or an unknown policy. */
  constructor(options: MemoryTierOptions) {
    const { maxBytes, policy = 'hybrid', smallFraction } = options;
    if (!(Number.isFinite(maxBytes) && maxBytes > 0)) {
      throw new TickforgeError('TF_ERR_CORE_ARGUMENT_INVALID', `L1 cache maxBytes ${maxBytes} must be a positive number of bytes (e.g. 268435456 for 256 MiB).`, {
        details: { maxBytes },
      });
    }
    if (!evictionPolicyNames.includes(policy)) {
      throw new TickforgeError('TF_ERR_CORE_ARGUMENT_INVALID', `L1 cache policy "${String(policy)}" is unknown; use one of ${evictionPolicyNames.join(', ')}.`, {
        details: { policy },
      });
    }
    if (smallFraction !== undefined && !(smallFraction >= 0 && smallFraction < 1)) {
      throw new TickforgeError('TF_ERR_CORE_ARGUMENT_INVALID', `L1 cache smallFraction ${smallFraction} must lie in [0, 1) (default 0.1).`, {
        details: { smallFraction },
      });
    }
    this.maxBytes = Math.floor(maxBytes);
    this.policyName = policy;
    this.smallFraction = smallFraction;
    this.policy = this.createPolicy();
    this.grow(initialSlots);
  }

  /** The live record of `key`, or undefined; a hit counts as a use for the eviction policy. */
  peek(key: string, now: number): CacheRecord | undefined {
    const slot = this.slotOf.get(key);
    if (slot !== undefined && now < this.expiresAt[slot]) {
      this.hits++;
      this.policy.access(slot);
      return this.records[slot];
    }
    this.miss(slot);
    return undefined;
  }

  async get(key: string, now: number): Promise<CacheRecord | undefined> {
    return this.peek(key, now);
  }

  async getMany(keys: readonly string[], now: number): Promise<(CacheRecord | undefined)[]> {
    return keys.map((key) => this.peek(key, now));
  }

  async set(key: string, record: CacheRecord): Promise<boolean> {
    return this.put(key, record);
  }

  /**
   * `set` without the promise. Returns whether the record is held when the call returns: false
   * only when it alone exceeds `maxBytes` (any older record of the key is dropped, being stale)
   * or after `close`. Room is made before the record goes in, so it is never its own victim.
   * @throws TF_ERR_CORE_ARGUMENT_INVALID for a record with negative or non-finite `bytes`, an
   *   unknown category or a NaN expiry (a caller bug, which would corrupt the accounting).
   */
  put(key: string, record: CacheRecord): boolean {
    if (!(Number.isFinite(record.bytes) && record.bytes >= 0) || !cacheCategories.includes(record.category) || Number.isNaN(record.expiresAt)) {
      throw new TickforgeError('TF_ERR_CORE_ARGUMENT_INVALID', `L1 cache record for key "${key}" has bytes ${record.bytes}, category "${record.category}", expiresAt ${record.expiresAt}; bytes must be a finite number >= 0 (use estimateBytes), the category one of ${cacheCategories.join(', ')}, the expiry a number or Infinity.`, {
        details: { key, bytes: record.bytes, category: record.category },
      });
    }
    if (this.closed) return false;
    const existing = this.slotOf.get(key);
    const bytes = Math.ceil(record.bytes);
    if (bytes > this.maxBytes) {
      this.oversized++;
      if (existing !== undefined) this.removeSlot(existing);
      return false;
    }
    this.sets++;
    if (existing !== undefined) {
      // Out of the policy while room is made, so it cannot be picked; back in with what the policy knew.
      this.policy.remove(existing);
      this.totalBytes -= this.sizes[existing];
      this.unindexTags(key, this.tagsOf[existing]);
      this.makeRoom(bytes);
      this.store(existing, record, bytes);
      this.policy.add(existing, key, bytes, true);
      return true;
    }
    this.makeRoom(bytes);
    const slot = this.allocateSlot();
    this.slotOf.set(key, slot);
    this.keys[slot] = key;
    this.store(slot, record, bytes);
    this.policy.add(slot, key, bytes, false);
    return true;
  }

  async delete(keys: readonly string[]): Promise<void> {
    for (const key of keys) {
      const slot = this.slotOf.get(key);
      if (slot === undefined) continue;
      this.removeSlot(slot);
      this.deletes++;
    }
  }

  async invalidate(selector: InvalidationSelector): Promise<number> {
    return this.drop(selector);
  }

  /** `invalidate` without the promise: drops the matching entries and returns how many. */
  drop(selector: InvalidationSelector): number {
    let dropped = 0;
    if (selector.tags !== undefined) {
      for (const tag of selector.tags) {
        const keys = this.tagIndex.get(tag);
        if (keys === undefined) continue;
        // removeSlot edits this set (and may delete it from the index): iterate a copy.
        for (const key of [...keys]) {
          this.removeSlot(this.slotOf.get(key)!);
          dropped++;
        }
      }
    }
    if (selector.prefix !== undefined) {
      const prefix = selector.prefix;
      // Deleting the entry being visited is safe while iterating a Map.
      for (const [key, slot] of this.slotOf) {
        if (key.startsWith(prefix)) {
          this.removeSlot(slot);
          dropped++;
        }
      }
    }
    this.invalidations += dropped;
    return dropped;
  }

  stats(): MemoryTierStats {
    return {
      hits: this.hits,
      misses: this.misses,
      sets: this.sets,
      evictions: this.evictions,
      expirations: this.expirations,
      invalidations: this.invalidations,
      errors: 0,
      entries: this.slotOf.size,
      bytes: this.totalBytes,
      deletes: this.deletes,
      oversized: this.oversized,
      indexedTags: this.tagIndex.size,
    };
  }

  /** Drops every entry and releases the memory; later sets are refused (resolve false), lookups miss. */
  async close(): Promise<void> {
    this.closed = true;
    this.slotOf = new Map();
    this.tagIndex = new Map();
    this.keys = [];
    this.records = [];
    this.tagsOf = [];
    this.freeSlots = [];
    this.capacity = 0;
    this.unusedFrom = 0;
    this.expiresAt = new Float64Array(0);
    this.sizes = new Float64Array(0);
    this.totalBytes = 0;
    this.policy = this.createPolicy();
  }

  private miss(slot: number | undefined): void {
    this.misses++;
    if (slot !== undefined) {
      this.expirations++;
      this.removeSlot(slot);
    }
  }

  private makeRoom(bytes: number): void {
    while (this.totalBytes + bytes > this.maxBytes) {
      this.removeSlot(this.policy.victim());
      this.evictions++;
    }
  }

  private store(slot: number, record: CacheRecord, bytes: number): void {
    this.records[slot] = record;
    // Own copies of what the bookkeeping relies on: a caller editing its record later cannot
    // unbalance the byte count or orphan tag index entries.
    const tags = record.tags.length === 0 ? noTags : [...record.tags];
    this.tagsOf[slot] = tags;
    this.indexTags(this.keys[slot]!, tags);
    this.expiresAt[slot] = record.expiresAt;
    this.sizes[slot] = bytes;
    this.totalBytes += bytes;
  }

  private removeSlot(slot: number): void {
    const key = this.keys[slot]!;
    this.policy.remove(slot);
    this.slotOf.delete(key);
    this.totalBytes -= this.sizes[slot];
    this.unindexTags(key, this.tagsOf[slot]);
    this.keys[slot] = undefined;
    this.records[slot] = undefined;
    this.tagsOf[slot] = noTags;
    this.freeSlots.push(slot);
  }

  private indexTags(key: string, tags: readonly string[]): void {
    for (const tag of tags) {
      let keys = this.tagIndex.get(tag);
      if (keys === undefined) this.tagIndex.set(tag, (keys = new Set()));
      keys.add(key);
    }
  }

  private unindexTags(key: string, tags: readonly string[]): void {
    for (const tag of tags) {
      const keys = this.tagIndex.get(tag);
      if (keys === undefined) continue;
      keys.delete(key);
      if (keys.size === 0) this.tagIndex.delete(tag);
    }
  }

  private allocateSlot(): number {
    const reused = this.freeSlots.pop();
    if (reused !== undefined) return reused;
    if (this.unusedFrom === this.capacity) this.grow(2 * this.capacity);
    return this.unusedFrom++;
  }

  private grow(capacity: number): void {
    capacity = Math.max(capacity, initialSlots);
    const expiresAt = new Float64Array(capacity);
    expiresAt.set(this.expiresAt);
    this.expiresAt = expiresAt;
    const sizes = new Float64Array(capacity);
    sizes.set(this.sizes);
    this.sizes = sizes;
    for (let slot = this.capacity; slot < capacity; slot++) {
      this.keys.push(undefined);
      this.records.push(undefined);
      this.tagsOf.push(noTags);
    }
    this.capacity = capacity;
    this.policy.grow(capacity);
  }

  private createPolicy(): EvictionPolicy {
    if (this.policyName === 'lru') return new LruPolicy(initialSlots);
    if (this.policyName === 'lfu') return new LfuPolicy(initialSlots);
    return new S3FifoPolicy(initialSlots, { maxBytes: this.maxBytes, smallFraction: this.smallFraction });
  }
}
