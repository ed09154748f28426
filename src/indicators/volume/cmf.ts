import { withFiniteRows } from '../nanPolicy.js';
import { assertInteger, assertSameLength, outputArray } from '../parameters.js';
import { moneyFlowVolume } from './ad.js';
import { VolumeRatioStream } from './VolumeRatioStream.js';

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

export class CMF extends VolumeRatioStream {
  constructor(period = 20) {
    super(period, cmfLookback(period), 0);
  }

  protected term(high: number, low: number, close: number, volume: number): number {
    return moneyFlowVolume(high, low, close, volume);
  }
}
