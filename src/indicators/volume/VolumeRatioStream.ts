import { RingBuffer } from '../../core/RingBuffer.js';
import { StreamingIndicator } from '../StreamingIndicator.js';

/**
 * The streaming half shared by the windowed ratios sum(term) / sum(volume) over the last
 * `period` bars (VWAP, CMF): each indicator names its per-bar `term` and the value of a window
 * without any volume (`noVolumeValue`). A count of committed bars with volume makes that case
 * exact: the sums are reset to 0 when it reaches 0, dropping rounding residue, the same rule
 * as the batch kernels, so stream and batch agree bit for bit.
 */
export abstract class VolumeRatioStream extends StreamingIndicator {
  // Committed terms and volumes of the last period - 1 bars; the forming bar completes the window.
  private readonly terms: RingBuffer;
  private readonly volumes: RingBuffer;
  private termSum = 0;
  private volumeSum = 0;
  private traded = 0;
  private formingTerm = 0;
  private formingVolume = 0;

  /** `lookback` is computed (and the parameters validated) by the subclass before this runs. */
  protected constructor(
    readonly period: number,
    readonly lookback: number,
    private readonly noVolumeValue: number,
  ) {
    super();
    this.terms = new RingBuffer(Math.max(1, period - 1));
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

  /** The bar's contribution to the numerator. */
  protected abstract term(high: number, low: number, close: number, volume: number): number;

  private compute(high: number, low: number, close: number, volume: number): void {
    const term = this.term(high, low, close, volume);
    this.formingTerm = term;
    this.formingVolume = volume;
    if (this.count <= this.lookback) this.value = NaN;
    else this.value = this.traded === 0 && volume === 0 ? this.noVolumeValue : (this.termSum + term) / (this.volumeSum + volume);
  }

  protected commit(): void {
    if (this.period === 1) return;
    const evictedTerm = this.terms.push(this.formingTerm);
    const evictedVolume = this.volumes.push(this.formingVolume);
    this.termSum += this.formingTerm;
    this.volumeSum += this.formingVolume;
    if (this.formingVolume !== 0) this.traded++;
    // push() returns NaN until the window is full; stored values are always finite.
    if (evictedTerm === evictedTerm) {
      this.termSum -= evictedTerm;
      this.volumeSum -= evictedVolume;
      if (evictedVolume !== 0 && --this.traded === 0) {
        // Every committed bar left has zero volume, hence a zero term: drop the rounding residue.
        this.termSum = 0;
        this.volumeSum = 0;
      }
    }
  }

  protected clear(): void {
    this.terms.clear();
    this.volumes.clear();
    this.termSum = 0;
    this.volumeSum = 0;
    this.traded = 0;
  }
}
