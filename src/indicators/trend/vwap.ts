import { withFiniteRows } from '../nanPolicy.js';
import { assertInteger, assertSameLength, outputArray } from '../parameters.js';
import { VolumeRatioStream } from '../volume/VolumeRatioStream.js';

/**
 * Rolling volume-weighted average price over the last `period` bars (default 20):
 * sum(typical * volume) / sum(volume) with typical = (high + low + close) / 3, the average
 * price paid per share over the window; price above it means recent buyers are in profit.
 * For the VWAP that restarts each session (the intraday benchmark), see `sessionVwap`.
 * A window without any volume has no volume-weighted price: NaN there. Lookback period - 1.
 * TA-Lib has no VWAP.
 * Type: trend/overlap. @see https://school.stockcharts.com/doku.php?id=technical_indicators:vwap_intraday
 */
export function vwapLookback(period = 20): number {
  assertInteger('VWAP', 'period', period, 1);
  return period - 1;
}

export function vwap(high: Float64Array, low: Float64Array, close: Float64Array, volume: Float64Array, period = 20, out?: Float64Array): Float64Array {
  const length = assertSameLength('VWAP', { high, low, close, volume });
  const lookback = vwapLookback(period);
  const result = outputArray('VWAP', length, out);
  withFiniteRows([high, low, close, volume], [result], ([h, l, c, v], [y]) => vwapKernel(h, l, c, v, lookback, y));
  return result;
}

/**
 * Running sums in one hand-written loop (speed is the product), price * volume kept in one
 * scratch array. A count of bars with volume makes a volume-free window exact: the sums are
 * reset to 0 when it reaches 0 (every price * volume left is 0 then), dropping rounding residue.
 */
function vwapKernel(high: Float64Array, low: Float64Array, close: Float64Array, volume: Float64Array, lookback: number, y: Float64Array): void {
  const n = high.length;
  const weighted = new Float64Array(n);
  let weightedSum = 0;
  let volumeSum = 0;
  let traded = 0;
  for (let i = 0; i < n; i++) {
    const v = volume[i];
    const w = ((high[i] + low[i] + close[i]) / 3) * v;
    weighted[i] = w;
    weightedSum += w;
    volumeSum += v;
    if (v !== 0) traded++;
    if (i < lookback) {
      y[i] = NaN;
      continue;
    }
    y[i] = traded === 0 ? NaN : weightedSum / volumeSum;
    const old = i - lookback;
    weightedSum -= weighted[old];
    volumeSum -= volume[old];
    if (volume[old] !== 0 && --traded === 0) {
      weightedSum = 0;
      volumeSum = 0;
    }
  }
}

export class VWAP extends VolumeRatioStream {
  constructor(period = 20) {
    super(period, vwapLookback(period), NaN);
  }

  protected term(high: number, low: number, close: number, volume: number): number {
    return ((high + low + close) / 3) * volume;
  }
}
