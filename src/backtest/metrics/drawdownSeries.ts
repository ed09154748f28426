/**
 * The fraction of the running peak lost at each bar: (peak_i - equity_i) / peak_i with
 * peak_i = max(equity_0..i), so 0 at every new high and 0.25 a quarter below the best value so
 * far (empyrical's `max_drawdown` works on the same series, with the opposite sign). Above 1
 * only when the equity falls below zero. `startingPeak` (the capital before bar 0) seeds the
 * peak, so a loss on the very first bar counts. A non-positive peak (a curve that starts ruined)
 * gives NaN, since a fraction of it means nothing. `out` avoids an allocation.
 */
export function drawdownSeries(equity: ArrayLike<number>, startingPeak = -Infinity, out?: Float64Array): Float64Array {
  const n = equity.length;
  const result = out ?? new Float64Array(n);
  let peak = startingPeak;
  for (let i = 0; i < n; i++) {
    const value = equity[i];
    if (value > peak) peak = value;
    result[i] = peak > 0 ? (peak - value) / peak : NaN;
  }
  return result;
}

/** The deepest drawdown of the series, a fraction of the peak (0 when the equity never falls). */
export function maxDrawdown(equity: ArrayLike<number>, startingPeak = -Infinity): number {
  const drawdowns = drawdownSeries(equity, startingPeak);
  let deepest = 0;
  for (let i = 0; i < drawdowns.length; i++) if (drawdowns[i] > deepest) deepest = drawdowns[i];
  return deepest;
}
