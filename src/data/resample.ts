import { Bars } from '../core/Bars.js';
import { TickforgeError } from '../core/errors.js';
import { Timeframe, timeframeCodes } from '../core/Timeframe.js';
import { formatTime } from '../core/time.js';

export interface ResampleOptions {
  /**
   * The last bucket is partial when it closes after the last source bar closes (more source
   * bars could still fall into it). `keep` (default) returns it, `drop` leaves it out.
   */
  partial?: 'keep' | 'drop';
}

export interface ResampledBars {
  bars: Bars;
  /** Source bars in each output bucket: a bucket holding fewer than `expectedCount` has holes. */
  barCount: Uint32Array;
  /** Source bars in a full bucket (target duration / source duration; 7 for 1d -> 1w). */
  expectedCount: number;
  /** Whether the last returned bucket is partial (always false after `partial: 'drop'`). */
  partialLast: boolean;
  /** Whether a partial last bucket was left out (`partial: 'drop'`). */
  droppedPartial: boolean;
}

/**
 * Aggregates bars into a coarser timeframe that the source divides: open = first open,
 * high = max, low = min, close = last close, volume = sum, time = bucket open (`Timeframe.align`,
 * so weekly buckets open Monday 00:00 UTC). Buckets without source bars are not created: gaps
 * stay gaps. Input must be validated (sorted, unique, finite); see `validateBars`.
 *
 * @throws TF_ERR_DATA_RESAMPLE when the target is finer than, or not a multiple of, the source.
 * @throws TF_ERR_DATA_UNSORTED when times are not strictly increasing.
 */
export function resampleBars(bars: Bars, target: Timeframe | string, options: ResampleOptions = {}): Bars {
  return resampleBarsWithCounts(bars, target, options).bars;
}

/** `resampleBars` plus the number of source bars per bucket and whether the last bucket is partial. */
export function resampleBarsWithCounts(bars: Bars, target: Timeframe | string, options: ResampleOptions = {}): ResampledBars {
  const to = Timeframe.parse(target);
  const from = bars.timeframe;
  if (!from.divides(to)) {
    const reachable = timeframeCodes.filter((code) => from.divides(Timeframe.of(code))).join(', ');
    throw new TickforgeError(
      'TF_ERR_DATA_RESAMPLE',
      `Cannot resample ${bars.symbol} from ${from.code} to ${to.code}: the target must be coarser than the source and a whole multiple of it. From ${from.code} you can resample to: ${reachable}.`,
      { details: { symbol: bars.symbol, from: from.code, to: to.code } },
    );
  }
  const { time, open, high, low, close, volume } = bars;
  const n = bars.length;
  const width = to.milliseconds;

  // One pass: the output is sized by the span (exact for data without empty buckets, an upper
  // bound otherwise) and compacted at the end only when gaps left buckets empty.
  const span = n === 0 ? 0 : (to.align(time[n - 1]) - to.align(time[0])) / width + 1;
  const capacity = span >= 1 && span <= n ? span : n;
  const output = Bars.allocate(bars.symbol, to, capacity);
  const barCount = new Uint32Array(capacity);
  const outTime = output.time;
  const outOpen = output.open;
  const outHigh = output.high;
  const outLow = output.low;
  const outClose = output.close;
  const outVolume = output.volume;
  // Running high/low/volume live in locals and are stored once per bucket; the close is read
  // once per bucket too (the last source row of the bucket).
  let j = -1;
  let bucketHigh = 0;
  let bucketLow = 0;
  let bucketVolume = 0;
  let bucketBars = 0;
  let bucketEnd = -Infinity;
  let previous = -Infinity;
  for (let i = 0; i < n; i++) {
    const t = time[i];
    // Also rejects NaN. Before it throws, an unsorted input can only have written past the
    // capacity, and typed arrays ignore such writes.
    if (!(t > previous)) throw unsorted(bars, i, previous);
    previous = t;
    if (t >= bucketEnd) {
      if (j >= 0) {
        outHigh[j] = bucketHigh;
        outLow[j] = bucketLow;
        outClose[j] = close[i - 1];
        outVolume[j] = bucketVolume;
        barCount[j] = bucketBars;
      }
      j++;
      // Contiguous data enters the bucket right after the previous one; align only after a gap.
      const start = t < bucketEnd + width ? bucketEnd : to.align(t);
      bucketEnd = start + width;
      outTime[j] = start;
      outOpen[j] = open[i];
      bucketHigh = high[i];
      bucketLow = low[i];
      bucketVolume = volume[i];
      bucketBars = 1;
    } else {
      const h = high[i];
      const l = low[i];
      if (h > bucketHigh) bucketHigh = h;
      if (l < bucketLow) bucketLow = l;
      bucketVolume += volume[i];
      bucketBars++;
    }
  }
  if (j >= 0) {
    outHigh[j] = bucketHigh;
    outLow[j] = bucketLow;
    outClose[j] = close[n - 1];
    outVolume[j] = bucketVolume;
    barCount[j] = bucketBars;
  }

  const buckets = j + 1;
  const partialLast = buckets > 0 && from.closeTime(time[n - 1]) < bucketEnd;
  const expectedCount = to.milliseconds / from.milliseconds;
  const dropLast = partialLast && options.partial === 'drop';
  const length = dropLast ? buckets - 1 : buckets;
  return {
    bars: length === capacity ? output : output.slice(0, length).copy(),
    barCount: length === capacity ? barCount : barCount.slice(0, length),
    expectedCount,
    partialLast: partialLast && !dropLast,
    droppedPartial: dropLast,
  };
}

function unsorted(bars: Bars, row: number, previous: number): TickforgeError {
  const t = bars.time[row];
  return new TickforgeError(
    'TF_ERR_DATA_UNSORTED',
    `Cannot resample ${bars.symbol} ${bars.timeframe.code}: row ${row} has time ${formatTime(t)}, not after the previous row's ${formatTime(previous)}. Resampling needs sorted, unique, finite times: validate the bars first (validateBars; --on-unsorted sort, --on-duplicate first|last, --on-invalid drop).`,
    { details: { symbol: bars.symbol, timeframe: bars.timeframe.code, row, time: t, previousTime: previous } },
  );
}
