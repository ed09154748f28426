import { withFiniteRows } from '../nanPolicy.js';
import { assertInteger, outputArray } from '../parameters.js';
import { StreamingIndicator } from '../StreamingIndicator.js';
import { WMA, wmaKernel } from './wma.js';

/**
 * Hull moving average (Alan Hull, 2005): WMA(2 * WMA(x, floor(period / 2)) - WMA(x, period),
 * floor(sqrt(period))). The doubled half-period WMA minus the full one cancels most of the lag,
 * and the short final WMA smooths the result; it turns quickly but overshoots on reversals.
 * Not in TA-Lib. Default period 30, as TA-Lib's averages. First value at bar
 * (period - 1) + (floor(sqrt(period)) - 1). For periods 2 and 3 the inner half WMA and the outer
 * one have length 1 (the value itself), so HMA = 2x - WMA(x, period).
 * Type: trend/overlap. @see https://alanhull.com/hull-moving-average
 */
export function hmaLookback(period = 30): number {
  assertInteger('HMA', 'period', period, 2);
  return period - 1 + (Math.floor(Math.sqrt(period)) - 1);
}

/** The half, full and smoothing periods of HMA(period), with Hull's integer parts. */
export function hmaPeriods(period: number): [number, number, number] {
  return [Math.floor(period / 2), period, Math.floor(Math.sqrt(period))];
}

export function hma(close: Float64Array, period = 30, out?: Float64Array): Float64Array {
  hmaLookback(period);
  const result = outputArray('HMA', close.length, out);
  withFiniteRows([close], [result], ([x], [y]) => hmaKernel(x, period, y));
  return result;
}

/** Three WMA passes over preallocated arrays and one combining loop. */
function hmaKernel(x: Float64Array, period: number, y: Float64Array): void {
  const n = x.length;
  const [halfPeriod, , smoothing] = hmaPeriods(period);
  const start = period - 1;
  y.fill(NaN, 0, Math.min(start, n));
  if (n <= start) return;
  const half = new Float64Array(n);
  const full = new Float64Array(n);
  wmaKernel(x, halfPeriod, half);
  wmaKernel(x, period, full);
  // The raw Hull series, valid from bar period - 1, is written over `half`.
  for (let i = start; i < n; i++) half[i] = 2 * half[i] - full[i];
  wmaKernel(half.subarray(start), smoothing, y.subarray(start));
}

/** Streaming HMA: three streaming WMAs; the smoothing one skips the others' warm-up. */
export class HMA extends StreamingIndicator {
  readonly lookback: number;
  private readonly half: WMA;
  private readonly full: WMA;
  private readonly smoothing: WMA;

  constructor(readonly period = 30) {
    super();
    this.lookback = hmaLookback(period);
    const [halfPeriod, , smoothing] = hmaPeriods(period);
    this.half = new WMA(halfPeriod);
    this.full = new WMA(period);
    this.smoothing = new WMA(smoothing);
  }

  update(x: number): number {
    const raw = 2 * this.half.update(x) - this.full.update(x);
    const value = this.smoothing.update(raw);
    if (this.begin(true, Number.isFinite(x))) this.value = value;
    return this.value;
  }

  replace(x: number): number {
    const raw = 2 * this.half.replace(x) - this.full.replace(x);
    const value = this.smoothing.replace(raw);
    if (this.begin(false, Number.isFinite(x))) this.value = value;
    return this.value;
  }

  protected commit(): void {
    // The inner WMAs commit their own forming bars on their next update.
  }

  protected clear(): void {
    this.half.reset();
    this.full.reset();
    this.smoothing.reset();
  }
}
