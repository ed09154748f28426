import { withFiniteRowsDetected } from '../nanPolicy.js';
import { assertInteger, assertSameLength, outputArrays } from '../parameters.js';
import { StreamingIndicator } from '../StreamingIndicator.js';
import { createMovingAverage, movingAverageLookback, type MovingAverageStream, type MovingAverageType } from '../trend/movingAverage.js';
import { assertMovingAverageType, movingAverageFrom } from './movingAverageFrom.js';
import { stochasticFastKKernel, stochasticKernel } from './stochasticKernel.js';
import { StochasticFastK } from './stochf.js';

/** The two lines of the slow stochastic, each of the input's length. */
export interface StochOutput {
  slowK: Float64Array;
  slowD: Float64Array;
}

/**
 * Slow stochastic oscillator: the fast %K (where the close sits in the high-low range of the
 * last `fastKPeriod` bars, 0 to 100) smoothed into slow %K, and slow %D, the average of slow
 * %K; traders read above 80 / below 20 as overbought / oversold and slow %K crossing slow %D
 * as a signal. As TA-Lib STOCH (defaults 5, 3 SMA, 3 SMA): fast %K as in STOCHF (0 when the
 * range is empty), slow %K = MA(fast %K), slow %D = MA(slow %K), both outputs from bar
 * (fastKPeriod - 1) + lookback(slow %K MA) + lookback(slow %D MA).
 * Type: momentum. @see https://ta-lib.org/functions/stoch/
 */
export function stochLookback(
  fastKPeriod = 5,
  slowKPeriod = 3,
  slowKType: MovingAverageType = 'sma',
  slowDPeriod = 3,
  slowDType: MovingAverageType = 'sma',
): number {
  assertInteger('STOCH', 'fastKPeriod', fastKPeriod, 1);
  assertInteger('STOCH', 'slowKPeriod', slowKPeriod, 1);
  assertMovingAverageType('STOCH', 'slowKType', slowKType);
  assertInteger('STOCH', 'slowDPeriod', slowDPeriod, 1);
  assertMovingAverageType('STOCH', 'slowDType', slowDType);
  return fastKPeriod - 1 + movingAverageLookback(slowKPeriod, slowKType) + movingAverageLookback(slowDPeriod, slowDType);
}

export function stoch(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  fastKPeriod = 5,
  slowKPeriod = 3,
  slowKType: MovingAverageType = 'sma',
  slowDPeriod = 3,
  slowDType: MovingAverageType = 'sma',
  out?: StochOutput,
): StochOutput {
  const lookback = stochLookback(fastKPeriod, slowKPeriod, slowKType, slowDPeriod, slowDType);
  const n = assertSameLength('STOCH', { high, low, close });
  const [slowK, slowD] = outputArrays('STOCH', n, [out?.slowK, out?.slowD]);
  const result: StochOutput = { slowK, slowD };
  withFiniteRowsDetected([high, low, close], [result.slowK, result.slowD], ([h, l, c], [k, d]) => {
    if (slowKType === 'sma' && slowDType === 'sma') {
      // The default, and the benchmark's: both averages fused into the %K pass, which keeps
      // the %K values it still needs in a small ring (no intermediate array).
      if (!stochasticKernel(h, l, c, fastKPeriod, undefined, slowKPeriod, slowDPeriod, k, d)) return false;
      d.fill(NaN, 0, Math.min(lookback, d.length));
    } else {
      // One intermediate array, allocated once per call.
      const fastK = new Float64Array(c.length);
      if (!stochasticFastKKernel(h, l, c, fastKPeriod, fastK)) return false;
      movingAverageFrom(fastK, fastKPeriod - 1, slowKPeriod, slowKType, k);
      movingAverageFrom(k, fastKPeriod - 1 + movingAverageLookback(slowKPeriod, slowKType), slowDPeriod, slowDType, d);
    }
    k.fill(NaN, 0, Math.min(lookback, k.length));
    return true;
  });
  return result;
}

export class STOCH extends StreamingIndicator {
  readonly lookback: number;
  /** Slow %D of the latest bar (NaN during warm-up). */
  slowD = NaN;
  private readonly fastKLine: StochasticFastK;
  private readonly slowKAverage: MovingAverageStream;
  private readonly slowDAverage: MovingAverageStream;
  private formingHigh = 0;
  private formingLow = 0;

  constructor(
    readonly fastKPeriod = 5,
    readonly slowKPeriod = 3,
    readonly slowKType: MovingAverageType = 'sma',
    readonly slowDPeriod = 3,
    readonly slowDType: MovingAverageType = 'sma',
  ) {
    super();
    this.lookback = stochLookback(fastKPeriod, slowKPeriod, slowKType, slowDPeriod, slowDType);
    this.fastKLine = new StochasticFastK(fastKPeriod);
    this.slowKAverage = createMovingAverage(slowKType, slowKPeriod);
    this.slowDAverage = createMovingAverage(slowDType, slowDPeriod);
  }

  update(high: number, low: number, close: number): number {
    return this.step(true, high, low, close);
  }

  replace(high: number, low: number, close: number): number {
    return this.step(false, high, low, close);
  }

  private step(isNew: boolean, high: number, low: number, close: number): number {
    let fastK = NaN;
    if (this.begin(isNew, Number.isFinite(high) && Number.isFinite(low) && Number.isFinite(close))) {
      this.formingHigh = high;
      this.formingLow = low;
      fastK = this.fastKLine.fastK(high, low, close);
    }
    // The averages skip NaN (warm-up and missing bars) by the same rule as every stream.
    const slowK = isNew ? this.slowKAverage.update(fastK) : this.slowKAverage.replace(fastK);
    const slowD = isNew ? this.slowDAverage.update(slowK) : this.slowDAverage.replace(slowK);
    const ready = this.isReady;
    this.value = ready ? slowK : NaN;
    this.slowD = ready ? slowD : NaN;
    return this.value;
  }

  protected commit(): void {
    this.fastKLine.commit(this.formingHigh, this.formingLow);
  }

  protected clear(): void {
    this.fastKLine.clear();
    this.slowKAverage.reset();
    this.slowDAverage.reset();
    this.slowD = NaN;
  }
}
