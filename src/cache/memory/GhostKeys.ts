/**
 * The most recently dropped keys (as 32-bit hashes, no values): a FIFO with O(1) membership.
 * A ring of (hash, sequence) pairs keeps the order; a Map from hash to its latest sequence
 * answers `take`. A ring slot whose sequence no longer matches the Map was taken or re-added
 * and is skipped when it falls off. A hash collision only admits a key to main space early.
 */
export class GhostKeys {
  private hashes = new Int32Array(64);
  private sequences = new Float64Array(64);
  private head = 0;
  private size = 0;
  private sequence = 0;
  private readonly index = new Map<number, number>();

  /** Remembers `hash`, forgetting the oldest beyond `limit` entries. */
  add(hash: number, limit: number): void {
    if (this.size === this.hashes.length) this.growRing();
    const position = (this.head + this.size) % this.hashes.length;
    const sequence = this.sequence++;
    this.hashes[position] = hash;
    this.sequences[position] = sequence;
    this.size++;
    this.index.set(hash, sequence);
    while (this.index.size > limit && this.size > 0) this.dropOldest();
    // Stale ring entries (taken, or superseded by a re-add) are trimmed once they dominate.
    while (this.size > 2 * Math.max(limit, 1) && this.size > 0) this.dropOldest();
  }

  /** Whether `hash` was remembered; it is forgotten either way. */
  take(hash: number): boolean {
    return this.index.delete(hash);
  }

  private dropOldest(): void {
    const hash = this.hashes[this.head];
    if (this.index.get(hash) === this.sequences[this.head]) this.index.delete(hash);
    this.head = (this.head + 1) % this.hashes.length;
    this.size--;
  }

  private growRing(): void {
    const capacity = 2 * this.hashes.length;
    const hashes = new Int32Array(capacity);
    const sequences = new Float64Array(capacity);
    for (let i = 0; i < this.size; i++) {
      const position = (this.head + i) % this.hashes.length;
      hashes[i] = this.hashes[position];
      sequences[i] = this.sequences[position];
    }
    this.hashes = hashes;
    this.sequences = sequences;
    this.head = 0;
  }
}
