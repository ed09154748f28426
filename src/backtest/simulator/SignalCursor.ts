import { lowestNonZeroByte } from './lowestNonZeroByte.js';

/**
 * The next bar carrying an entry/exit-array signal of one symbol, for the run loops that jump
 * over the bars where nothing can happen. Each column keeps the first non-zero index at or after
 * the last bar asked about, so a whole run scans every column once. The scan reads four bytes
 * at a time where the column is 4-byte aligned (sparse signals are mostly zero words): about a
 * quarter of the cost of a byte loop, which matters when the scan is most of a run.
 */
export class SignalCursor {
  private readonly columns: Uint8Array[];
  private readonly words: Uint32Array[];
  private readonly next: Int32Array;

  constructor(columns: readonly (Uint8Array | undefined)[], private readonly length: number) {
    this.columns = columns.filter((column): column is Uint8Array => column !== undefined);
    // A column at an unaligned offset gets no word view and is scanned byte by byte.
    this.words = this.columns.map((column) => (column.byteOffset % 4 === 0 ? new Uint32Array(column.buffer, column.byteOffset, length >>> 2) : new Uint32Array(0)));
    this.next = new Int32Array(this.columns.length).fill(-1);
  }

  /** The first bar at or after `from` with a non-zero value in any column, or the series length. */
  nextFrom(from: number): number {
    let best = this.length;
    for (let c = 0; c < this.columns.length; c++) {
      let k = this.next[c];
      if (k < from) {
        k = this.scan(c, from);
        this.next[c] = k;
      }
      if (k < best) best = k;
    }
    return best;
  }

  private scan(c: number, from: number): number {
    const column = this.columns[c];
    const words = this.words[c];
    const length = this.length;
    let k = from;
    while (k < length && (k & 3) !== 0) {
      if (column[k] !== 0) return k;
      k++;
    }
    let w = k >>> 2;
    if (w < words.length) {
      while (w < words.length && words[w] === 0) w++;
      if (w < words.length) return (w << 2) + lowestNonZeroByte(words[w]);
      k = w << 2;
    }
    while (k < length && column[k] === 0) k++;
    return k;
  }
}
