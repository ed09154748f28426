import type { EvictionPolicy } from './EvictionPolicy.js';
import { hashKey } from './hashKey.js';
import { GhostKeys } from './GhostKeys.js';
import { SlotLists } from './SlotLists.js';

const small = 0;
const main = 1;
/** Hits remembered per entry (2 bits, as in the paper). */
const maxCount = 3;

export interface S3FifoPolicyOptions {
  maxBytes: number;
  /** Share of the budget for the small queue that new keys enter (the paper's 10%). */
  smallFraction?: number;
}

/**
 * S3-FIFO (Yang, Zhang, Qiu, Yue and Vinayak, "FIFO queues are all you need for cache
 * eviction", SOSP 2023), by bytes: three FIFO queues.
 *
 * - New keys enter *small* (10% of the budget). When small is over its share, its oldest entry
 *   moves to *main* if it was hit while in small, and is dropped otherwise, its key remembered
 *   in *ghost* (hashes only, as many as there are entries).
 * - A new key found in ghost (dropped from small, then asked for again) enters main directly.
 * - Main is a FIFO with lazy promotion (CLOCK-like): its oldest entry, if hit since it was last
 *   looked at, goes back to the front with its count lowered; otherwise it is evicted.
 *
 * A one-time scan of many cold keys passes through small and out again without touching main,
 * where the frequently used keys stay: scan resistant, like W-TinyLFU. Chosen over W-TinyLFU
 * because a hit only raises a 2-bit count (no list move, no sketch update), which makes a hit
 * cheaper than plain LRU's: on the bench replay (bench/cache/l1Cases.ts) a W-TinyLFU written for
 * this tier reached a hit ratio of 0.689 against 0.680 here (LRU 0.617), but its hits ran at
 * 0.6x lru-cache's `get`, these at 1.25x. Eviction is amortised O(1): each pass over a main
 * entry spends one count that an earlier hit paid for. Hand-written, typed arrays: hot path.
 */
export class S3FifoPolicy implements EvictionPolicy {
  private readonly lists: SlotLists;
  private queue: Uint8Array;
  private hits: Uint8Array;
  private sizes: Float64Array;
  private hashes: Int32Array;
  private readonly ghost = new GhostKeys();
  private entries = 0;
  private smallBytes = 0;
  private readonly smallMax: number;

  constructor(slotCapacity: number, options: S3FifoPolicyOptions) {
    this.lists = new SlotLists(2, slotCapacity);
    this.queue = new Uint8Array(slotCapacity);
    this.hits = new Uint8Array(slotCapacity);
    this.sizes = new Float64Array(slotCapacity);
    this.hashes = new Int32Array(slotCapacity);
    this.smallMax = Math.floor(options.maxBytes * (options.smallFraction ?? 0.1));
  }

  grow(slotCapacity: number): void {
    this.lists.grow(slotCapacity);
    if (slotCapacity <= this.queue.length) return;
    const queue = new Uint8Array(slotCapacity);
    queue.set(this.queue);
    this.queue = queue;
    const hits = new Uint8Array(slotCapacity);
    hits.set(this.hits);
    this.hits = hits;
    const sizes = new Float64Array(slotCapacity);
    sizes.set(this.sizes);
    this.sizes = sizes;
    const hashes = new Int32Array(slotCapacity);
    hashes.set(this.hashes);
    this.hashes = hashes;
  }

  /** A replaced record keeps its key's queue and count; a new key enters small, or main when ghost knows it. */
  add(slot: number, key: string, bytes: number, replacing: boolean): void {
    let queue = this.queue[slot];
    if (!replacing) {
      const hash = hashKey(key);
      this.hashes[slot] = hash;
      this.hits[slot] = 0;
      queue = this.ghost.take(hash) ? main : small;
      this.queue[slot] = queue;
    }
    this.sizes[slot] = bytes;
    this.lists.pushFront(queue, slot);
    if (queue === small) this.smallBytes += bytes;
    this.entries++;
  }

  access(slot: number): void {
    const count = this.hits[slot];
    if (count < maxCount) this.hits[slot] = count + 1;
  }

  /** Its queue, count and hash stay recorded, for a replacing `add`. */
  remove(slot: number): void {
    this.lists.unlink(slot);
    if (this.queue[slot] === small) this.smallBytes -= this.sizes[slot];
    this.entries--;
  }

  victim(): number {
    for (;;) {
      const oldestSmall = this.lists.last(small);
      if (oldestSmall >= 0 && (this.smallBytes > this.smallMax || this.lists.isEmpty(main))) {
        if (this.hits[oldestSmall] > 0) {
          // Used again while new: it has earned main space.
          this.hits[oldestSmall] = 0;
          this.queue[oldestSmall] = main;
          this.lists.moveToFront(main, oldestSmall);
          this.smallBytes -= this.sizes[oldestSmall];
          continue;
        }
        this.ghost.add(this.hashes[oldestSmall], Math.max(16, this.entries));
        return oldestSmall;
      }
      const oldestMain = this.lists.last(main);
      if (oldestMain < 0) return -1;
      const count = this.hits[oldestMain];
      if (count === 0) return oldestMain;
      this.hits[oldestMain] = count - 1;
      this.lists.moveToFront(main, oldestMain);
    }
  }
}
