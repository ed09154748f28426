import { RingBuffer } from '../../core/RingBuffer.js';
import { withFiniteRows } from '../nanPolicy.js';
import { assertInteger, assertSameLength, outputArray } from '../parameters.js';
import { StreamingIndicator } from '../StreamingIndicator.js';

/**
 * The Ichimoku columns as a strategy sees them at bar i: every value is known at the close of
 * bar i, none depends on a later bar (charts shift some of them; these columns are not shifted
 * into the future).
 */
export interface IchimokuOutputs {
  /** Conversion line: the midpoint of the highest high and lowest low of the last `tenkanPeriod` bars. */
  tenkan: Float64Array;
  /** Base line: the same midpoint over `kijunPeriod` bars. */
  kijun: Float64Array;
  /** Leading span A of the cloud drawn at bar i: (tenkan + kijun) / 2 computed at bar i - displacement. */
  senkouA: Float64Array;
  /** Leading span B of the cloud drawn at bar i: the `senkouBPeriod` midpoint computed at bar i - displacement. */
  senkouB: Float64Array;
  /** Lagging span: bar i's close, the newest point of the lagging line, which charts draw at bar i - displacement. */
  chikou: Float64Array;
}

/**
 * Ichimoku Kinko Hyo (Goichi Hosoda; 9, 26, 52, displacement 26): trend, momentum and
 * support/resistance in one view; price above the cloud (between the senkou spans) with
 * tenkan above kijun is the classic bullish reading. TA-Lib has no Ichimoku.
 *
 * No look-ahead, by construction: charts draw the senkou spans `displacement` bars ahead of
 * the bar that computed them and the chikou span `displacement` bars behind. Here column
 * values sit at the bar where they become known: `senkouA[i]`/`senkouB[i]` are the cloud
 * drawn over bar i, computed at bar i - displacement. The cloud a chart draws ahead of bar i
 * (the spans computed at bar i) appears in these columns at bar i + displacement; at bar i its
 * span A is (tenkan[i] + kijun[i]) / 2. `chikou[i]` is close[i], which a chart draws at bar
 * i - displacement, so comparing it with close[i - displacement] (or with the cloud over that
 * bar, `senkouA[i - displacement]`) is the classic lagging-span test.
 * Displacement: charts differ by one bar (TradingView's built-in script shifts by displacement - 1); this uses
 * the full `displacement`, so pass 25 to reproduce TradingView's default cloud.
 * Warm-up: as in TA-Lib's multi-output functions, all five columns start together, at bar
 * max(tenkanPeriod, kijunPeriod, senkouBPeriod) - 1 + displacement (77 by default).
 * Type: trend/overlap. @see https://school.stockcharts.com/doku.php?id=technical_indicators:ichimoku_cloud
 */
export function ichimokuLookback(tenkanPeriod = 9, kijunPeriod = 26, senkouBPeriod = 52, displacement = 26): number {
  assertInteger('Ichimoku', 'tenkanPeriod', tenkanPeriod, 1);
  assertInteger('Ichimoku', 'kijunPeriod', kijunPeriod, 1);
  assertInteger('Ichimoku', 'senkouBPeriod', senkouBPeriod, 1);
  assertInteger('Ichimoku', 'displacement', displacement, 0);
  return Math.max(tenkanPeriod, kijunPeriod, senkouBPeriod) - 1 + displacement;
}

export function ichimoku(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  tenkanPeriod = 9,
  kijunPeriod = 26,
  senkouBPeriod = 52,
  displacement = 26,
  out?: IchimokuOutputs,
): IchimokuOutputs {
  const length = assertSameLength('Ichimoku', { high, low, close });
  const lookback = ichimokuLookback(tenkanPeriod, kijunPeriod, senkouBPeriod, displacement);
  const result: IchimokuOutputs = {
    tenkan: outputArray('Ichimoku', length, out?.tenkan),
    kijun: outputArray('Ichimoku', length, out?.kijun),
    senkouA: outputArray('Ichimoku', length, out?.senkouA),
    senkouB: outputArray('Ichimoku', length, out?.senkouB),
    chikou: outputArray('Ichimoku', length, out?.chikou),
  };
  withFiniteRows([high, low, close], [result.tenkan, result.kijun, result.senkouA, result.senkouB, result.chikou], ([h, l, c], [tenkan, kijun, spanA, spanB, chikou]) => {
    const n = h.length;
    midpointKernel(h, l, tenkanPeriod, tenkan);
    midpointKernel(h, l, kijunPeriod, kijun);
    const spanBSource = new Float64Array(n);
    midpointKernel(h, l, senkouBPeriod, spanBSource);
    const warm = Math.min(lookback, n);
    for (let i = 0; i < warm; i++) {
      spanA[i] = NaN;
      spanB[i] = NaN;
      chikou[i] = NaN;
    }
    for (let i = lookback; i < n; i++) {
      const j = i - displacement;
      spanA[i] = (tenkan[j] + kijun[j]) / 2;
      spanB[i] = spanBSource[j];
      chikou[i] = c[i];
    }
    // Tenkan and kijun were needed unmasked for span A; now hide their early values too.
    for (let i = 0; i < warm; i++) {
      tenkan[i] = NaN;
      kijun[i] = NaN;
    }
  });
  return result;
}

/**
 * (highest high + lowest low) / 2 over the last `period` bars, NaN before `period - 1`: two
 * monotonic deques of indexes (O(1) amortised per bar) in one hand-written loop, because
 * speed is the product.
 */
function midpointKernel(high: Float64Array, low: Float64Array, period: number, y: Float64Array): void {
  const n = high.length;
  const highs = new Int32Array(n);
  const lows = new Int32Array(n);
  let highHead = 0;
  let highTail = 0;
  let lowHead = 0;
  let lowTail = 0;
  const lookback = period - 1;
  for (let i = 0; i < n; i++) {
    const h = high[i];
    while (highTail > highHead && high[highs[highTail - 1]] <= h) highTail--;
    highs[highTail++] = i;
    if (highs[highHead] <= i - period) highHead++;
    const l = low[i];
    while (lowTail > lowHead && low[lows[lowTail - 1]] >= l) lowTail--;
    lows[lowTail++] = i;
    if (lows[lowHead] <= i - period) lowHead++;
    y[i] = i >= lookback ? (high[highs[highHead]] + low[lows[lowHead]]) / 2 : NaN;
  }
}

/**
 * The maximum (or minimum) of the last `period - 1` committed values and a forming one, for
 * the streaming form: a monotonic deque in preallocated ring storage, O(1) amortised, no
 * allocation.
 */
class WindowExtreme {
  private readonly values: Float64Array;
  private readonly sequence: Float64Array;
  private readonly capacity: number;
  private readonly keep: number;
  private head = 0;
  private size = 0;
  private pushed = 0;

  constructor(
    period: number,
    private readonly isMaximum: boolean,
  ) {
    this.keep = period - 1;
    this.capacity = Math.max(1, this.keep);
    this.values = new Float64Array(this.capacity);
    this.sequence = new Float64Array(this.capacity);
  }

  extreme(x: number): number {
    if (this.size === 0) return x;
    const front = this.values[this.head];
    return this.isMaximum ? (front > x ? front : x) : front < x ? front : x;
  }

  push(x: number): void {
    if (this.keep === 0) return;
    const capacity = this.capacity;
    // One value leaves per push: the one that falls out of the window ending with x.
    if (this.size > 0 && this.sequence[this.head] <= this.pushed - this.keep) {
      this.head = this.head + 1 === capacity ? 0 : this.head + 1;
      this.size--;
    }
    while (this.size > 0) {
      let back = this.head + this.size - 1;
      if (back >= capacity) back -= capacity;
      if (this.isMaximum ? this.values[back] > x : this.values[back] < x) break;
      this.size--;
    }
    let slot = this.head + this.size;
    if (slot >= capacity) slot -= capacity;
    this.values[slot] = x;
    this.sequence[slot] = this.pushed++;
    this.size++;
  }

  clear(): void {
    this.head = 0;
    this.size = 0;
    this.pushed = 0;
  }
}

export class Ichimoku extends StreamingIndicator {
  readonly lookback: number;
  /** The conversion line; also `value`. */
  tenkan = NaN;
  kijun = NaN;
  /** The cloud over the latest bar, computed `displacement` bars earlier. */
  senkouA = NaN;
  senkouB = NaN;
  /** The latest close: the newest point of the lagging span. */
  chikou = NaN;
  private readonly tenkanHigh: WindowExtreme;
  private readonly tenkanLow: WindowExtreme;
  private readonly kijunHigh: WindowExtreme;
  private readonly kijunLow: WindowExtreme;
  private readonly spanBHigh: WindowExtreme;
  private readonly spanBLow: WindowExtreme;
  // Span values computed at the last `displacement` committed bars (NaN in their own warm-up).
  private readonly spanAHistory: RingBuffer;
  private readonly spanBHistory: RingBuffer;
  private formingHigh = 0;
  private formingLow = 0;
  private formingSpanA = NaN;
  private formingSpanB = NaN;

  constructor(
    readonly tenkanPeriod = 9,
    readonly kijunPeriod = 26,
    readonly senkouBPeriod = 52,
    readonly displacement = 26,
  ) {
    super();
    this.lookback = ichimokuLookback(tenkanPeriod, kijunPeriod, senkouBPeriod, displacement);
    this.tenkanHigh = new WindowExtreme(tenkanPeriod, true);
    this.tenkanLow = new WindowExtreme(tenkanPeriod, false);
    this.kijunHigh = new WindowExtreme(kijunPeriod, true);
    this.kijunLow = new WindowExtreme(kijunPeriod, false);
    this.spanBHigh = new WindowExtreme(senkouBPeriod, true);
    this.spanBLow = new WindowExtreme(senkouBPeriod, false);
    this.spanAHistory = new RingBuffer(Math.max(1, displacement));
    this.spanBHistory = new RingBuffer(Math.max(1, displacement));
  }

  update(high: number, low: number, close: number): number {
    if (this.begin(true, Number.isFinite(high) && Number.isFinite(low) && Number.isFinite(close))) this.compute(high, low, close);
    else this.clearOutputs();
    return this.value;
  }

  replace(high: number, low: number, close: number): number {
    if (this.begin(false, Number.isFinite(high) && Number.isFinite(low) && Number.isFinite(close))) this.compute(high, low, close);
    else this.clearOutputs();
    return this.value;
  }

  private compute(high: number, low: number, close: number): void {
    this.formingHigh = high;
    this.formingLow = low;
    const count = this.count;
    const tenkan = count >= this.tenkanPeriod ? (this.tenkanHigh.extreme(high) + this.tenkanLow.extreme(low)) / 2 : NaN;
    const kijun = count >= this.kijunPeriod ? (this.kijunHigh.extreme(high) + this.kijunLow.extreme(low)) / 2 : NaN;
    this.formingSpanA = (tenkan + kijun) / 2;
    this.formingSpanB = count >= this.senkouBPeriod ? (this.spanBHigh.extreme(high) + this.spanBLow.extreme(low)) / 2 : NaN;
    if (count <= this.lookback) {
      this.clearOutputs();
      return;
    }
    const d = this.displacement;
    this.tenkan = tenkan;
    this.kijun = kijun;
    this.senkouA = d === 0 ? this.formingSpanA : this.spanAHistory.fromNewest(d - 1);
    this.senkouB = d === 0 ? this.formingSpanB : this.spanBHistory.fromNewest(d - 1);
    this.chikou = close;
    this.value = tenkan;
  }

  private clearOutputs(): void {
    this.value = NaN;
    this.tenkan = NaN;
    this.kijun = NaN;
    this.senkouA = NaN;
    this.senkouB = NaN;
    this.chikou = NaN;
  }

  protected commit(): void {
    const high = this.formingHigh;
    const low = this.formingLow;
    this.tenkanHigh.push(high);
    this.tenkanLow.push(low);
    this.kijunHigh.push(high);
    this.kijunLow.push(low);
    this.spanBHigh.push(high);
    this.spanBLow.push(low);
    if (this.displacement > 0) {
      this.spanAHistory.push(this.formingSpanA);
      this.spanBHistory.push(this.formingSpanB);
    }
  }

  protected clear(): void {
    this.clearOutputs();
    this.tenkanHigh.clear();
    this.tenkanLow.clear();
    this.kijunHigh.clear();
    this.kijunLow.clear();
    this.spanBHigh.clear();
    this.spanBLow.clear();
    this.spanAHistory.clear();
    this.spanBHistory.clear();
  }
}
