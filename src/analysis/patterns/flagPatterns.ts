import type { PatternLine } from './chartPatternTypes.js';
import { lineThrough, type PatternScanner } from './PatternScanner.js';

/**
 * Bull flag (`top`: looked for when a swing high is confirmed) or bear flag (a swing low).
 *
 * Definitions (bull; the bear flag mirrors it):
 * - The flag's two highs are the last two swing highs: the pole top H0 and the new one H1, at
 *   most `flagMaximumBars` bars apart.
 * - The pole runs from the lowest swing low whose pivot is at most `poleMaximumBars` bars before H0
 *   up to H0, with no high above H0 in between; its length (H0 minus that low) is at least
 *   `poleMinimum` ATRs (the ATR at the formation bar).
 * - The flag drifts against the pole or sideways: H1 is not above H0 by more than
 *   `flatTolerance`. Its upper line runs through H0 and H1; its lower line is parallel, through
 *   the lowest low of the bars between them (a bar extreme: so close to H0 it is often no swing),
 *   which retraces at most `flagRetracement` of the pole.
 * - Closes from H0 to H1 stay within the lines widened by `lineTolerance`.
 * - Bullish: a close above the upper line breaks it out, a close below the lower line
 *   invalidates it. Height: the pole, so target = the upper line at the breakout + the pole.
 * - Formed at H1's confirmation, unless a close since H1 is already beyond a line.
 */
export function detectFlag(scanner: PatternScanner, top: boolean): void {
  const list = top ? scanner.highs : scanner.lows;
  const n = list.length;
  if (n - 2 < (top ? scanner.highStart : scanner.lowStart)) return;
  const options = scanner.options;
  const edgePoint = list[n - 2];
  const lastPoint = list[n - 1];
  const positions = top ? scanner.highPositions : scanner.lowPositions;
  const edgePosition = positions[n - 2];
  const lastPosition = positions[n - 1];
  if (lastPoint.index - edgePoint.index > options.flagMaximumBars) return;
  const sign = top ? 1 : -1;
  if (sign * (lastPoint.price - edgePoint.price) > options.flatTolerance * scanner.scale) return;
  const poleAt = scanner.extremeSwingBetween(top, edgePoint.index - options.poleMaximumBars - 1, edgePoint.index);
  if (poleAt < 0) return;
  const poleStart = (top ? scanner.lows : scanner.highs)[poleAt];
  const pole = sign * (edgePoint.price - poleStart.price);
  if (!(pole > 0 && pole >= options.poleMinimum * scanner.atr)) return;
  const mask = scanner.mask;
  const troughValues = top ? scanner.low : scanner.high;
  const dip = scanner.extremeAt(edgePosition + 1, lastPosition - 1, top);
  const dipPrice = troughValues[dip & mask];
  if (sign * (edgePoint.price - dipPrice) > options.flagRetracement * pole) return;
  const poleStartPosition = (top ? scanner.lowPositions : scanner.highPositions)[poleAt];
  const peakValues = top ? scanner.high : scanner.low;
  if (poleStartPosition + 1 < edgePosition && sign * (peakValues[scanner.extremeAt(poleStartPosition + 1, edgePosition - 1, !top) & mask] - edgePoint.price) > 0) return;
  const edge = lineThrough(edgePoint.index, edgePoint.price, lastPoint.index, lastPoint.price);
  const parallel: PatternLine = { slope: edge.slope, intercept: dipPrice - edge.slope * scanner.indexAt(dip) };
  const upper = top ? edge : parallel;
  const lower = top ? parallel : edge;
  if (!scanner.closesWithin(upper, lower, edgePosition, lastPosition, options.lineTolerance * scanner.scale)) return;
  if (!scanner.closesWithin(upper, lower, lastPosition + 1, scanner.position, 0)) return;
  // The flag's low as a swing when it is one.
  const dipSwingAt = scanner.extremeSwingBetween(top, edgePoint.index, lastPoint.index);
  const dipSwing = dipSwingAt < 0 ? undefined : (top ? scanner.lows : scanner.highs)[dipSwingAt];
  const dipPoint = dipSwing !== undefined && dipSwing.index === scanner.indexAt(dip) ? dipSwing : scanner.barPoint(top ? 'low' : 'high', dip);
  const points = [poleStart, edgePoint, dipPoint, lastPoint];
  scanner.report(top ? 'bull-flag' : 'bear-flag', top ? 'bullish' : 'bearish', points, upper, lower, pole, scanner.index + options.expireAfter);
}
