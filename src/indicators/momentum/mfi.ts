import { withFiniteRows } from '../nanPolicy.js';
import { assertInteger, assertSameLength, outputArray } from '../parameters.js';
import { StreamingIndicator } from '../StreamingIndicator.js';

/**
 * Money flow index (TA-Lib MFI, default period 14): a volume-weighted RSI, 100 * positive
 * money flow / total money flow over the last `period` bars, where a bar's money flow is its
 * typical price (high + low + close) / 3 times its volume, positive when the typical price
 * rose from the previous bar and negative when it fell. TA-Lib's rules, kept exactly: a bar
 * whose typical price equals the previous one counts in neither sum, and when the total
 * money flow of the window is below 1.0 (e.g. zero volume) the value is 0. Above 80 is
 * read as overbought, below 20 as oversold. First value at bar `period`.
 * Type: momentum. @see https://ta-lib.org/functions/mfi/
 */
export function mfiLookback(period = 14): number {
  assertInteger('MFI', 'period', period, 2);
  return period;
}

export function mfi(high: Float64Array, low: Float64Array, close: Float64Array, volume: Float64Array, period = 14, out?: Float64Array): Float64Array {
  mfiLookback(period);
  const length = assertSameLength('MFI', { high, low, close, volume });
  const result = outputArray('MFI', length, out);
  withFiniteRows([high, low, close, volume], [result], ([h, l, c, v], [y]) => mfiKernel(h, l, c, v, period, y));
  return result;
}

function moneyFlowIndex(positive: number, negative: number): number {
  const total = positive + negative;
  return total < 1.0 ? 0 : 100.0 * (positive / total);
}

/**
 * Running sums over a ring of the window's flows, updated in TA-Lib's order (the leaving flow
 * subtracted, then the new one added) so the values match it bit for bit; hand-written over
 * typed arrays because speed is the product.
 */
function mfiKernel(high: Float64Array, low: Float64Array, close: Float64Array, volume: Float64Array, period: number, y: Float64Array): void {
  const n = high.length;
  if (n <= period) {
    y.fill(NaN);
    return;
  }
  const positiveFlows = new Float64Array(period);
  const negativeFlows = new Float64Array(period);
  let positive = 0;
  let negative = 0;
  let previous = (high[0] + low[0] + close[0]) / 3.0;
  y[0] = NaN;
  let slot = 0;
  for (let i = 1; i <= period; i++) {
    const typical = (high[i] + low[i] + close[i]) / 3.0;
    const change = typical - previous;
    previous = typical;
    const flow = typical * volume[i];
    if (change < 0) {
      negativeFlows[slot] = flow;
      negative += flow;
      positiveFlows[slot] = 0;
    } else if (change > 0) {
      positiveFlows[slot] = flow;
      positive += flow;
      negativeFlows[slot] = 0;
    } else {
      positiveFlows[slot] = 0;
      negativeFlows[slot] = 0;
    }
    if (++slot === period) slot = 0;
    if (i < period) y[i] = NaN;
  }
  y[period] = moneyFlowIndex(positive, negative);
  for (let i = period + 1; i < n; i++) {
    positive -= positiveFlows[slot];
    negative -= negativeFlows[slot];
    const typical = (high[i] + low[i] + close[i]) / 3.0;
    const change = typical - previous;
    previous = typical;
    const flow = typical * volume[i];
    if (change < 0) {
      negativeFlows[slot] = flow;
      negative += flow;
      positiveFlows[slot] = 0;
    } else if (change > 0) {
      positiveFlows[slot] = flow;
      positive += flow;
      negativeFlows[slot] = 0;
    } else {
      positiveFlows[slot] = 0;
      negativeFlows[slot] = 0;
    }
    if (++slot === period) slot = 0;
    y[i] = moneyFlowIndex(positive, negative);
  }
}

export class MFI extends StreamingIndicator {
  readonly lookback: number;
  /** Flows of the committed bars of the window, by slot. */
  private readonly positiveFlows: Float64Array;
  private readonly negativeFlows: Float64Array;
  private slot = 0;
  private positive = 0;
  private negative = 0;
  private previousTypical = NaN;
  private formingTypical = NaN;
  private formingPositiveFlow = 0;
  private formingNegativeFlow = 0;
  private formingPositive = 0;
  private formingNegative = 0;

  constructor(readonly period = 14) {
    super();
    this.lookback = mfiLookback(period);
    this.positiveFlows = new Float64Array(period);
    this.negativeFlows = new Float64Array(period);
  }

  update(high: number, low: number, close: number, volume: number): number {
    if (this.begin(true, Number.isFinite(high) && Number.isFinite(low) && Number.isFinite(close) && Number.isFinite(volume))) this.compute(high, low, close, volume);
    return this.value;
  }

  replace(high: number, low: number, close: number, volume: number): number {
    if (this.begin(false, Number.isFinite(high) && Number.isFinite(low) && Number.isFinite(close) && Number.isFinite(volume))) this.compute(high, low, close, volume);
    return this.value;
  }

  private compute(high: number, low: number, close: number, volume: number): void {
    const typical = (high + low + close) / 3.0;
    this.formingTypical = typical;
    this.value = NaN;
    if (this.count === 1) return;
    const change = typical - this.previousTypical;
    const flow = typical * volume;
    this.formingPositiveFlow = change > 0 ? flow : 0;
    this.formingNegativeFlow = change < 0 ? flow : 0;
    let positive = this.positive;
    let negative = this.negative;
    if (this.count > this.period + 1) {
      positive -= this.positiveFlows[this.slot];
      negative -= this.negativeFlows[this.slot];
    }
    if (change < 0) negative += flow;
    else if (change > 0) positive += flow;
    this.formingPositive = positive;
    this.formingNegative = negative;
    if (this.count > this.period) this.value = moneyFlowIndex(positive, negative);
  }

  protected commit(): void {
    const first = this.count === 1;
    this.previousTypical = this.formingTypical;
    if (first) return;
    this.positive = this.formingPositive;
    this.negative = this.formingNegative;
    this.positiveFlows[this.slot] = this.formingPositiveFlow;
    this.negativeFlows[this.slot] = this.formingNegativeFlow;
    if (++this.slot === this.period) this.slot = 0;
  }

  protected clear(): void {
    this.slot = 0;
    this.positive = 0;
    this.negative = 0;
    this.previousTypical = NaN;
  }
}
