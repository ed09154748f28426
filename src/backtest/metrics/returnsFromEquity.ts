/**
 * Per-period simple returns of an equity series: r_i = equity[i] / equity[i-1] - 1, so
 * `returns[i - 1]` is the return of bar i (length n - 1). With `initialCapital`, the capital
 * before bar 0 leads the series and bar 0's own return comes first (length n).
 *
 * Ruin: once the equity is at or below zero there is no capital left to earn a fraction of, so
 * every later period's return is 0 (a ratio of a non-positive base would flip signs or divide by
 * zero, and what follows ruin, a margin call in real life, is not the strategy's performance). The return of the bar that ruins the account is <= -1, kept as is.
 */
export function returnsFromEquity(equity: ArrayLike<number>, initialCapital?: number): Float64Array {
  const n = equity.length;
  const lead = initialCapital === undefined ? 0 : 1;
  const out = new Float64Array(Math.max(0, n - 1 + lead));
  let previous = initialCapital === undefined ? equity[0] : initialCapital;
  let ruined = !(previous > 0);
  for (let i = 1 - lead; i < n; i++) {
    const value = equity[i];
    out[i - 1 + lead] = ruined ? 0 : value / previous - 1;
    if (!(value > 0)) ruined = true;
    previous = value;
  }
  return out;
}

/** The first bar at which the equity is at or below zero, or -1 when it never is. */
export function ruinIndex(equity: ArrayLike<number>): number {
  for (let i = 0; i < equity.length; i++) if (equity[i] <= 0) return i;
  return -1;
}
