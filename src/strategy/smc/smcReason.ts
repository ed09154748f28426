import { formatTime } from '../../core/time.js';
import { formatPrice } from '../builtin/formatPrice.js';
import type { MarketBias } from './marketBias.js';

/**
 * A price in a reason: seven significant digits, trailing zeros dropped (152.3, 0.0001234),
 * as the built-in strategies print them. Reasons print bar prices, and prices derived from the
 * ATR, which both forms of the strategy compute bit for bit alike (`streamedAtr` equals the
 * stream), so the text is identical.
 */
export { formatPrice };

/** A bar's open time: the date alone at midnight UTC (daily bars), else date and time to the minute. */
export function formatBarTime(time: number): string {
  const iso = formatTime(time);
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}

/** `bullish bias (1w BOS above 152.3, seen 2016-07-18)`: which structure, which level, and the base bar at which it became known. */
export function describeBias(bias: MarketBias, higherLabel: string): string {
  const structureBreak = bias.structureBreak;
  const side = bias.direction === 1 ? 'bullish' : 'bearish';
  if (structureBreak === undefined) return `${side} bias`;
  return `${side} bias (${describeBreak(bias, higherLabel)})`;
}

/** `1w CHoCH below 140.2, seen 2017-03-06`. */
export function describeBreak(bias: MarketBias, higherLabel: string): string {
  const structureBreak = bias.structureBreak!;
  const kind = structureBreak.kind === 'bos' ? 'BOS' : 'CHoCH';
  return `${higherLabel} ${kind} ${structureBreak.direction === 1 ? 'above' : 'below'} ${formatPrice(structureBreak.level)}, seen ${formatBarTime(bias.seenTime)}`;
}
