export interface UnderwaterPeriod {
  /** The bar of the peak the equity fell from (the last bar at that high before the fall). */
  peakIndex: number;
  /** The bar of the lowest equity before recovery. */
  troughIndex: number;
  /** The first bar back at or above the peak; -1 while still under water at the end. */
  recoveryIndex: number;
  peakTime: number;
  troughTime: number;
  /** NaN while still under water. */
  recoveryTime: number;
  /** The deepest loss of the period, a fraction of the peak. */
  depth: number;
  recovered: boolean;
  /** Bars from the peak to the recovery (to the last bar when not recovered). */
  durationBars: number;
  /** Time from the peak to the recovery (to the last bar when not recovered), ms. */
  durationMs: number;
}

/**
 * Every stretch of the curve spent below a previous high, in time order: it starts at the peak
 * the equity fell from and ends at the first bar back at or above that peak (the recovery), so
 * its duration counts the bars under water plus the one that recovered; an unrecovered last
 * period runs to the last bar and says so. Equal to the peak counts as recovered. Works on
 * `drawdownSeries`' definition: a bar is under water when its drawdown is above 0.
 */
export function underwaterPeriods(equity: ArrayLike<number>, time: ArrayLike<number>): UnderwaterPeriod[] {
  const n = equity.length;
  const periods: UnderwaterPeriod[] = [];
  let peakIndex = 0;
  let troughIndex = -1;
  for (let i = 1; i < n; i++) {
    const peak = equity[peakIndex];
    const value = equity[i];
    if (value >= peak) {
      if (troughIndex >= 0) periods.push(period(equity, time, peakIndex, troughIndex, i));
      troughIndex = -1;
      peakIndex = i;
    } else if (troughIndex < 0 || value < equity[troughIndex]) {
      troughIndex = i;
    }
  }
  if (troughIndex >= 0) periods.push(period(equity, time, peakIndex, troughIndex, -1));
  return periods;
}

function period(equity: ArrayLike<number>, time: ArrayLike<number>, peakIndex: number, troughIndex: number, recoveryIndex: number): UnderwaterPeriod {
  const recovered = recoveryIndex >= 0;
  const endIndex = recovered ? recoveryIndex : equity.length - 1;
  const peak = equity[peakIndex];
  return {
    peakIndex,
    troughIndex,
    recoveryIndex,
    peakTime: time[peakIndex],
    troughTime: time[troughIndex],
    recoveryTime: recovered ? time[recoveryIndex] : NaN,
    depth: peak > 0 ? (peak - equity[troughIndex]) / peak : NaN,
    recovered,
    durationBars: endIndex - peakIndex,
    durationMs: time[endIndex] - time[peakIndex],
  };
}
