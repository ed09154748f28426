import type { Bars } from '../../src/core/Bars.js';
import type { ChartPattern } from '../../src/analysis/patterns/chartPatternTypes.js';
import { barsFromRows, type Row } from '../smc/structureFixtures.js';

/** A corner of a price path: bar index and close. */
export type Vertex = readonly [index: number, close: number];

/**
 * Bars whose closes run in straight lines between the vertices, each bar opening at the previous
 * close with no wick (high = max(open, close), low = min(open, close)). With swing strengths
 * shorter than the segments, every inner vertex is a swing at exactly its price: a peak bar's
 * high is the vertex and the next bar only ties it (its open), which the swing rule allows.
 */
export function pathBars(vertices: readonly Vertex[]): Bars {
  const last = vertices[vertices.length - 1][0];
  const closes = new Array<number>(last + 1);
  for (let v = 1; v < vertices.length; v++) {
    const [x0, y0] = vertices[v - 1];
    const [x1, y1] = vertices[v];
    for (let x = x0; x <= x1; x++) closes[x] = y0 + ((y1 - y0) * (x - x0)) / (x1 - x0);
  }
  const rows: Row[] = closes.map((close, i) => {
    const open = i === 0 ? close : closes[i - 1];
    return [open, Math.max(open, close), Math.min(open, close), close];
  });
  return barsFromRows(rows);
}

/** The same path upside down (price `around - p`): tops become bottoms and rising lines falling ones. */
export function mirrorPath(vertices: readonly Vertex[], around = 200): Vertex[] {
  return vertices.map(([index, close]) => [index, around - close] as const);
}

/** A pattern's outline for comparisons: what a chart and a strategy read. */
export function outline(pattern: ChartPattern) {
  return {
    kind: pattern.kind,
    direction: pattern.direction,
    points: pattern.points.map((point) => [point.kind, point.index, point.price]),
    formedIndex: pattern.formedIndex,
    status: pattern.status,
    breakoutIndex: pattern.breakoutIndex,
    breakoutDirection: pattern.breakoutDirection,
    endIndex: pattern.endIndex,
  };
}

type Loose = { [key: string]: unknown };

/**
 * What a chart-pattern result says about bars 0..t: columns cut at t, the patterns formed by t
 * with whatever happened to them after t undone. Two runs that agree on bars 0..t agree on this.
 */
export function patternsKnownAt(result: { patterns: ChartPattern[] }, t: number): Loose {
  const known: Loose = {};
  for (const [key, value] of Object.entries(result as object)) {
    if (ArrayBuffer.isView(value)) known[key] = Array.from((value as Float64Array).subarray(0, t + 1));
  }
  known.patterns = result.patterns
    .filter((pattern) => pattern.formedIndex <= t)
    .map((pattern) => {
      if (pattern.endIndex <= t) return { ...pattern };
      return {
        ...pattern, status: 'pending', breakoutIndex: -1, breakoutTime: NaN, breakoutDirection: 0, breakoutLevel: NaN, breakoutPrice: NaN, target: NaN, endIndex: -1, endTime: NaN,
      };
    });
  return known;
}
