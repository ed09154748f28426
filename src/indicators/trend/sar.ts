import { withFiniteRows } from '../nanPolicy.js';
import { assertNumber, assertSameLength, outputArray } from '../parameters.js';
import { StreamingIndicator } from '../StreamingIndicator.js';

/**
 * Parabolic SAR (Wilder's stop and reverse, TA-Lib SAR; acceleration 0.02, maximum 0.2): a
 * trailing stop that accelerates towards price as a trend extends and flips to the other side
 * when price crosses it. Below the bars it is a long stop, above them a short stop.
 *
 * Bootstrapping, as TA-Lib (Wilder left it open): the direction for bar 1 comes from the
 * directional movement between bars 0 and 1: short when the low fell by more than the high
 * rose (-DM > +DM and -DM > 0), otherwise long (a tie is long). The first SAR (bar 1) is bar
 * 0's low when long, its high when short, with the extreme point at bar 1's high (long) or
 * low (short). Lookback 1. On a reversal the bar's SAR is the previous extreme point, kept
 * outside the previous and current bars' ranges; an acceleration above the maximum is
 * lowered to the maximum. Outputs at bar i depend only on bars 0..i.
 * Type: trend/overlap. @see https://ta-lib.org/functions/sar/
 */
export function sarLookback(acceleration = 0.02, maximum = 0.2): number {
  assertNumber('SAR', 'acceleration', acceleration, 0, 1);
  assertNumber('SAR', 'maximum', maximum, 0, 1);
  return 1;
}

export function sar(high: Float64Array, low: Float64Array, acceleration = 0.02, maximum = 0.2, out?: Float64Array): Float64Array {
  const length = assertSameLength('SAR', { high, low });
  sarLookback(acceleration, maximum);
  const result = outputArray('SAR', length, out);
  withFiniteRows([high, low], [result], ([h, l], [y]) => sarKernel(h, l, Math.min(acceleration, maximum), maximum, y));
  return result;
}

/** TA-Lib's initial direction: short only when -DM1 between bars 0 and 1 is positive and beats +DM1. */
function startsLong(high0: number, low0: number, high1: number, low1: number): boolean {
  const minus = low0 - low1;
  return !(minus > 0 && high1 - high0 < minus);
}

/** The whole recursion in one hand-written loop with its state in locals: speed is the product. */
function sarKernel(high: Float64Array, low: Float64Array, step: number, maximum: number, y: Float64Array): void {
  const n = high.length;
  if (n === 0) return;
  y[0] = NaN;
  if (n === 1) return;
  let isLong = startsLong(high[0], low[0], high[1], low[1]);
  let stop = isLong ? low[0] : high[0];
  let extreme = isLong ? high[1] : low[1];
  let factor = step;
  // Bar 1's "previous" bar is bar 1 itself, as in TA-Lib.
  let previousHigh = high[1];
  let previousLow = low[1];
  for (let i = 1; i < n; i++) {
    const h = high[i];
    const l = low[i];
    if (isLong) {
      if (l <= stop) {
        isLong = false;
        stop = extreme;
        if (stop < previousHigh) stop = previousHigh;
        if (stop < h) stop = h;
        y[i] = stop;
        factor = step;
        extreme = l;
        stop += factor * (extreme - stop);
        if (stop < previousHigh) stop = previousHigh;
        if (stop < h) stop = h;
      } else {
        y[i] = stop;
        if (h > extreme) {
          extreme = h;
          factor += step;
          if (factor > maximum) factor = maximum;
        }
        stop += factor * (extreme - stop);
        if (stop > previousLow) stop = previousLow;
        if (stop > l) stop = l;
      }
    } else if (h >= stop) {
      isLong = true;
      stop = extreme;
      if (stop > previousLow) stop = previousLow;
      if (stop > l) stop = l;
      y[i] = stop;
      factor = step;
      extreme = h;
      stop += factor * (extreme - stop);
      if (stop > previousLow) stop = previousLow;
      if (stop > l) stop = l;
    } else {
      y[i] = stop;
      if (l < extreme) {
        extreme = l;
        factor += step;
        if (factor > maximum) factor = maximum;
      }
      stop += factor * (extreme - stop);
      if (stop < previousHigh) stop = previousHigh;
      if (stop < h) stop = h;
    }
    previousHigh = h;
    previousLow = l;
  }
}

export class SAR extends StreamingIndicator {
  readonly lookback = 1;
  private readonly step: number;
  // State after the last committed bar: the SAR prepared for the next bar, and its bar's range.
  private isLong = true;
  private stop = NaN;
  private extreme = NaN;
  private factor = 0;
  private previousHigh = NaN;
  private previousLow = NaN;
  // The same after the forming bar, folded in by commit().
  private formingIsLong = true;
  private formingStop = NaN;
  private formingExtreme = NaN;
  private formingFactor = 0;
  private formingHigh = NaN;
  private formingLow = NaN;

  constructor(
    readonly acceleration = 0.02,
    readonly maximum = 0.2,
  ) {
    super();
    sarLookback(acceleration, maximum);
    this.step = Math.min(acceleration, maximum);
  }

  update(high: number, low: number): number {
    if (this.begin(true, Number.isFinite(high) && Number.isFinite(low))) this.compute(high, low);
    return this.value;
  }

  replace(high: number, low: number): number {
    if (this.begin(false, Number.isFinite(high) && Number.isFinite(low))) this.compute(high, low);
    return this.value;
  }

  private compute(h: number, l: number): void {
    this.formingHigh = h;
    this.formingLow = l;
    if (this.count === 1) {
      this.value = NaN;
      return;
    }
    let isLong: boolean;
    let stop: number;
    let extreme: number;
    let factor: number;
    let previousHigh: number;
    let previousLow: number;
    if (this.count === 2) {
      // previousHigh/Low hold bar 0 here; TA-Lib then treats bar 1 as its own previous bar.
      isLong = startsLong(this.previousHigh, this.previousLow, h, l);
      stop = isLong ? this.previousLow : this.previousHigh;
      extreme = isLong ? h : l;
      factor = this.step;
      previousHigh = h;
      previousLow = l;
    } else {
      isLong = this.isLong;
      stop = this.stop;
      extreme = this.extreme;
      factor = this.factor;
      previousHigh = this.previousHigh;
      previousLow = this.previousLow;
    }
    const step = this.step;
    if (isLong) {
      if (l <= stop) {
        isLong = false;
        stop = Math.max(extreme, previousHigh, h);
        this.value = stop;
        factor = step;
        extreme = l;
        stop = Math.max(stop + factor * (extreme - stop), previousHigh, h);
      } else {
        this.value = stop;
        if (h > extreme) {
          extreme = h;
          factor = Math.min(factor + step, this.maximum);
        }
        stop = Math.min(stop + factor * (extreme - stop), previousLow, l);
      }
    } else if (h >= stop) {
      isLong = true;
      stop = Math.min(extreme, previousLow, l);
      this.value = stop;
      factor = step;
      extreme = h;
      stop = Math.min(stop + factor * (extreme - stop), previousLow, l);
    } else {
      this.value = stop;
      if (l < extreme) {
        extreme = l;
        factor = Math.min(factor + step, this.maximum);
      }
      stop = Math.max(stop + factor * (extreme - stop), previousHigh, h);
    }
    this.formingIsLong = isLong;
    this.formingStop = stop;
    this.formingExtreme = extreme;
    this.formingFactor = factor;
  }

  protected commit(): void {
    if (this.count >= 2) {
      this.isLong = this.formingIsLong;
      this.stop = this.formingStop;
      this.extreme = this.formingExtreme;
      this.factor = this.formingFactor;
    }
    this.previousHigh = this.formingHigh;
    this.previousLow = this.formingLow;
  }

  protected clear(): void {
    this.isLong = true;
    this.stop = NaN;
    this.extreme = NaN;
    this.factor = 0;
    this.previousHigh = NaN;
    this.previousLow = NaN;
  }
}
