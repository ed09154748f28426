import type { Timeframe } from '../../core/Timeframe.js';
import { GapCounter, type GapOptions } from './GapCounter.js';
import type { GapSummary } from './ValidationReport.js';

export type { GapOptions } from './GapCounter.js';

/**
 * Counts gaps between consecutive bars of a sorted, unique time column. A gap is reported,
 * never an error: exchanges close at weekends and on holidays, crypto venues go down.
 */
export function summarizeGaps(time: Float64Array, timeframe: Timeframe, options: GapOptions = {}): GapSummary {
  const counter = new GapCounter(timeframe, options);
  const step = timeframe.milliseconds;
  for (let i = 1; i < time.length; i++) {
    if (time[i] - time[i - 1] > step) counter.add(time[i - 1], time[i]);
  }
  return counter.summary();
}
