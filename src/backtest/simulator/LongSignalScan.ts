import { lowestNonZeroByte } from './lowestNonZeroByte.js';

/**
 * The next bar at or after `from` with an entry or an exit (or `n`): both columns scanned
 * together, eight bars per step through 4-byte words where both columns are 4-byte aligned
 * (sparse signals are mostly zero words), the bar within a word found from its lowest set bit
 * rather than by a loop whose exit mispredicts; byte by byte where the columns are not aligned
 * and after the last whole word.
 */
export class LongSignalScan {
  readonly entries: Uint8Array;
  readonly exits: Uint8Array;
  private readonly entryWords: Uint32Array;
  private readonly exitWords: Uint32Array;

  constructor(entries: Uint8Array | undefined, exits: Uint8Array | undefined, private readonly n: number) {
    // A missing column scans as zeros (one shared zero column keeps the loop free of checks).
    const zeros = entries === undefined || exits === undefined ? new Uint8Array(n) : undefined;
    this.entries = entries ?? zeros!;
    this.exits = exits ?? zeros!;
    const aligned = this.entries.byteOffset % 4 === 0 && this.exits.byteOffset % 4 === 0;
    const words = (column: Uint8Array) => (aligned ? new Uint32Array(column.buffer, column.byteOffset, n >>> 2) : new Uint32Array(0));
    this.entryWords = words(this.entries);
    this.exitWords = words(this.exits);
  }

  nextFrom(from: number): number {
    const n = this.n;
    if (from >= n) return n;
    const a = this.entryWords;
    const b = this.exitWords;
    const words = a.length;
    let w = from >>> 2;
    let k = from;
    if (w < words) {
      // The word holding `from`, without its bytes before `from`; then two words per step.
      let any = (a[w] | b[w]) & (-1 << ((from & 3) << 3));
      if (any === 0) {
        w++;
        while (w + 1 < words && (a[w] | b[w] | a[w + 1] | b[w + 1]) === 0) w += 2;
        if (w < words) {
          any = a[w] | b[w];
          if (any === 0 && ++w < words) any = a[w] | b[w];
        }
      }
      if (any !== 0) return (w << 2) + lowestNonZeroByte(any);
      k = words << 2;
    }
    const entries = this.entries;
    const exits = this.exits;
    while (k < n && (entries[k] | exits[k]) === 0) k++;
    return k;
  }
}
