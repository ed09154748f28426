import { withFiniteRowsDetected } from '../nanPolicy.js';
import { assertInteger, assertSameLength, outputArray } from '../parameters.js';
import { RollingExtreme } from '../rolling/RollingExtreme.js';
import { StreamingIndicator } from '../StreamingIndicator.js';
import { createMovingAverage, movingAverageLookback, type MovingAverageStream, type MovingAverageType } from '../trend/movingAverage.js';
import { assertMovingAverageType, movingAverageFrom } from './movingAverageFrom.js';
import { stochasticFastKKernel } from './stochasticKernel.js';

/** The two lines of the fast stochastic, each of the input's length. */
export interface StochfOutput {
  fastK: Float64Array;
  fastD: Float64Array;
}

/**
 * Fast stochastic oscillator: %K = where the close sits in the high-low range of the last
 * `fastKPeriod` bars, 0 (at the lowest low) to 100 (at the highest high), and %D = its moving
 * average; traders read above 80 / below 20 as overbought / oversold and %K crossing %D as a
 * signal. As TA-Lib STOCHF (defaults 5, 3, SMA): %K = (close - lowest low) / ((highest high -
 * lowest low) / 100), 0 when the range is empty; both outputs start at bar
 * (fastKPeriod - 1) + lookback of the %D average.
 * Type: momentum. @see https://ta-lib.org/functions/stochf/
 */
export function stochfLookback(fastKPeriod = 5, fastDPeriod = 3, fastDType: MovingAverageType = 'sma'): number {
  assertInteger('STOCHF', 'fastKPeriod', fastKPeriod, 1);
  assertInteger('STOCHF', 'fastDPeriod', fastDPeriod, 1);
  assertMovingAverageType('STOCHF', 'fastDType', fastDType);
  return fastKPeriod - 1 + movingAverageLookback(fastDPeriod, fastDType);
}

export function stochf(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  fastKPeriod = 5,
  fastDPeriod = 3,
  fastDType: MovingAverageType = 'sma',
  out?: StochfOutput,
): StochfOutput {
  const lookback = stochfLookback(fastKPeriod, fastDPeriod, fastDType);
  const n = assertSameLength('STOCHF', { high, low, close });
  const result: StochfOutput = { fastK: outputArray('STOCHF', n, out?.fastK), fastD: outputArray('STOCHF', n, out?.fastD) };
  withFiniteRowsDetected([high, low, close], [result.fastK, result.fastD], ([h, l, c], [k, d]) => {
    if (!stochasticFastKKernel(h, l, c, fastKPeriod, k)) return false;
    movingAverageFrom(k, fastKPeriod - 1, fastDPeriod, fastDType, d);
    k.fill(NaN, 0, Math.min(lookback, k.length));
    return true;
  });
  return result;
}

/**
 * The streaming %K: rolling extremes of the committed bars plus the forming bar. `fastK(...)`
 * reads without changing state; `commit(...)` folds the forming bar in.
 */
export class StochasticFastK {
  private readonly highest: RollingExtreme;
  private readonly lowest: RollingExtreme;
  private committed = 0;

  constructor(readonly period: number) {
    this.highest = new RollingExtreme(period, true);
    this.lowest = new RollingExtreme(period, false);
  }

  /** %K of the forming bar, NaN until `period` bars (the forming one included) were seen. */
  fastK(high: number, low: number, close: number): number {
    if (this.committed < this.period - 1) return NaN;
    const lowest = this.lowest.extreme(low);
    const range = (this.highest.extreme(high) - lowest) / 100;
    return range !== 0 ? (close - lowest) / range : 0;
  }

  commit(high: number, low: number): void {
    this.highest.commit(high, this.committed);
    this.lowest.commit(low, this.committed);
    this.committed++;
  }

  clear(): void {
    this.highest.clear();
    this.lowest.clear();
    this.committed = 0;
  }
}

export class STOCHF extends StreamingIndicator {
  readonly lookback: number;
  /** %D of the latest bar (NaN during warm-up). */
  fastD = NaN;
  private readonly fastKLine: StochasticFastK;
  private readonly average: MovingAverageStream;
  private formingHigh = 0;
  private formingLow = 0;

  constructor(
    readonly fastKPeriod = 5,
    readonly fastDPeriod = 3,
    readonly fastDType: MovingAverageType = 'sma',
  ) {
    super();
    this.lookback = stochfLookback(fastKPeriod, fastDPeriod, fastDType);
    this.fastKLine = new StochasticFastK(fastKPeriod);
    this.average = createMovingAverage(fastDType, fastDPeriod);
  }

  update(high: number, low: number, close: number): number {
    return this.step(true, high, low, close);
  }

  replace(high: number, low: number, close: number): number {
    return this.step(false, high, low, close);
  }

  private step(isNew: boolean, high: number, low: number, close: number): number {
    let k = NaN;
    if (this.begin(isNew, Number.isFinite(high) && Number.isFinite(low) && Number.isFinite(close))) {
      this.formingHigh = high;
      this.formingLow = low;
      k = this.fastKLine.fastK(high, low, close);
    }
    // The average skips NaN (warm-up and missing bars) by the same rule as every stream.
    const d = isNew ? this.average.update(k) : this.average.replace(k);
    const ready = this.isReady;
    this.value = ready ? k : NaN;
    this.fastD = ready ? d : NaN;
    return this.value;
  }

  protected commit(): void {
    this.fastKLine.commit(this.formingHigh, this.formingLow);
  }

  protected clear(): void {
    this.fastKLine.clear();
    this.average.reset();
    this.fastD = NaN;
  }
}
