import { withFiniteRows } from '../nanPolicy.js';
import { assertInteger, outputArray } from '../parameters.js';
import { StreamingIndicator } from '../StreamingIndicator.js';
import type { MovingAverageType } from '../trend/movingAverage.js';
import { RSI, rsiLookback, rsiTalibExact } from './rsi.js';
import { STOCHF, stochf, stochfLookback, type StochfOutput } from './stochf.js';

/**
 * Stochastic RSI: the fast stochastic applied to RSI instead of price, i.e. where RSI sits in
 * its own range of the last `fastKPeriod` bars (0 to 100), plus its %D average; traders use it
 * as a more sensitive overbought / oversold gauge than RSI. As TA-Lib STOCHRSI (defaults RSI
 * period 14, fastK 5, fastD 3, SMA): STOCHF over the RSI series with high = low = close = RSI
 * (so %K is 0 when RSI is flat over the window); outputs from bar
 * period + (fastKPeriod - 1) + lookback of the %D average. The RSI inside is smoothed by
 * TA-Lib's literal formula (`rsiTalibExact`), because the stochastic divides by RSI's range
 * over a few bars and would magnify the last-bit differences of `rsi`'s faster form.
 * Type: momentum. @see https://ta-lib.org/functions/stochrsi/
 */
export function stochrsiLookback(period = 14, fastKPeriod = 5, fastDPeriod = 3, fastDType: MovingAverageType = 'sma'): number {
  assertInteger('STOCHRSI', 'period', period, 2);
  assertInteger('STOCHRSI', 'fastKPeriod', fastKPeriod, 1);
  assertInteger('STOCHRSI', 'fastDPeriod', fastDPeriod, 1);
  return rsiLookback(period) + stochfLookback(fastKPeriod, fastDPeriod, fastDType);
}

export function stochrsi(
  close: Float64Array,
  period = 14,
  fastKPeriod = 5,
  fastDPeriod = 3,
  fastDType: MovingAverageType = 'sma',
  out?: StochfOutput,
): StochfOutput {
  stochrsiLookback(period, fastKPeriod, fastDPeriod, fastDType);
  const n = close.length;
  const result: StochfOutput = { fastK: outputArray('STOCHRSI', n, out?.fastK), fastD: outputArray('STOCHRSI', n, out?.fastD) };
  withFiniteRows([close], [result.fastK, result.fastD], ([x], [k, d]) => {
    const strength = rsiTalibExact(x, period);
    const start = Math.min(period, x.length);
    const series = strength.subarray(start);
    stochf(series, series, series, fastKPeriod, fastDPeriod, fastDType, { fastK: k.subarray(start), fastD: d.subarray(start) });
    k.fill(NaN, 0, start);
    d.fill(NaN, 0, start);
  });
  return result;
}

export class STOCHRSI extends StreamingIndicator {
  readonly lookback: number;
  /** %D of the latest bar (NaN during warm-up). */
  fastD = NaN;
  private readonly strength: RSI;
  private readonly stochastic: STOCHF;

  constructor(
    readonly period = 14,
    readonly fastKPeriod = 5,
    readonly fastDPeriod = 3,
    readonly fastDType: MovingAverageType = 'sma',
  ) {
    super();
    this.lookback = stochrsiLookback(period, fastKPeriod, fastDPeriod, fastDType);
    this.strength = new RSI(period, true);
    this.stochastic = new STOCHF(fastKPeriod, fastDPeriod, fastDType);
  }

  update(close: number): number {
    this.begin(true, Number.isFinite(close));
    // RSI is NaN during its warm-up and on missing bars, which the stochastic skips.
    const r = this.strength.update(close);
    return this.read(this.stochastic.update(r, r, r));
  }

  replace(close: number): number {
    this.begin(false, Number.isFinite(close));
    const r = this.strength.replace(close);
    return this.read(this.stochastic.replace(r, r, r));
  }

  private read(fastK: number): number {
    this.value = fastK;
    this.fastD = this.stochastic.fastD;
    return fastK;
  }

  protected commit(): void {
    // The inner streams commit on their own next update.
  }

  protected clear(): void {
    this.strength.reset();
    this.stochastic.reset();
    this.fastD = NaN;
  }
}
