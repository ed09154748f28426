import type { EquityCurve } from '../Trade.js';

export interface CurveFromReturnsOptions {
  /** Equity before the first return (the curve's first point); default 1. */
  startingEquity?: number;
  /** Time of the first point, ms since the epoch; default 0. */
  startTime?: number;
  /** Time between points, ms; default one day. */
  stepMs?: number;
  /** Exposure of every point; default 1 (fully invested). */
  exposure?: number;
}

/**
 * An equity curve that compounds per-period returns from a starting value: point 0 is the
 * starting equity and point i + 1 is point i times (1 + returns[i]), on an even clock. A NaN
 * return counts as 0 (empyrical's `cum_returns` rule). For analysing a return series that
 * did not come from the simulator (a fund's published returns, a reference test series).
 */
export function curveFromReturns(returns: ArrayLike<number>, options: CurveFromReturnsOptions = {}): EquityCurve {
  const n = returns.length + 1;
  const stepMs = options.stepMs ?? 86_400_000;
  const startTime = options.startTime ?? 0;
  const time = new Float64Array(n);
  const equity = new Float64Array(n);
  const exposure = new Float64Array(n).fill(options.exposure ?? 1);
  equity[0] = options.startingEquity ?? 1;
  time[0] = startTime;
  for (let i = 1; i < n; i++) {
    const r = returns[i - 1];
    equity[i] = equity[i - 1] * (1 + (Number.isNaN(r) ? 0 : r));
    time[i] = startTime + i * stepMs;
  }
  return { time, equity, exposure };
}
