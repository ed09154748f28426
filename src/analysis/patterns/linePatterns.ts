import type { SwingPoint } from '../smc/swings.js';
import type { ChartPatternKind, PatternDirection, PatternLine, PatternPoint } from './chartPatternTypes.js';
import type { PatternScanner } from './PatternScanner.js';

const directionOf: Partial<Record<ChartPatternKind, PatternDirection>> = {
  'ascending-triangle': 'bullish',
  'descending-triangle': 'bearish',
  'symmetric-triangle': 'neutral',
  'rising-wedge': 'bearish',
  'falling-wedge': 'bullish',
  'ascending-channel': 'neutral',
  'descending-channel': 'neutral',
  'horizontal-channel': 'neutral',
};

/**
 * Triangles, wedges and channels: two boundary lines fitted to the latest swings, looked for
 * whenever a swing (high or low) is confirmed.
 *
 * Definitions:
 * - The upper line is the least-squares line through the last `boundarySwings` swing highs
 *   (x = bar index, y = price), the lower line through the last `boundarySwings` swing lows;
 *   each of those swings lies within `lineTolerance` of its line. The highs and lows
 *   interleave (the first high comes before the last low and the first low before the last
 *   high), and the span from the first of them to the last is at most `maximumSpan` bars.
 * - The width (upper minus lower) is positive at both ends of the span, and the wider end is at
 *   least `minimumHeight`. Each line is flat when its change over the span is at most
 *   `flatTolerance`, else rising or falling. The lines converge when the width at the end is
 *   smaller than at the start by more than `parallelTolerance` of the larger one, are parallel
 *   within it, and diverge otherwise.
 * - Converging: flat top and rising bottom: ascending triangle (bullish); falling top and flat
 *   bottom: descending triangle (bearish); falling top and rising bottom, or both flat:
 *   symmetric triangle (neutral); both rising: rising wedge (bearish); both falling: falling
 *   wedge (bullish). Parallel: both flat: horizontal channel; both rising: ascending channel;
 *   both falling: descending channel (neutral: a close beyond either line is the breakout).
 *   Anything else (broadening shapes) is no pattern.
 * - Every close from the first swing to the last lies within the lines widened by
 *   `lineTolerance`; a close beyond a line after the last swing, before the formation bar, means
 *   the pattern resolved before it could be known, and it is not reported.
 * - Height: the widest width over the span (at its start for triangles and wedges); target =
 *   the broken line at the breakout bar ± height.
 * - Converging lines (a channel's too, when they are parallel only within the tolerance) cross
 *   at the apex; the pattern expires at the last bar before it if it has not broken out by then
 *   (or `expireAfter` bars after formation, whichever comes first), and is not reported when no
 *   bar after the formation bar comes before the apex.
 */
export function detectLinePattern(scanner: PatternScanner): void {
  const options = scanner.options;
  const count = options.boundarySwings;
  const highs = scanner.highs;
  const lows = scanner.lows;
  const firstHigh = highs.length - count;
  const firstLow = lows.length - count;
  if (firstHigh < scanner.highStart || firstLow < scanner.lowStart) return;
  const lastHigh = highs[highs.length - 1];
  const lastLow = lows[lows.length - 1];
  if (!(highs[firstHigh].index < lastLow.index && lows[firstLow].index < lastHigh.index)) return;
  const startIndex = Math.min(highs[firstHigh].index, lows[firstLow].index);
  const endIndex = Math.max(lastHigh.index, lastLow.index);
  const span = endIndex - startIndex;
  if (span > options.maximumSpan) return;
  const tolerance = options.lineTolerance * scanner.scale;
  // Fitted into the scanner's scratch lines: most evaluations end before a pattern is reported.
  const upper = scanner.upperFit;
  const lower = scanner.lowerFit;
  if (!fitLine(highs, firstHigh, tolerance, upper) || !fitLine(lows, firstLow, tolerance, lower)) return;
  const startWidth = upper.intercept + upper.slope * startIndex - (lower.intercept + lower.slope * startIndex);
  const endWidth = upper.intercept + upper.slope * endIndex - (lower.intercept + lower.slope * endIndex);
  if (!(startWidth > 0 && endWidth > 0)) return;
  const height = Math.max(startWidth, endWidth);
  if (!(height >= options.minimumHeight * scanner.scale)) return;
  const flat = options.flatTolerance * scanner.scale;
  const upperTrend = trendOf(upper.slope * span, flat);
  const lowerTrend = trendOf(lower.slope * span, flat);
  const change = (endWidth - startWidth) / height;
  const kind = change < -options.parallelTolerance ? convergingKind(upperTrend, lowerTrend) : change <= options.parallelTolerance ? parallelKind(upperTrend, lowerTrend) : undefined;
  if (kind === undefined || !scanner.enabled(kind)) return;
  const firstPosition = Math.min(scanner.highPositions[firstHigh], scanner.lowPositions[firstLow]);
  const lastPosition = Math.max(scanner.highPositions[highs.length - 1], scanner.lowPositions[lows.length - 1]);
  if (!scanner.closesWithin(upper, lower, lastPosition + 1, scanner.position, 0)) return;
  if (!scanner.closesWithin(upper, lower, firstPosition, lastPosition, tolerance)) return;
  let lastBreakoutIndex = scanner.index + options.expireAfter;
  if (lower.slope > upper.slope) {
    const apex = startIndex + startWidth / (lower.slope - upper.slope);
    // The last bar before the apex; the nudge keeps an apex that is a whole bar in exact arithmetic on that bar despite rounding.
    lastBreakoutIndex = Math.min(lastBreakoutIndex, Math.ceil(apex - 1e-7) - 1);
    if (!(lastBreakoutIndex > scanner.index)) return;
  }
  const upperLine: PatternLine = { slope: upper.slope, intercept: upper.intercept };
  const lowerLine: PatternLine = { slope: lower.slope, intercept: lower.intercept };
  scanner.report(kind, directionOf[kind]!, mergedPoints(highs, firstHigh, lows, firstLow), upperLine, lowerLine, height, lastBreakoutIndex);
}

/** -1 falling, 0 flat, 1 rising, from a line's change over the span. */
function trendOf(change: number, flat: number): -1 | 0 | 1 {
  return change > flat ? 1 : change < -flat ? -1 : 0;
}

function convergingKind(upper: -1 | 0 | 1, lower: -1 | 0 | 1): ChartPatternKind | undefined {
  if (upper === 0) return lower === 1 ? 'ascending-triangle' : lower === 0 ? 'symmetric-triangle' : undefined;
  if (upper === -1) return lower === 0 ? 'descending-triangle' : lower === 1 ? 'symmetric-triangle' : 'falling-wedge';
  return lower === 1 ? 'rising-wedge' : undefined;
}

function parallelKind(upper: -1 | 0 | 1, lower: -1 | 0 | 1): ChartPatternKind | undefined {
  if (upper !== lower) return undefined;
  return upper === 0 ? 'horizontal-channel' : upper === 1 ? 'ascending-channel' : 'descending-channel';
}

/** Least-squares line through `pivots[first..]` into `out`; false when a pivot lies farther than `tolerance` from it. */
function fitLine(pivots: readonly SwingPoint[], first: number, tolerance: number, out: { slope: number; intercept: number }): boolean {
  const n = pivots.length - first;
  if (n === 2) {
    const a = pivots[first];
    const b = pivots[first + 1];
    out.slope = (b.price - a.price) / (b.index - a.index);
    out.intercept = a.price - out.slope * a.index;
    return true;
  }
  // Centre x on the first pivot so the sums stay small.
  const origin = pivots[first].index;
  let sumX = 0;
  let sumY = 0;
  for (let k = first; k < pivots.length; k++) {
    sumX += pivots[k].index - origin;
    sumY += pivots[k].price;
  }
  const meanX = sumX / n;
  const meanY = sumY / n;
  let products = 0;
  let squares = 0;
  for (let k = first; k < pivots.length; k++) {
    const dx = pivots[k].index - origin - meanX;
    products += dx * (pivots[k].price - meanY);
    squares += dx * dx;
  }
  const slope = products / squares;
  const intercept = meanY - slope * (meanX + origin);
  for (let k = first; k < pivots.length; k++) {
    const point = pivots[k];
    if (Math.abs(point.price - (intercept + slope * point.index)) > tolerance) return false;
  }
  out.slope = slope;
  out.intercept = intercept;
  return true;
}

/** The swings of both lines in bar order (a high before a low on the same bar). */
function mergedPoints(highs: readonly SwingPoint[], firstHigh: number, lows: readonly SwingPoint[], firstLow: number): PatternPoint[] {
  const points: PatternPoint[] = [];
  let h = firstHigh;
  let l = firstLow;
  while (h < highs.length || l < lows.length) {
    if (l >= lows.length || (h < highs.length && highs[h].index <= lows[l].index)) points.push(highs[h++]);
    else points.push(lows[l++]);
  }
  return points;
}
