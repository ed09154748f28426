import { tieTolerance } from './compareLevels.js';

/**
 * `compareLevels` for values that live near zero, such as MACD and its signal line: they are
 * differences of prices, so the rounding that separates the batch and the stream forms is
 * relative to the price (`scale`, e.g. the close), not to the values. Two MACD readings of
 * 1e-15 and -1e-15 on a flat stretch are a tie, not a cross.
 * Returns -1, 0 or 1 as `a` is below, level with (within `tieTolerance` of the largest of
 * |a|, |b| and |scale|), or above `b`; NaN when any of them is NaN.
 */
export function compareAtScale(a: number, b: number, scale: number): number {
  const difference = a - b;
  const tolerance = tieTolerance * Math.max(Math.abs(a), Math.abs(b), Math.abs(scale), 1e-300);
  if (difference > tolerance) return 1;
  if (difference < -tolerance) return -1;
  return difference === difference && scale === scale ? 0 : NaN;
}
