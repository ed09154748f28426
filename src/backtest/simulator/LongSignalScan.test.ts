import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LongSignalScan } from './LongSignalScan.js';
import { SignalCursor } from './SignalCursor.js';

/** Mostly zeros, as sparse signals are, at a byte offset `shift` (not a multiple of 4 unless 0: the scans read aligned columns by words). */
function sparseColumn(raw: Uint8Array, n: number, sparsity: number, shift: number): Uint8Array {
  const view = new Uint8Array(n + shift).subarray(shift);
  view.set(raw.subarray(0, n).map((value) => (value % 10 < sparsity ? 0 : value)));
  return view;
}

/** The first bar at or after `from` with a non-zero value in any column, by a loop over every bar. */
function naiveNext(columns: readonly Uint8Array[], n: number, from: number): number {
  let k = from;
  while (k < n && columns.every((column) => column[k] === 0)) k++;
  return Math.min(k, n);
}

// Lengths up to 300 ('max': fast-check's default size keeps arrays to a few elements, shorter than the words the scans read).
const columnsArbitrary = fc.record({
  entries: fc.uint8Array({ maxLength: 300, size: 'max' }),
  exits: fc.uint8Array({ maxLength: 300, size: 'max' }),
  shift: fc.nat(3),
  from: fc.nat(310),
  sparsity: fc.nat(9),
});

describe('LongSignalScan', () => {
  it('finds the next bar with an entry or an exit, as a loop over every bar does, aligned or not', () => {
    fc.assert(
      fc.property(columnsArbitrary, ({ entries: rawEntries, exits: rawExits, shift, from, sparsity }) => {
        const n = Math.min(rawEntries.length, rawExits.length);
        const entries = sparseColumn(rawEntries, n, sparsity, shift);
        const exits = sparseColumn(rawExits, n, sparsity, shift);
        expect(new LongSignalScan(entries, exits, n).nextFrom(from)).toBe(naiveNext([entries, exits], n, from));
      }),
      { numRuns: 500 },
    );
  });
});

describe('SignalCursor', () => {
  it('finds the next bar with a value in any column, asked in increasing order, as a loop over every bar does', () => {
    fc.assert(
      fc.property(columnsArbitrary, fc.array(fc.nat(310), { maxLength: 8, size: 'max' }), ({ entries: rawEntries, exits: rawExits, shift, sparsity }, steps) => {
        const n = Math.min(rawEntries.length, rawExits.length);
        // One column aligned, one shifted: each scans in its own way.
        const columns = [sparseColumn(rawEntries, n, sparsity, 0), sparseColumn(rawExits, n, sparsity, shift)];
        const cursor = new SignalCursor([columns[0], undefined, columns[1]], n);
        let from = 0;
        for (const step of steps) {
          from += step % 40;
          expect(cursor.nextFrom(from)).toBe(naiveNext(columns, n, from));
        }
      }),
      { numRuns: 500 },
    );
  });
});
