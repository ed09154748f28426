import type { SwingPoint } from '../smc/swings.js';
import { lineValue, type PatternLine } from './chartPatternTypes.js';
import { horizontalLine, lineThrough, type PatternScanner } from './PatternScanner.js';

/**
 * Double top (`top`) or double bottom, looked for when a swing high (low) is confirmed.
 *
 * Definitions (top; the bottom mirrors it with lows):
 * - The second peak P2 is the new swing high. The first peak P1 is the most recent earlier
 *   swing high within `peakTolerance` of P2 and at most `maximumSpan` bars before it; the search
 *   stops at a swing high above P2 by more than the tolerance (a higher peak in between) and
 *   passes over lower ones.
 * - So every swing high between the peaks is lower than both, and then no bar between them has
 *   a high above the higher peak either: the highest such bar would itself be a swing high
 *   (its windows lie within the peaks' windows), so the peaks are the top of their span.
 * - The trough T is the lowest swing low between the peaks (none: no pattern); the neckline is
 *   horizontal at T, and the depth (the lower peak minus T) is at least `minimumHeight`.
 * - It reverses a rise: within as many bars before P1 as P1 is before P2, a swing low lies below
 *   T (price came up through the neckline level into the first peak).
 * - Lines: `lower` the neckline, `upper` horizontal at the higher peak. Bearish: a close below
 *   the neckline breaks it out, a close above the higher peak invalidates it.
 * - Height: the higher peak minus T, so target = neckline - (peak - neckline).
 * - Formed at P2's confirmation. If a close between P2 and that bar was already beyond a line,
 *   the pattern resolved before it could be known and is not reported.
 */
export function detectDoubleExtreme(scanner: PatternScanner, top: boolean): void {
  const options = scanner.options;
  const list = top ? scanner.highs : scanner.lows;
  const last = list.length - 1;
  const second = list[last];
  const tolerance = options.peakTolerance * scanner.scale;
  const sign = top ? 1 : -1;
  for (let k = last - 1; k >= (top ? scanner.highStart : scanner.lowStart); k--) {
    const first = list[k];
    if (second.index - first.index > options.maximumSpan) return;
    const beyond = sign * (first.price - second.price);
    if (Math.abs(beyond) <= tolerance) {
      doubleExtreme(scanner, first, second, top);
      return;
    }
    if (beyond > 0) return;
  }
}

function doubleExtreme(scanner: PatternScanner, first: SwingPoint, second: SwingPoint, top: boolean): void {
  const options = scanner.options;
  const sign = top ? 1 : -1;
  const at = scanner.extremeSwingBetween(top, first.index, second.index);
  if (at < 0) return;
  const trough = (top ? scanner.lows : scanner.highs)[at];
  const troughPrice = trough.price;
  const extreme = top ? Math.max(first.price, second.price) : Math.min(first.price, second.price);
  const inner = top ? Math.min(first.price, second.price) : Math.max(first.price, second.price);
  const depth = sign * (inner - troughPrice);
  if (!(depth > 0 && depth >= options.minimumHeight * scanner.scale)) return;
  const neckline = horizontalLine(troughPrice);
  if (!reverses(scanner, top, first.index, second.index - first.index, neckline)) return;
  const bound = horizontalLine(extreme);
  const upper = top ? bound : neckline;
  const lower = top ? neckline : bound;
  const secondPosition = (top ? scanner.highPositions : scanner.lowPositions)[(top ? scanner.highs : scanner.lows).length - 1];
  if (!scanner.closesWithin(upper, lower, secondPosition + 1, scanner.position, 0)) return;
  const points = [first, trough, second];
  scanner.report(top ? 'double-top' : 'double-bottom', top ? 'bearish' : 'bullish', points, upper, lower, sign * (extreme - troughPrice), scanner.index + options.expireAfter);
}

/**
 * Head and shoulders (`top`) or the inverse, looked for when a swing high (low) is confirmed.
 *
 * Definitions (top; the inverse mirrors it with lows):
 * - Left shoulder LS, head H and right shoulder RS are the last three swing highs, RS the new
 *   one, LS at most `maximumSpan` bars before RS.
 * - H is above each shoulder by more than `peakTolerance` (else it is a triple top), the
 *   shoulders are within `shoulderTolerance` of each other. As the three are consecutive swing
 *   highs, no bar between LS and RS is above H (the highest such bar would be a swing high).
 * - The troughs T1 (lowest swing low between LS and H) and T2 (between H and RS) define the
 *   neckline, a line through both (it may slope); both shoulders lie above it.
 * - Height: H minus the neckline at H's bar, at least `minimumHeight`; target = neckline at the
 *   breakout bar - height.
 * - It reverses a rise: within as many bars before LS as LS is before RS, a swing low lies below
 *   the neckline (at that swing's bar).
 * - Lines: `lower` the neckline, `upper` horizontal at H. Bearish: a close below the neckline
 *   breaks it out, a close above the head invalidates it. A neckline rising towards the head's
 *   level ends the pattern at the last bar before it gets there (as the apex ends a triangle).
 * - Formed at RS's confirmation, unless a close since RS is already beyond a line.
 */
export function detectHeadAndShoulders(scanner: PatternScanner, top: boolean): void {
  const list = top ? scanner.highs : scanner.lows;
  const n = list.length;
  if (n - 3 < (top ? scanner.highStart : scanner.lowStart)) return;
  const options = scanner.options;
  const left = list[n - 3];
  const head = list[n - 2];
  const right = list[n - 1];
  if (right.index - left.index > options.maximumSpan) return;
  const sign = top ? 1 : -1;
  const headPrice = head.price;
  const peakTolerance = options.peakTolerance * scanner.scale;
  if (!(sign * (headPrice - left.price) > peakTolerance && sign * (headPrice - right.price) > peakTolerance)) return;
  if (!(Math.abs(left.price - right.price) <= options.shoulderTolerance * scanner.scale)) return;
  const troughs = top ? scanner.lows : scanner.highs;
  const firstAt = scanner.extremeSwingBetween(top, left.index, head.index);
  const secondAt = scanner.extremeSwingBetween(top, head.index, right.index);
  if (firstAt < 0 || secondAt < 0) return;
  const firstTrough = troughs[firstAt];
  const secondTrough = troughs[secondAt];
  const neckline = lineThrough(firstTrough.index, firstTrough.price, secondTrough.index, secondTrough.price);
  if (!(sign * (left.price - lineValue(neckline, left.index)) > 0 && sign * (right.price - lineValue(neckline, right.index)) > 0)) return;
  const height = sign * (headPrice - lineValue(neckline, head.index));
  if (!(height > 0 && height >= options.minimumHeight * scanner.scale)) return;
  if (!reverses(scanner, top, left.index, right.index - left.index, neckline)) return;
  const bound = horizontalLine(headPrice);
  const upper = top ? bound : neckline;
  const lower = top ? neckline : bound;
  const rightPosition = (top ? scanner.highPositions : scanner.lowPositions)[n - 1];
  if (!scanner.closesWithin(upper, lower, rightPosition + 1, scanner.position, 0)) return;
  const points = [left, firstTrough, head, secondTrough, right];
  let lastBreakoutIndex = scanner.index + options.expireAfter;
  if (sign * neckline.slope > 0) {
    // A neckline sloping towards the head meets the head's level: the pattern means nothing from there on.
    const meeting = (headPrice - neckline.intercept) / neckline.slope;
    lastBreakoutIndex = Math.min(lastBreakoutIndex, Math.ceil(meeting - 1e-7) - 1);
    if (!(lastBreakoutIndex > scanner.index)) return;
  }
  scanner.report(top ? 'head-and-shoulders' : 'inverse-head-and-shoulders', top ? 'bearish' : 'bullish', points, upper, lower, height, lastBreakoutIndex);
}

/**
 * Whether a reversal pattern (`top`: of a rise) starting at bar `first` and `span` bars long has
 * something to reverse: the lowest swing low (highest swing high) of the `span` bars before
 * `first` lies beyond `neckline` at its bar.
 */
function reverses(scanner: PatternScanner, top: boolean, first: number, span: number, neckline: PatternLine): boolean {
  const at = scanner.extremeSwingBetween(top, first - span - 1, first);
  if (at < 0) return false;
  const swing = (top ? scanner.lows : scanner.highs)[at];
  return top ? swing.price < lineValue(neckline, swing.index) : swing.price > lineValue(neckline, swing.index);
}
