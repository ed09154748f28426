import type { Bars } from '../../core/Bars.js';
import { hasNonFinite } from '../../indicators/nanPolicy.js';
import { ATR } from '../../indicators/volatility/atr.js';
import { trueRangeOf } from '../../indicators/volatility/trange.js';

/**
 * The recent bars every structure detector reads, shared by the detectors of one engine so a
 * bar is stored and its ATR computed once. A ring of power-of-two capacity (a mask instead of a
 * modulo) holds the last bars that are valid (finite open, high, low, close and time); a bar
 * with a non-finite field is skipped, as the indicators skip a missing bar: it enters no window
 * and changes no state, and only the source index advances.
 *
 * Positions count valid bars from 0; `sourceIndex` maps a position back to the caller's bar
 * index (equal unless bars were skipped), which is what events report.
 */
export class BarWindow {
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly time: Float64Array;
  readonly sourceIndex: Int32Array;
  /** Capacity - 1: `array[position & mask]` is the bar at a position still in the window. */
  readonly mask: number;
  /** Valid bars seen; the latest is at position `count - 1`. */
  count = 0;
  /** The caller's index of the latest bar, valid or not (-1 before the first). */
  index = -1;
  /** ATR (TA-Lib definition, Wilder smoothing) after the latest valid bar; NaN in warm-up or when not asked for. */
  atr = NaN;
  private readonly averageTrueRange: ATR | undefined;

  /** `history`: how many bars back (the latest included) a detector reads; `atrPeriod` 0 skips ATR. */
  constructor(history: number, atrPeriod = 0) {
    let capacity = 4;
    while (capacity < history) capacity *= 2;
    this.mask = capacity - 1;
    this.open = new Float64Array(capacity);
    this.high = new Float64Array(capacity);
    this.low = new Float64Array(capacity);
    this.close = new Float64Array(capacity);
    this.time = new Float64Array(capacity);
    this.sourceIndex = new Int32Array(capacity);
    this.averageTrueRange = atrPeriod > 0 ? new ATR(atrPeriod) : undefined;
  }

  /** Appends a closed bar; false (and nothing stored) when a field is not finite. */
  push(open: number, high: number, low: number, close: number, time: number): boolean {
    this.index++;
    // x - x is 0 for finite x and NaN otherwise: one test for five fields.
    if ((open - open) + (high - high) + (low - low) + (close - close) + (time - time) !== 0) return false;
    const slot = this.count & this.mask;
    this.open[slot] = open;
    this.high[slot] = high;
    this.low[slot] = low;
    this.close[slot] = close;
    this.time[slot] = time;
    this.sourceIndex[slot] = this.index;
    this.count++;
    if (this.averageTrueRange !== undefined) this.atr = this.averageTrueRange.update(high, low, close);
    return true;
  }

  reset(): void {
    this.count = 0;
    this.index = -1;
    this.atr = NaN;
    this.averageTrueRange?.reset();
  }
}

/**
 * True when a bar of `bars` has a non-finite open, high, low, close or time. The batch kernels
 * assume there is none (one scan decides); a series with missing bars runs through the
 * incremental detectors instead, which skip them, so both paths give the same answer.
 */
export function hasMissingBar(bars: Bars): boolean {
  // Bars that passed validateBars have finite prices and times by proof: no scan.
  if (bars.validation !== undefined) return false;
  return hasNonFinite([bars.open, bars.high, bars.low, bars.close, bars.time]);
}

/**
 * The ATR of every bar exactly as the indicators' streaming `ATR` gives it (TA-Lib's
 * definition: the mean true range of bars 1..period at bar `period`, then Wilder's smoothing),
 * bit for bit: the batch kernel `atr()` unrolls its recursion and rounds differently in the last
 * bit, and a threshold compared with an ATR must give the batch and the incremental paths the
 * same answer. Feeding the stream bar by bar gives the same numbers at five times the cost; the
 * tests check the two agree bit for bit.
 */
export function streamedAtr(high: Float64Array, low: Float64Array, close: Float64Array, period: number, out: Float64Array = new Float64Array(high.length)): Float64Array {
  const n = high.length;
  const k = (period - 1) / period;
  const inverse = 1 / period;
  let sum = 0;
  let average = NaN;
  if (n > 0) out[0] = NaN;
  for (let i = 1; i < n; i++) {
    const range = trueRangeOf(high[i], low[i], close[i - 1]);
    if (average === average) {
      average = average * k + range * inverse;
    } else {
      sum += range;
      if (i >= period) average = sum / period;
    }
    out[i] = average;
  }
  return out;
}
