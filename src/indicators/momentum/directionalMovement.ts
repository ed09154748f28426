import { withFiniteRows } from '../nanPolicy.js';
import { assertSameLength, outputArray } from '../parameters.js';

/**
 * Wilder's directional movement system as TA-Lib computes it, shared by PLUS_DM, MINUS_DM,
 * PLUS_DI, MINUS_DI, DX, ADX and ADXR so that all of them see the same numbers.
 *
 * One bar's movement: up = high - previous high, down = previous low - low. +DM1 = up when
 * up > 0 and up > down, else 0; -DM1 = down when down > 0 and down > up, else 0 (equal moves
 * give neither). TR1 is the true range.
 *
 * Seeding (TA-Lib): bars 1..period-1 are summed plainly (period - 1 values: bar 0 has no
 * movement), and from bar `period` on each sum is smoothed the Wilder way,
 * s = s - s / period + x, computed here as s * ((period - 1) / period) + x (agrees with
 * TA-Lib to about 1e-14 relative, and is faster). So PLUS_DM/MINUS_DM have their first
 * value at bar period - 1 (the plain sum), PLUS_DI/MINUS_DI/DX at bar `period`, ADX at
 * bar 2 * period - 1 and ADXR at bar 3 * period - 2.
 *
 * Directional index: DX = 100 * |+DI - -DI| / (+DI + -DI) = 100 * |+DM - -DM| / (+DM + -DM).
 * It is undefined when the smoothed true range is within 1e-14 of zero or when
 * +DI + -DI is (a market that has not moved); TA-Lib then repeats the previous DX (0 at the
 * start) in DX, and leaves ADX unchanged.
 */
export const directionalEpsilon = 1e-14;

/** DX for smoothed +DM, -DM and TR, or NaN where TA-Lib treats it as undefined. */
export function directionalIndex(plus: number, minus: number, range: number): number {
  const total = plus + minus;
  if (range < directionalEpsilon || total * 100 < directionalEpsilon * range) return NaN;
  return (100 * Math.abs(plus - minus)) / total;
}

/** +DI or -DI for a smoothed DM and TR: 0 when the range is zero, as in TA-Lib. */
export function directionalIndicator(movement: number, range: number): number {
  return range < directionalEpsilon ? 0 : 100 * (movement / range);
}

/** Leading bars without a PLUS_DM/MINUS_DM value: period - 1, or 1 for period 1 (raw DM1). */
export function directionalMovementLookback(period: number): number {
  return period > 1 ? period - 1 : 1;
}

export interface DirectionalOutputs {
  plusDm?: Float64Array;
  minusDm?: Float64Array;
  plusDi?: Float64Array;
  minusDi?: Float64Array;
  dx?: Float64Array;
}

/**
 * The batch form for DM, DI and DX (validated `period`; `indicator` names errors). One loop,
 * hand-written over typed arrays because speed is the product; outputs that are not wanted
 * are skipped by a branch the processor predicts perfectly.
 */
export function directionalBatch(
  indicator: string,
  high: Float64Array,
  low: Float64Array,
  close: Float64Array | undefined,
  period: number,
  output: keyof DirectionalOutputs,
  out?: Float64Array,
): Float64Array {
  const inputs: Record<string, Float64Array> = close === undefined ? { high, low } : { high, low, close };
  const length = assertSameLength(indicator, inputs);
  const result = outputArray(indicator, length, out);
  // Directional movement alone needs no close: the low stands in for it, and the true range it
  // then feeds is never read.
  withFiniteRows(Object.values(inputs), [result], ([h, l, c], [y]) => directionalKernel(h, l, c ?? l, period, { [output]: y }));
  return result;
}

export function directionalKernel(high: Float64Array, low: Float64Array, close: Float64Array, period: number, outputs: DirectionalOutputs): void {
  const n = high.length;
  const { plusDm, minusDm, plusDi, minusDi, dx } = outputs;
  const movementStart = directionalMovementLookback(period);
  for (const output of [plusDm, minusDm, plusDi, minusDi, dx]) output?.fill(NaN, 0, Math.min(n, output === plusDm || output === minusDm ? movementStart : period));
  if (n === 0) return;
  const k = (period - 1) / period;
  let previousHigh = high[0];
  let previousLow = low[0];
  let previousClose = close[0];
  let plus = 0;
  let minus = 0;
  let range = 0;
  let previousDx = 0;
  for (let i = 1; i < n; i++) {
    const h = high[i];
    const lo = low[i];
    const up = h - previousHigh;
    const down = previousLow - lo;
    const plusMove = up > 0 && up > down ? up : 0;
    const minusMove = down > 0 && down > up ? down : 0;
    const trueRange = Math.max(h, previousClose) - Math.min(lo, previousClose);
    previousHigh = h;
    previousLow = lo;
    previousClose = close[i];
    if (i < period) {
      plus += plusMove;
      minus += minusMove;
      range += trueRange;
    } else {
      plus = plus * k + plusMove;
      minus = minus * k + minusMove;
      range = range * k + trueRange;
    }
    if (i >= movementStart) {
      if (plusDm !== undefined) plusDm[i] = plus;
      if (minusDm !== undefined) minusDm[i] = minus;
    }
    if (i >= period) {
      if (plusDi !== undefined) plusDi[i] = directionalIndicator(plus, range);
      if (minusDi !== undefined) minusDi[i] = directionalIndicator(minus, range);
      if (dx !== undefined) {
        const value = directionalIndex(plus, minus, range);
        if (value === value) previousDx = value;
        dx[i] = previousDx;
      }
    }
  }
}

/**
 * The streaming half: committed smoothed sums plus the forming bar's, so that the classes
 * built on it follow the forming-bar model of `StreamingIndicator` without copying state.
 */
export class DirectionalCore {
  plus = 0;
  minus = 0;
  range = 0;
  /** The forming bar's smoothed sums (valid after `compute`). */
  formingPlus = 0;
  formingMinus = 0;
  formingRange = 0;
  private previousHigh = NaN;
  private previousLow = NaN;
  private previousClose = NaN;
  private formingHigh = NaN;
  private formingLow = NaN;
  private formingClose = NaN;
  private readonly k: number;

  constructor(readonly period: number) {
    this.k = (period - 1) / period;
  }

  /** Computes the forming bar, whose index among valid bars is `index` (0 = first bar). */
  compute(high: number, low: number, close: number, index: number): void {
    this.formingHigh = high;
    this.formingLow = low;
    this.formingClose = close;
    if (index === 0) return;
    const up = high - this.previousHigh;
    const down = this.previousLow - low;
    const plusMove = up > 0 && up > down ? up : 0;
    const minusMove = down > 0 && down > up ? down : 0;
    const trueRange = Math.max(high, this.previousClose) - Math.min(low, this.previousClose);
    if (index < this.period) {
      this.formingPlus = this.plus + plusMove;
      this.formingMinus = this.minus + minusMove;
      this.formingRange = this.range + trueRange;
    } else {
      this.formingPlus = this.plus * this.k + plusMove;
      this.formingMinus = this.minus * this.k + minusMove;
      this.formingRange = this.range * this.k + trueRange;
    }
  }

  commit(): void {
    this.previousHigh = this.formingHigh;
    this.previousLow = this.formingLow;
    this.previousClose = this.formingClose;
    this.plus = this.formingPlus;
    this.minus = this.formingMinus;
    this.range = this.formingRange;
  }

  clear(): void {
    this.plus = this.minus = this.range = 0;
    this.formingPlus = this.formingMinus = this.formingRange = 0;
    this.previousHigh = this.previousLow = this.previousClose = NaN;
  }
}

export function finiteBar(high: number, low: number, close: number): boolean {
  return Number.isFinite(high) && Number.isFinite(low) && Number.isFinite(close);
}
