import { RingBuffer } from '../../core/RingBuffer.js';
import { withFiniteRows } from '../nanPolicy.js';
import { assertInteger, assertSameLength, outputArray } from '../parameters.js';
import { StreamingIndicator } from '../StreamingIndicator.js';
import { moneyFlowVolume } from './ad.js';

/**
 * Chaikin Money Flow: the money-flow volume of the last `period` bars over their volume,
 * sum(MFV) / sum(volume), from -1 (every close at its low) to +1 (every close at its high);
 * sustained positive values say buyers are in control. MFV is the A/D line's per-bar term,
 * ((close - low) - (high - close)) / (high - low) * volume, and, as in TA-Lib AD, a bar with
 * high == low contributes 0. A window whose volume is all zero has CMF 0 (no money flowed
 * either way), not NaN. Default period 20; lookback period - 1. TA-Lib has no CMF.
 * Type: volume. @see https://school.stockcharts.com/doku.php?id=technical_indicators:chaikin_money_flow_cmf
 */
export function cmfLookback(period = 20): number {
  assertInteger('CMF', 'period', period, 1);
  return period - 1;
}

export function cmf(high: Float64Array, low: Float64Array, close: Float64Array, volume: Float64Array, period = 20, out?: Float64Array): Float64Array {
  const length = assertSameLength('CMF', { high, low, close, volume });
  const lookback = cmfLookback(period);
  const result = outputArray('CMF', length, out);
  withFiniteRows([high, low, close, volume], [result], ([h, l, c, v], [y]) => cmfKernel(h, l, c, v, lookback, y));
  return result;
}

/**
 * Running sums in one hand-written loop (speed is the product), with the per-bar MFV kept in
 * one scratch array so each is computed once. A count of bars with volume in the window makes
 * the all-zero-volume case exact: the sums are reset to 0 when it reaches 0, dropping rounding residue.
 */
function cmfKernel(high: Float64Array, low: Float64Array, close: Float64Array, volume: Float64Array, lookback: number, y: Float64Array): void {
  const n = high.length;
  const flow = new Float64Array(n);
  let flowSum = 0;
  let volumeSum = 0;
  let traded = 0;
  for (let i = 0; i < n; i++) {
    const h = high[i];
    const l = low[i];
    const range = h - l;
    const v = volume[i];
    let f = 0;
    if (range > 0) {
      const c = close[i];
      f = ((c - l - (h - c)) / range) * v;
    }
    flow[i] = f;
    flowSum += f;
    volumeSum += v;
    if (v !== 0) traded++;
    if (i < lookback) {
      y[i] = NaN;
      continue;
    }
    y[i] = traded === 0 ? 0 : flowSum / volumeSum;
    const old = i - lookback;
    flowSum -= flow[old];
    volumeSum -= volume[old];
    if (volume[old] !== 0 && --traded === 0) {
      // Every bar left in the window has zero volume, hence zero flow: drop the rounding residue.
      flowSum = 0;
      volumeSum = 0;
    }
  }
}

export class CMF extends StreamingIndicator {
  readonly lookback: number;
  // Committed MFV and volume of the last period - 1 bars; the forming bar completes the window.
  private readonly flows: RingBuffer;
  private readonly volumes: RingBuffer;
  private flowSum = 0;
  private volumeSum = 0;
  private traded = 0;
  private formingFlow = 0;
  private formingVolume = 0;

  constructor(readonly period = 20) {
    super();
    this.lookback = cmfLookback(period);
    this.flows = new RingBuffer(Math.max(1, period - 1));
    this.volumes = new RingBuffer(Math.max(1, period - 1));
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
    const flow = moneyFlowVolume(high, low, close, volume);
    this.formingFlow = flow;
    this.formingVolume = volume;
    if (this.count <= this.lookback) this.value = NaN;
    else this.value = this.traded === 0 && volume === 0 ? 0 : (this.flowSum + flow) / (this.volumeSum + volume);
  }

  protected commit(): void {
    if (this.period === 1) return;
    const evictedFlow = this.flows.push(this.formingFlow);
    const evictedVolume = this.volumes.push(this.formingVolume);
    this.flowSum += this.formingFlow;
    this.volumeSum += this.formingVolume;
    if (this.formingVolume !== 0) this.traded++;
    // push() returns NaN until the window is full; stored values are always finite.
    if (evictedFlow === evictedFlow) {
      this.flowSum -= evictedFlow;
      this.volumeSum -= evictedVolume;
      if (evictedVolume !== 0 && --this.traded === 0) {
        // Every committed bar left has zero volume, hence zero flow: drop the rounding residue.
        this.flowSum = 0;
        this.volumeSum = 0;
      }
    }
  }

  protected clear(): void {
    this.flows.clear();
    this.volumes.clear();
    this.flowSum = 0;
    this.volumeSum = 0;
    this.traded = 0;
  }
}
