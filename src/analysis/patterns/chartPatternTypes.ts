/** The chart patterns `chartPatterns` detects; a pattern's code is its position here, its column bit `1 << code`. */
export const chartPatternKinds = Object.freeze([
  'double-top',
  'double-bottom',
  'head-and-shoulders',
  'inverse-head-and-shoulders',
  'ascending-triangle',
  'descending-triangle',
  'symmetric-triangle',
  'rising-wedge',
  'falling-wedge',
  'bull-flag',
  'bear-flag',
  'ascending-channel',
  'descending-channel',
  'horizontal-channel',
] as const);

export type ChartPatternKind = (typeof chartPatternKinds)[number];

// A literal rather than built from the list: its shape is fixed, so looking a kind up stays cheap on the per-event path.
const bits: Readonly<Record<ChartPatternKind, number>> = {
  'double-top': 1 << 0,
  'double-bottom': 1 << 1,
  'head-and-shoulders': 1 << 2,
  'inverse-head-and-shoulders': 1 << 3,
  'ascending-triangle': 1 << 4,
  'descending-triangle': 1 << 5,
  'symmetric-triangle': 1 << 6,
  'rising-wedge': 1 << 7,
  'falling-wedge': 1 << 8,
  'bull-flag': 1 << 9,
  'bear-flag': 1 << 10,
  'ascending-channel': 1 << 11,
  'descending-channel': 1 << 12,
  'horizontal-channel': 1 << 13,
};

/** The bit of `kind` in the `formedKinds` / `breakoutKinds` / `failedKinds` columns. */
export function chartPatternBit(kind: ChartPatternKind): number {
  return bits[kind];
}

/** The kinds whose bits are set in a column value (`formedKinds[i]`, ...), in `chartPatternKinds` order. */
export function chartPatternKindsOf(mask: number): ChartPatternKind[] {
  return chartPatternKinds.filter((_, code) => (mask & (1 << code)) !== 0);
}

/**
 * Which side a pattern is expected to break: 'bullish' up through its upper line, 'bearish'
 * down through its lower line, 'neutral' either way (symmetric triangles and channels, where
 * the side taken is the signal).
 */
export type PatternDirection = 'bullish' | 'bearish' | 'neutral';

/** 'pending' until a close crosses a line or the pattern expires. */
export type PatternStatus = 'pending' | 'breakout' | 'invalidated' | 'expired';

/** A straight line in bar-index space: its price at bar index `x` is `intercept + slope * x` (see `lineValue`). */
export interface PatternLine {
  readonly slope: number;
  readonly intercept: number;
}

export function lineValue(line: PatternLine, index: number): number {
  return line.intercept + line.slope * index;
}

/**
 * A point that shapes a pattern: a confirmed swing (the `SwingPoint` itself: `confirmedIndex`
 * its confirmation bar), or a bar extreme the rules pick that is no swing, such as the deepest
 * bar of a flag close to its pole top (`confirmedIndex` -1, `confirmedTime` NaN).
 */
export interface PatternPoint {
  readonly kind: 'high' | 'low';
  readonly index: number;
  readonly time: number;
  readonly price: number;
  readonly confirmedIndex: number;
  readonly confirmedTime: number;
}

/**
 * A chart pattern, reported at the bar where it became known (`formedIndex`: the confirmation
 * of the last swing that completes its shape) and updated in place when a later bar breaks it
 * out, invalidates it or lets it expire. Fields about later bars are -1 / NaN / 'pending' /
 * 0 until they happen.
 *
 * Lines: `upper` and `lower` bound the pattern (for a double top, `lower` is the neckline and
 * `upper` the level of the higher peak; for a head and shoulders, `lower` is the neckline and
 * `upper` the level of the head; the mirror for bottoms). A breakout is the first bar after
 * `formedIndex` whose close is strictly beyond a line on the expected side (`direction`); a close
 * beyond the other line first invalidates a bullish or bearish pattern; a neutral pattern breaks
 * out on either side. A pattern still pending after the close of `lastBreakoutIndex` expires.
 */
export interface ChartPattern {
  readonly kind: ChartPatternKind;
  readonly direction: PatternDirection;
  /** The points that shape it, in bar order. */
  readonly points: readonly PatternPoint[];
  readonly upper: PatternLine;
  readonly lower: PatternLine;
  /** The measured move: projected from the breakout level to give `target` (see each kind's definition). */
  readonly height: number;
  /** The first point's bar. */
  readonly startIndex: number;
  readonly formedIndex: number;
  readonly formedTime: number;
  /** The last bar that can break it out: `expireAfter` bars after formation, or earlier at a triangle's or wedge's apex. */
  readonly lastBreakoutIndex: number;
  status: PatternStatus;
  breakoutIndex: number;
  breakoutTime: number;
  /** 1 up through `upper`, -1 down through `lower`; 0 until a breakout. */
  breakoutDirection: -1 | 0 | 1;
  /** The broken line's value at the breakout bar, the level the target is projected from. */
  breakoutLevel: number;
  /** The close of the breakout bar. */
  breakoutPrice: number;
  /** `breakoutLevel + breakoutDirection * height`. */
  target: number;
  /** The bar where it stopped pending: the breakout, the invalidating close, or the expiry. */
  endIndex: number;
  endTime: number;
}
