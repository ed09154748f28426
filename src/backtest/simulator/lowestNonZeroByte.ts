/**
 * The position (0 to 3) of the first non-zero byte of a non-zero 32-bit word read from a byte
 * column (little-endian: the earliest bar), from the word's lowest set bit. The signal scans use
 * it instead of a byte loop over the word, whose exit mispredicts once per signal found.
 */
export function lowestNonZeroByte(word: number): number {
  return (31 - Math.clz32(word & -word)) >>> 3;
}
