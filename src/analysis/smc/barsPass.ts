import type { Bars } from '../../core/Bars.js';
import type { PreviousPeriodColumns } from './previousPeriodLevels.js';

/**
 * The per-bar work of an analysis that needs nothing but the bars, in one read of them: the
 * test for a missing bar (a non-finite open, high, low, close or time), the ATR when `atr` is
 * given, and the previous day/week levels (`PreviousPeriodLevels`' rules, every row written).
 * Returns false when a bar is missing: the columns are then meaningless and the caller takes
 * the incremental path, which skips such bars.
 *
 * One loop instead of three (`hasMissingBar`, `streamedAtr`, the previous-period kernel): V8
 * checks a typed array's map, length and data pointer again at every access inside a loop, so
 * reading each column once and paying one loop's overhead measured 22% fewer instructions.
 * The ATR is `streamedAtr`'s arithmetic step for step (bit for bit the streaming `ATR`), and
 * the period rules are `PreviousPeriodLevels`'; the tests compare both forms on every bar.
 *
 * The larger of two prices is chosen by arithmetic (`pick`), not by `Math.max` or an `if`:
 * TurboFan compiles both to conditional jumps, while `Number(a < b)` becomes a set-on-condition
 * with no jump. Whether a bar gapped past the previous close or made a new high of the week is
 * a coin toss for the branch predictor, and a mispredicted jump costs about twenty cycles: on
 * the S&P 500 series the pass ran twice as fast on one series repeated (the predictor learns
 * it) as over the universe; branch-free it runs at that speed over the universe. (The
 * same treatment of the kernels' "does this bar reach a level" tests measured slower: those
 * are false on most bars, so the jumps are well predicted and the arithmetic is pure cost.)
 */
export function barsPass(bars: Bars, previous: PreviousPeriodColumns, atrPeriod: number, atr: Float64Array | undefined): boolean {
  // Literals rather than module constants: TurboFan reloads and type-checks a module binding at every use.
  const day = 86_400_000;
  const week = 604_800_000;
  // 1970-01-01 was a Thursday: weeks start on Monday 00:00 UTC.
  const monday = 345_600_000;
  const { open, high, low, close, time } = bars;
  const { previousDayHigh, previousDayLow, previousWeekHigh, previousWeekLow } = previous;
  const n = time.length;
  const decay = (atrPeriod - 1) / atrPeriod;
  const inverse = 1 / atrPeriod;
  let sum = 0;
  let average = NaN;
  let previousClose = NaN;
  // x * 0 is 0 for finite x and NaN otherwise, and NaN stays: one test at the end.
  let missing = 0;
  let dayStart = NaN;
  let dayEnd = NaN;
  let dayHigh = NaN;
  let dayLow = NaN;
  let weekStart = NaN;
  let weekEnd = NaN;
  let weekHigh = NaN;
  let weekLow = NaN;
  let lastDayHigh = NaN;
  let lastDayLow = NaN;
  let lastWeekHigh = NaN;
  let lastWeekLow = NaN;
  for (let i = 0; i < n; i++) {
    const t = time[i];
    const h = high[i];
    const l = low[i];
    const c = close[i];
    missing += open[i] * 0 + t * 0 + h * 0 + l * 0 + c * 0;
    if (atr !== undefined) {
      // streamedAtr: NaN on bar 0, the mean true range of bars 1..period at bar `period`, then Wilder's smoothing.
      if (i > 0) {
        // trueRangeOf: max(high, previous close) - min(low, previous close).
        const range = pick(Number(previousClose > h), previousClose, h) - pick(Number(previousClose < l), previousClose, l);
        if (average === average) {
          average = average * decay + range * inverse;
        } else {
          sum += range;
          if (i >= atrPeriod) average = sum / atrPeriod;
        }
      }
      atr[i] = average;
      previousClose = c;
    }
    if (t >= dayStart && t < dayEnd) {
      dayHigh = pick(Number(h > dayHigh), h, dayHigh);
      dayLow = pick(Number(l < dayLow), l, dayLow);
    } else {
      // NaN bounds on the first bar: nothing to carry over yet (dayHigh is NaN then too).
      lastDayHigh = dayHigh;
      lastDayLow = dayLow;
      dayStart = Math.floor(t / day) * day;
      dayEnd = dayStart + day;
      dayHigh = h;
      dayLow = l;
    }
    if (t >= weekStart && t < weekEnd) {
      weekHigh = pick(Number(h > weekHigh), h, weekHigh);
      weekLow = pick(Number(l < weekLow), l, weekLow);
    } else {
      lastWeekHigh = weekHigh;
      lastWeekLow = weekLow;
      weekStart = Math.floor((t - monday) / week) * week + monday;
      weekEnd = weekStart + week;
      weekHigh = h;
      weekLow = l;
    }
    previousDayHigh[i] = lastDayHigh;
    previousDayLow[i] = lastDayLow;
    previousWeekHigh[i] = lastWeekHigh;
    previousWeekLow[i] = lastWeekLow;
  }
  return missing === 0;
}

/**
 * `chosen` 1 gives `a`, 0 gives `b`, without a branch. Exact: one product is exactly `a` or
 * `b`, the other a zero, and adding a zero changes no finite number; the one difference from
 * an `if` is a -0 price beside a +0, which may come out +0. NaN or an infinity spoils the
 * result, but only a series with a missing bar has one, and its columns are thrown away.
 */
function pick(chosen: number, a: number, b: number): number {
  return chosen * a + (1 - chosen) * b;
}
