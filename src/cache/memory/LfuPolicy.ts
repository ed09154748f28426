import type { EvictionPolicy } from './EvictionPolicy.js';
import { SlotLists } from './SlotLists.js';

/** Counts saturate here, so the buckets are a fixed set of lists and the victim scan is bounded. */
const maxCount = 255;
/** Aging runs after this many hits per live entry (and never more often than every 1,024 hits). */
const hitsPerEntryBetweenAging = 10;
const minimumAgingInterval = 1_024;

/**
 * Least frequently used with frequency buckets (after Shah, Mitra and Matani's O(1) LFU): one
 * list per use count 1..255; the victim is the oldest slot of the lowest non-empty bucket.
 *
 * Buckets are updated lazily, so that a hit costs one byte write: a hit only raises the slot's
 * count, and a slot sits in a bucket at or below its count. When eviction finds a slot at the
 * back of the lowest bucket whose count has risen, it moves it to the front of the bucket of its
 * count and looks again. The victim is still exactly a slot of the lowest count (every other
 * slot's count is at least its bucket's), and the moves are paid for by the hits that raised
 * the counts: amortised O(1). Finding the lowest bucket scans at most 255 list heads.
 *
 * Aging, so that keys popular long ago do not stay forever: after every `10 x entries` hits
 * every count is halved (1 stays 1). Each bucket is spliced whole onto its halved bucket in O(1)
 * and the counts are halved in one pass over a `Uint8Array`: O(entries) once per O(entries)
 * hits, amortised O(1).
 *
 * The tier evicts before it stores, so a new key (count 1) always gets in, at the expense of
 * the least used of the others; a replaced record keeps its key's count. Hand-written, typed
 * arrays: this is the hot path of every cached read.
 */
export class LfuPolicy implements EvictionPolicy {
  /** List c - 1 holds slots whose count was c when they were placed (their count may be higher now). */
  private readonly lists: SlotLists;
  private counts: Uint8Array;
  /** No bucket below this one holds a slot (a hint; buckets above it may be empty too). */
  private lowest = 1;
  private entries = 0;
  private hitsUntilAging = minimumAgingInterval;

  constructor(slotCapacity: number) {
    this.lists = new SlotLists(maxCount, slotCapacity);
    this.counts = new Uint8Array(slotCapacity);
  }

  grow(slotCapacity: number): void {
    this.lists.grow(slotCapacity);
    if (slotCapacity <= this.counts.length) return;
    const counts = new Uint8Array(slotCapacity);
    counts.set(this.counts);
    this.counts = counts;
  }

  add(slot: number, _key: string, _bytes: number, replacing: boolean): void {
    const count = replacing ? Math.max(1, this.counts[slot]) : 1;
    this.counts[slot] = count;
    this.lists.pushFront(count - 1, slot);
    if (count < this.lowest) this.lowest = count;
    this.entries++;
  }

  access(slot: number): void {
    const count = this.counts[slot];
    if (count < maxCount) this.counts[slot] = count + 1;
    if (--this.hitsUntilAging === 0) this.age();
  }

  /** Keeps the slot's count for a replacing `add`; a fresh `add` overwrites it. */
  remove(slot: number): void {
    this.lists.unlink(slot);
    this.entries--;
  }

  victim(): number {
    for (;;) {
      let bucket = this.lowest;
      while (bucket < maxCount && this.lists.isEmpty(bucket - 1)) bucket++;
      this.lowest = bucket;
      const oldest = this.lists.last(bucket - 1);
      if (oldest < 0) return -1;
      const count = this.counts[oldest];
      if (count === bucket) return oldest;
      this.lists.moveToFront(count - 1, oldest);
    }
  }

  private age(): void {
    // Ascending: bucket c's new home c >> 1 has already been emptied of its own slots.
    for (let count = 2; count <= maxCount; count++) this.lists.spliceToFront(count - 1, (count >> 1) - 1);
    const counts = this.counts;
    for (let slot = 0; slot < counts.length; slot++) {
      if (counts[slot] > 1) counts[slot] >>= 1;
    }
    this.lowest = 1;
    this.hitsUntilAging = Math.max(minimumAgingInterval, hitsPerEntryBetweenAging * this.entries);
  }
}
