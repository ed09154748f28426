import { withFiniteRows } from '../nanPolicy.js';
import { assertInteger, outputArray } from '../parameters.js';
import { StreamingIndicator } from '../StreamingIndicator.js';
import { createMovingAverage, movingAverageLookback, type MovingAverageStream, type MovingAverageType } from '../trend/movingAverage.js';
import type { MacdOutput } from './macd.js';
import { assertMovingAverageType, movingAverageFrom } from './movingAverageFrom.js';

/**
 * MACD with a moving-average type for each of the fast, slow and signal averages (e.g. a
 * DEMA-based or SMA-based MACD); read as MACD. As TA-Lib MACDEXT (defaults 12, 26, 9 and SMA
 * for all three: TA-Lib's default type is SMA, so `macdext()` with defaults is NOT the classic
 * MACD; pass 'ema' three times for that). As in TA-Lib, both averages start together at the
 * larger of their lookbacks: the one with the shorter lookback is computed over the data from
 * (larger lookback - its own lookback) on, e.g. an EMA is seeded late, as in MACD. The signal
 * average runs over the MACD line from there; all outputs start at the larger lookback plus
 * the signal lookback. A fast period longer than the slow one is swapped with it (types too).
 * Type: momentum. @see https://ta-lib.org/functions/macdext/
 */
export function macdextLookback(
  fastPeriod = 12,
  fastType: MovingAverageType = 'sma',
  slowPeriod = 26,
  slowType: MovingAverageType = 'sma',
  signalPeriod = 9,
  signalType: MovingAverageType = 'sma',
): number {
  const plan = planMacdext(fastPeriod, fastType, slowPeriod, slowType, signalPeriod, signalType);
  return plan.lineStart + plan.signalLookback;
}

interface MacdextPlan {
  fast: number;
  fastType: MovingAverageType;
  slow: number;
  slowType: MovingAverageType;
  /** Bars skipped before each average starts, so that both have their first value at lineStart. */
  fastStart: number;
  slowStart: number;
  lineStart: number;
  signalLookback: number;
}

function planMacdext(
  fastPeriod: number,
  fastType: MovingAverageType,
  slowPeriod: number,
  slowType: MovingAverageType,
  signalPeriod: number,
  signalType: MovingAverageType,
): MacdextPlan {
  assertInteger('MACDEXT', 'fastPeriod', fastPeriod, 2);
  assertMovingAverageType('MACDEXT', 'fastType', fastType);
  assertInteger('MACDEXT', 'slowPeriod', slowPeriod, 2);
  assertMovingAverageType('MACDEXT', 'slowType', slowType);
  assertInteger('MACDEXT', 'signalPeriod', signalPeriod, 1);
  assertMovingAverageType('MACDEXT', 'signalType', signalType);
  const swap = slowPeriod < fastPeriod;
  const fast = swap ? slowPeriod : fastPeriod;
  const slow = swap ? fastPeriod : slowPeriod;
  const fastKind = swap ? slowType : fastType;
  const slowKind = swap ? fastType : slowType;
  const fastLookback = movingAverageLookback(fast, fastKind);
  const slowLookback = movingAverageLookback(slow, slowKind);
  const lineStart = Math.max(fastLookback, slowLookback);
  return {
    fast,
    fastType: fastKind,
    slow,
    slowType: slowKind,
    fastStart: lineStart - fastLookback,
    slowStart: lineStart - slowLookback,
    lineStart,
    signalLookback: movingAverageLookback(signalPeriod, signalType),
  };
}

export function macdext(
  close: Float64Array,
  fastPeriod = 12,
  fastType: MovingAverageType = 'sma',
  slowPeriod = 26,
  slowType: MovingAverageType = 'sma',
  signalPeriod = 9,
  signalType: MovingAverageType = 'sma',
  out?: MacdOutput,
): MacdOutput {
  const plan = planMacdext(fastPeriod, fastType, slowPeriod, slowType, signalPeriod, signalType);
  const lookback = plan.lineStart + plan.signalLookback;
  const n = close.length;
  const result: MacdOutput = {
    macd: outputArray('MACDEXT', n, out?.macd),
    signal: outputArray('MACDEXT', n, out?.signal),
    histogram: outputArray('MACDEXT', n, out?.histogram),
  };
  withFiniteRows([close], [result.macd, result.signal, result.histogram], ([x], [m, s, h]) => {
    const length = x.length;
    // The slow average goes into the histogram array until the histogram is computed.
    movingAverageFrom(x, plan.fastStart, plan.fast, plan.fastType, m);
    movingAverageFrom(x, plan.slowStart, plan.slow, plan.slowType, h);
    for (let i = plan.lineStart; i < length; i++) m[i] = m[i] - h[i];
    movingAverageFrom(m, plan.lineStart, signalPeriod, signalType, s);
    const warm = Math.min(lookback, length);
    for (let i = 0; i < warm; i++) m[i] = h[i] = NaN;
    for (let i = lookback; i < length; i++) h[i] = m[i] - s[i];
  });
  return result;
}

export class MACDEXT extends StreamingIndicator {
  readonly lookback: number;
  /** The signal line of the latest bar (NaN during warm-up). */
  signal = NaN;
  /** MACD minus signal for the latest bar (NaN during warm-up). */
  histogram = NaN;
  private readonly plan: MacdextPlan;
  private readonly fastAverage: MovingAverageStream;
  private readonly slowAverage: MovingAverageStream;
  private readonly signalAverage: MovingAverageStream;

  constructor(
    readonly fastPeriod = 12,
    readonly fastType: MovingAverageType = 'sma',
    readonly slowPeriod = 26,
    readonly slowType: MovingAverageType = 'sma',
    readonly signalPeriod = 9,
    readonly signalType: MovingAverageType = 'sma',
  ) {
    super();
    this.plan = planMacdext(fastPeriod, fastType, slowPeriod, slowType, signalPeriod, signalType);
    this.lookback = this.plan.lineStart + this.plan.signalLookback;
    this.fastAverage = createMovingAverage(this.plan.fastType, this.plan.fast);
    this.slowAverage = createMovingAverage(this.plan.slowType, this.plan.slow);
    this.signalAverage = createMovingAverage(signalType, signalPeriod);
  }

  update(close: number): number {
    return this.step(true, close);
  }

  replace(close: number): number {
    return this.step(false, close);
  }

  /**
   * The inner averages are fed NaN (skipped, as a missing bar) before their start bar, on
   * missing bars and, for the signal, until the MACD line exists.
   */
  private step(isNew: boolean, close: number): number {
    const valid = this.begin(isNew, Number.isFinite(close));
    const index = valid ? this.count - 1 : -1;
    const fastInput = index >= this.plan.fastStart ? close : NaN;
    const slowInput = index >= this.plan.slowStart ? close : NaN;
    const fast = isNew ? this.fastAverage.update(fastInput) : this.fastAverage.replace(fastInput);
    const slow = isNew ? this.slowAverage.update(slowInput) : this.slowAverage.replace(slowInput);
    const line = index >= this.plan.lineStart ? fast - slow : NaN;
    const signal = isNew ? this.signalAverage.update(line) : this.signalAverage.replace(line);
    if (this.isReady) {
      this.value = line;
      this.signal = signal;
      this.histogram = line - signal;
    } else {
      this.value = this.signal = this.histogram = NaN;
    }
    return this.value;
  }

  protected commit(): void {
    // The inner averages commit on their own next update.
  }

  protected clear(): void {
    this.fastAverage.reset();
    this.slowAverage.reset();
    this.signalAverage.reset();
    this.signal = this.histogram = NaN;
  }
}
