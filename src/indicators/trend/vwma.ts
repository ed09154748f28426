import { RingBuffer } from '../../core/RingBuffer.js';
import { withFiniteRows } from '../nanPolicy.js';
import { assertInteger, assertSameLength, outputArray } from '../parameters.js';
import { StreamingIndicator } from '../StreamingIndicator.js';

/** Running sums are re-summed exactly every this many windows (about 1/8 extra work). */
const windowsPerResum = 8;

/**
 * Volume-weighted moving average: sum(close * volume) / sum(volume) over the last `period` bars,
 * an SMA in which heavily traded bars count more, so it sits closer to where volume changed
 * hands. Not in TA-Lib (and not VWAP, which accumulates over a session). Default period 20.
 * A window whose volume is all zero has no volume-weighted price: its value is NaN (not the
 * plain mean, which would silently switch definitions). Volume is expected to be non-negative.
 * The running sums are re-summed exactly from the window every 8 * period bars, so rounding
 * cannot pile up over long series.
 * Type: trend/overlap. @see https://www.tradingview.com/support/solutions/43000592293-volume-weighted-moving-average-vwma/
 */
export function vwmaLookback(period = 20): number {
  assertInteger('VWMA', 'period', period, 1);
  return period - 1;
}

export function vwma(close: Float64Array, volume: Float64Array, period = 20, out?: Float64Array): Float64Array {
  vwmaLookback(period);
  const n = assertSameLength('VWMA', { close, volume });
  const result = outputArray('VWMA', n, out);
  withFiniteRows([close, volume], [result], ([c, v], [y]) => vwmaKernel(c, v, period, y));
  return result;
}

/**
 * Running sums of price * volume and volume, hand-written because speed is the product. The
 * count of non-zero volumes in the window says when the window is all zero; the sums are
 * then reset to exactly 0 so that rounding left over from earlier bars cannot divide by ~1e-12.
 */
function vwmaKernel(close: Float64Array, volume: Float64Array, period: number, y: Float64Array): void {
  const n = close.length;
  const lookback = period - 1;
  let weighted = 0;
  let total = 0;
  let traded = 0;
  const resumEvery = windowsPerResum * period;
  let untilResum = resumEvery;
  for (let i = 0; i < n; i++) {
    const v = volume[i];
    weighted += close[i] * v;
    total += v;
    if (v !== 0) traded++;
    if (i < lookback) {
      y[i] = NaN;
      --untilResum;
      continue;
    }
    y[i] = traded > 0 ? weighted / total : NaN;
    const old = volume[i - lookback];
    weighted -= close[i - lookback] * old;
    total -= old;
    if (old !== 0 && --traded === 0) {
      weighted = 0;
      total = 0;
    }
    if (--untilResum === 0) {
      untilResum = resumEvery;
      // The period-1 newest bars stay in the window for the next one.
      weighted = 0;
      total = 0;
      for (let k = i - lookback + 1; k <= i; k++) {
        weighted += close[k] * volume[k];
        total += volume[k];
      }
    }
  }
}

/** Streaming VWMA: O(1) per bar over rings of the last period-1 committed closes and volumes. */
export class VWMA extends StreamingIndicator {
  readonly lookback: number;
  private readonly closes: RingBuffer;
  private readonly volumes: RingBuffer;
  private weighted = 0;
  private total = 0;
  private traded = 0;
  private formingClose = 0;
  private formingVolume = 0;
  private readonly resumEvery: number;

  constructor(readonly period = 20) {
    super();
    this.lookback = vwmaLookback(period);
    this.resumEvery = windowsPerResum * period;
    this.closes = new RingBuffer(Math.max(1, period - 1));
    this.volumes = new RingBuffer(Math.max(1, period - 1));
  }

  update(close: number, volume: number): number {
    if (this.begin(true, Number.isFinite(close) && Number.isFinite(volume))) this.compute(close, volume);
    return this.value;
  }

  replace(close: number, volume: number): number {
    if (this.begin(false, Number.isFinite(close) && Number.isFinite(volume))) this.compute(close, volume);
    return this.value;
  }

  private compute(close: number, volume: number): void {
    this.formingClose = close;
    this.formingVolume = volume;
    if (this.count <= this.lookback) this.value = NaN;
    else this.value = this.traded > 0 || volume !== 0 ? (this.weighted + close * volume) / (this.total + volume) : NaN;
  }

  protected commit(): void {
    const close = this.formingClose;
    const volume = this.formingVolume;
    this.weighted += close * volume;
    this.total += volume;
    if (volume !== 0) this.traded++;
    if (this.period === 1) {
      this.evict(close, volume);
      return;
    }
    const full = this.closes.isFull;
    const oldClose = this.closes.push(close);
    const oldVolume = this.volumes.push(volume);
    if (full) this.evict(oldClose, oldVolume);
    // At the same bars as the batch kernel (count = committed bars), so both round alike.
    if (this.count % this.resumEvery === 0) this.resum();
  }

  private resum(): void {
    let weighted = 0;
    let total = 0;
    for (let k = 0; k < this.closes.length; k++) {
      weighted += this.closes.at(k) * this.volumes.at(k);
      total += this.volumes.at(k);
    }
    this.weighted = weighted;
    this.total = total;
  }

  private evict(close: number, volume: number): void {
    this.weighted -= close * volume;
    this.total -= volume;
    if (volume !== 0 && --this.traded === 0) {
      this.weighted = 0;
      this.total = 0;
    }
  }

  protected clear(): void {
    this.closes.clear();
    this.volumes.clear();
    this.weighted = 0;
    this.total = 0;
    this.traded = 0;
  }
}
