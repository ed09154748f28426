/**
 * `total` items cut into `count` contiguous runs of near-equal size, as [from, to) bounds in
 * order: neighbouring items (a sweep's neighbouring points sharing indicators, a universe's
 * series in input order) stay together, and results put back in chunk order are in input order.
 */
export function contiguousChunks(total: number, count: number): Array<[from: number, to: number]> {
  return Array.from({ length: count }, (_, k) => [Math.floor((k * total) / count), Math.floor(((k + 1) * total) / count)]);
}
