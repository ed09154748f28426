/**
 * Relative tolerance under which two indicator values count as equal. Prices quoted in cents
 * often make two averages mathematically equal (SMA(3) and SMA(8) of Ford both at 12.34),
 * while the batch kernel and the stream sum in different orders and land a few units in the
 * last place apart. Treating such values as a tie makes both forms of a strategy decide alike.
 */
export const tieTolerance = 1e-10;

/** -1, 0 or 1 as `a` is below, level with (within `tieTolerance`), or above `b`; NaN when either is NaN. */
export function compareLevels(a: number, b: number): number {
  const difference = a - b;
  const scale = tieTolerance * Math.max(Math.abs(a), Math.abs(b), 1e-300);
  if (difference > scale) return 1;
  if (difference < -scale) return -1;
  return difference === difference ? 0 : NaN;
}
