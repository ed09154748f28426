import { TickforgeError } from '../core/index.js';

/** The Date range in ms; both stores hold it and wider, so its ends serve as "no bound". */
export const earliestTime = -8.64e15;
export const latestTime = 8.64e15;

/**
 * The inclusive integer bounds of a `readBars(symbol, timeframe, from, to)` range: a missing or
 * infinite bound is open, a fractional one is rounded inwards (the first whole millisecond at or
 * after `from`, the last at or before `to`), and both are clamped to the Date range. `lower >
 * upper` means an empty range.
 * @throws TF_ERR_CORE_ARGUMENT_INVALID when a bound is NaN.
 */
export function readRangeBounds(from: number | undefined, to: number | undefined): { lower: number; upper: number } {
  return { lower: boundOf(from, earliestTime, 'from', Math.ceil), upper: boundOf(to, latestTime, 'to', Math.floor) };
}

function boundOf(value: number | undefined, fallback: number, name: string, round: (x: number) => number): number {
  if (value === undefined || value === Infinity || value === -Infinity) return fallback;
  if (Number.isNaN(value)) {
    throw new TickforgeError('TF_ERR_CORE_ARGUMENT_INVALID', `readBars: "${name}" is NaN; pass a time in ms since the epoch or leave it out.`, {
      details: { [name]: value },
    });
  }
  return Math.min(latestTime, Math.max(earliestTime, round(value)));
}
