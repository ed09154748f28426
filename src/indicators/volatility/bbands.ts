import { withFiniteRows, withFiniteRowsDetected } from '../nanPolicy.js';
import { assertInteger, assertNumber, outputArrays } from '../parameters.js';
import { RunningMoments } from '../rolling/RunningMoments.js';
import { StreamingIndicator } from '../StreamingIndicator.js';
import { createMovingAverage, movingAverage, movingAverageLookback, type MovingAverageStream, type MovingAverageType } from '../trend/movingAverage.js';
import { bandLinesSma } from './bandLinesSma.js';
import { stddev, varianceEpsilon } from './stddev.js';

/** The five Bollinger outputs, each of the input's length. */
export interface BollingerBands {
  upper: Float64Array;
  middle: Float64Array;
  lower: Float64Array;
  /** (close - lower) / (upper - lower): 0 at the lower band, 1 at the upper; NaN when the bands meet. */
  percentB: Float64Array;
  /** (upper - lower) / middle: the band width relative to the middle (not in percent); NaN when middle is 0. */
  bandwidth: Float64Array;
}

/**
 * Bollinger Bands (TA-Lib BBANDS, defaults period 5, nbDevUp 2, nbDevDn 2, MA type SMA): a
 * moving average with bands nbDev population standard deviations above and below; price near
 * a band is stretched relative to its recent range, narrow bands (low bandwidth) precede
 * breakouts. Plus %B (where the close sits between the bands) and bandwidth.
 *
 * As TA-Lib: the middle band is the chosen moving average, and the deviation is always the
 * standard deviation around the simple mean of the last `period` closes (TA-Lib's STDDEV,
 * 0 below a variance of 1e-14), whatever the MA type; the first value comes at the MA's
 * lookback. nbDevUp/nbDevDn may be negative, as TA-Lib allows. The SMA case is one fused
 * loop over running sums of x and x², in TA-Lib's order of operations, so it agrees with
 * TA-Lib to rounding at any price level (a sum of squares loses digits when the moves are
 * tiny relative to the price level, in TA-Lib and here alike).
 * Type: volatility. @see https://ta-lib.org/functions/bbands/
 */
export function bbandsLookback(period = 5, nbDevUp = 2, nbDevDn = 2, maType: MovingAverageType = 'sma'): number {
  assertInteger('BBANDS', 'period', period, 2);
  assertNumber('BBANDS', 'nbDevUp', nbDevUp, -100, 100);
  assertNumber('BBANDS', 'nbDevDn', nbDevDn, -100, 100);
  return movingAverageLookback(period, maType);
}

export function bbands(close: Float64Array, period = 5, nbDevUp = 2, nbDevDn = 2, maType: MovingAverageType = 'sma', out?: BollingerBands): BollingerBands {
  const n = close.length;
  bbandsLookback(period, nbDevUp, nbDevDn, maType);
  const [upper, middle, lower, percentB, bandwidth] = outputArrays('BBANDS', n, [out?.upper, out?.middle, out?.lower, out?.percentB, out?.bandwidth]);
  bollingerBands(close, period, nbDevUp, nbDevDn, maType, { upper, middle, lower });
  // %B and bandwidth from the stored lines: the same doubles the fused loop had in registers,
  // so one kernel per moving-average form serves both entry points.
  for (let i = 0; i < n; i++) {
    const top = upper[i];
    const bottom = lower[i];
    const mean = middle[i];
    const width = top - bottom;
    percentB[i] = width !== 0 ? (close[i] - bottom) / width : NaN;
    bandwidth[i] = mean !== 0 ? width / mean : NaN;
  }
  return { upper, middle, lower, percentB, bandwidth };
}

/**
 * TA-Lib's BBANDS calls STDDEV from the MA's first output, so its running sums start at bar
 * lookback - (period - 1), not at 0; starting there too reproduces its rounding exactly (a
 * flat window then reads 0 in both, not 1e-6 in one of them).
 */
function deviationFrom(x: Float64Array, period: number, lookback: number): Float64Array {
  const deviation = new Float64Array(x.length).fill(NaN);
  const start = lookback - (period - 1);
  if (start < x.length) stddev(x.subarray(start), period, 1, deviation.subarray(start));
  return deviation;
}

/** The three bands TA-Lib's BBANDS returns. */
export interface BollingerBandLines {
  upper: Float64Array;
  middle: Float64Array;
  lower: Float64Array;
}

/**
 * The three TA-Lib outputs of `bbands` only (upper, middle, lower; identical values), for
 * callers that do not need %B and bandwidth: two fewer arrays to write, which is most of the
 * cost at a million bars (memory traffic), so this is the form to compare with TA-Lib's BBANDS.
 */
export function bollingerBands(close: Float64Array, period = 5, nbDevUp = 2, nbDevDn = 2, maType: MovingAverageType = 'sma', out?: BollingerBandLines): BollingerBandLines {
  const lookback = bbandsLookback(period, nbDevUp, nbDevDn, maType);
  const n = close.length;
  const [upper, middle, lower] = outputArrays('BBANDS', n, [out?.upper, out?.middle, out?.lower]);
  const result: BollingerBandLines = { upper, middle, lower };
  if (maType === 'sma') {
    withFiniteRowsDetected([close], [result.upper, result.middle, result.lower], ([x], [upper, middle, lower]) =>
      bandLinesSma(x, period, nbDevUp, nbDevDn, lookback, upper, middle, lower),
    );
  } else {
    withFiniteRows([close], [result.upper, result.middle, result.lower], ([x], [upper, middle, lower]) => {
      movingAverage(x, period, maType, middle);
      const deviation = deviationFrom(x, period, lookback);
      const length = x.length;
      for (let i = 0; i < length; i++) {
        const mean = middle[i];
        const spread = deviation[i];
        upper[i] = mean + spread * nbDevUp;
        lower[i] = mean - spread * nbDevDn;
        if (spread !== spread) middle[i] = NaN;
      }
    });
  }
  return result;
}

/**
 * The bands from a middle line and a standard deviation (nbDev 1) computed elsewhere (e.g.
 * shared by `computeAll`): NaN wherever either is NaN.
 */
export function bandsFromParts(close: Float64Array, middle: Float64Array, deviation: Float64Array, nbDevUp: number, nbDevDn: number, out: BollingerBands): BollingerBands {
  const n = close.length;
  for (let i = 0; i < n; i++) {
    const mean = middle[i];
    const spread = deviation[i];
    if (mean !== mean || spread !== spread) {
      out.upper[i] = out.middle[i] = out.lower[i] = out.percentB[i] = out.bandwidth[i] = NaN;
      continue;
    }
    const top = mean + spread * nbDevUp;
    const bottom = mean - spread * nbDevDn;
    const width = top - bottom;
    out.upper[i] = top;
    out.middle[i] = mean;
    out.lower[i] = bottom;
    out.percentB[i] = width !== 0 ? (close[i] - bottom) / width : NaN;
    out.bandwidth[i] = mean !== 0 ? width / mean : NaN;
  }
  return out;
}

/** `value` is the upper band (the first output, as in TA-Lib); `middle`, `lower`, `percentB` and `bandwidth` as in the batch form. */
export class BBANDS extends StreamingIndicator {
  readonly lookback: number;
  middle = NaN;
  lower = NaN;
  percentB = NaN;
  bandwidth = NaN;
  private readonly moments: RunningMoments;
  /** The middle band for MA types other than SMA. */
  private readonly average: MovingAverageStream | undefined;
  /** Valid bars before the deviation's running sums start (see `deviationFrom`). */
  private readonly deviationStart: number;
  private committed = 0;
  private forming = 0;

  constructor(
    readonly period = 5,
    readonly nbDevUp = 2,
    readonly nbDevDn = 2,
    readonly maType: MovingAverageType = 'sma',
  ) {
    super();
    this.lookback = bbandsLookback(period, nbDevUp, nbDevDn, maType);
    this.moments = new RunningMoments(period);
    this.average = maType === 'sma' ? undefined : createMovingAverage(maType, period);
    this.deviationStart = this.lookback - (period - 1);
  }

  update(close: number): number {
    const valid = Number.isFinite(close);
    this.average?.update(close);
    if (this.begin(true, valid)) this.compute(close);
    else this.clearOutputs();
    return this.value;
  }

  replace(close: number): number {
    const valid = Number.isFinite(close);
    this.average?.replace(close);
    if (this.begin(false, valid)) this.compute(close);
    else this.clearOutputs();
    return this.value;
  }

  private clearOutputs(): void {
    this.middle = this.lower = this.percentB = this.bandwidth = NaN;
  }

  private compute(close: number): void {
    this.forming = close;
    if (this.count <= this.lookback) {
      this.value = NaN;
      this.clearOutputs();
      return;
    }
    const moments = this.moments;
    moments.load(close);
    const mean = this.average === undefined ? moments.mean : this.average.value;
    const variance = moments.variance;
    const deviation = variance < varianceEpsilon ? 0 : Math.sqrt(variance);
    const top = mean + deviation * this.nbDevUp;
    const bottom = mean - deviation * this.nbDevDn;
    const width = top - bottom;
    this.value = top;
    this.middle = mean;
    this.lower = bottom;
    this.percentB = width !== 0 ? (close - bottom) / width : NaN;
    this.bandwidth = mean !== 0 ? width / mean : NaN;
  }

  protected commit(): void {
    if (this.committed++ >= this.deviationStart) this.moments.commit(this.forming);
  }

  protected clear(): void {
    this.moments.clear();
    this.committed = 0;
    this.average?.reset();
    this.clearOutputs();
  }
}
