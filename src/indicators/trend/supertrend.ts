import { hasNonFinite, withFiniteRows } from '../nanPolicy.js';
import { assertInteger, assertNumber, assertSameLength, outputArray } from '../parameters.js';
import { StreamingIndicator } from '../StreamingIndicator.js';
import { ATR, atr } from '../volatility/atr.js';

export interface SupertrendOutputs {
  /** The trailing line: the final lower band in an uptrend, the final upper band in a downtrend. */
  supertrend: Float64Array;
  /** +1 in an uptrend (line below price), -1 in a downtrend (line above price). */
  direction: Float64Array;
}

/**
 * SuperTrend (Olivier Seban; ATR period 10, multiplier 3): a volatility stop that trails
 * price by `multiplier` ATRs and flips sides when the close crosses it, giving a trend
 * direction and a stop level. TA-Lib has no SuperTrend.
 *
 * Definition (TradingView's `ta.supertrend`): basic bands hl2 ± multiplier * ATR; the final
 * lower band only rises (it takes the basic band when that is higher, or when the previous
 * close fell below the previous final lower band), the final upper band only falls
 * (symmetrically); in a downtrend the direction turns up when the close rises above the
 * final upper band, in an uptrend it turns down when the close falls below the final lower
 * band. The line is the final lower band in an uptrend, the final upper band in a downtrend.
 * Decisions: ATR is TA-Lib's (Wilder smoothing seeded by the mean of the true ranges of bars
 * 1..period, so the lookback is `period`; TradingView's ATR also counts bar 0's high - low).
 * The first bar with an ATR starts in a downtrend with the basic bands, as TradingView does.
 * The sign of `direction` is +1 = up, the opposite of TradingView's (-1 = up there). The
 * trend is carried explicitly, where TradingView infers it from `line == upper band`; the two
 * differ only when both bands coincide (a zero ATR).
 * Type: trend/overlap. @see https://www.tradingview.com/pine-script-reference/v5/#fun_ta.supertrend
 */
export function supertrendLookback(period = 10, multiplier = 3): number {
  assertInteger('SuperTrend', 'period', period, 1);
  assertNumber('SuperTrend', 'multiplier', multiplier, 0, 100);
  return period;
}

export function supertrend(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  period = 10,
  multiplier = 3,
  out?: SupertrendOutputs,
): SupertrendOutputs {
  assertSameLength('SuperTrend', { high, low, close });
  supertrendLookback(period, multiplier);
  return supertrendOfAtr(high, low, close, atr(high, low, close, period), multiplier, out);
}

/**
 * SuperTrend from an ATR already computed (NaN during its warm-up and on missing bars), so
 * that `computeAll` shares one ATR between SuperTrend and ATR users. Equals `supertrend()`
 * given `atr(high, low, close, period)`.
 */
export function supertrendOfAtr(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  atrLine: Float64Array,
  multiplier = 3,
  out?: SupertrendOutputs,
): SupertrendOutputs {
  const length = assertSameLength('SuperTrend', { high, low, close, atr: atrLine });
  assertNumber('SuperTrend', 'multiplier', multiplier, 0, 100);
  const result: SupertrendOutputs = {
    supertrend: outputArray('SuperTrend', length, out?.supertrend),
    direction: outputArray('SuperTrend', length, out?.direction),
  };
  // Rows without an ATR (warm-up, missing bars) are skipped like missing bars: the recursion
  // starts at the first ATR and carries across gaps from the last valid bar. When the only
  // such rows are the ATR's warm-up (nearly always), the finite rows are the tail after it:
  // the kernel runs on that tail in place, which is what `withFiniteRows` would hand it after
  // copying four columns (it sees a non-finite input and takes its general path every time).
  let start = 0;
  while (start < length && !Number.isFinite(atrLine[start])) start++;
  if (!hasNonFinite([high, low, close, atrLine.subarray(start)])) {
    result.supertrend.fill(NaN, 0, start);
    result.direction.fill(NaN, 0, start);
    supertrendKernel(high.subarray(start), low.subarray(start), close.subarray(start), atrLine.subarray(start), multiplier, result.supertrend.subarray(start), result.direction.subarray(start));
    return result;
  }
  withFiniteRows([high, low, close, atrLine], [result.supertrend, result.direction], ([h, l, c, a], [line, direction]) =>
    supertrendKernel(h, l, c, a, multiplier, line, direction),
  );
  return result;
}

/** The band recursion in one hand-written loop with its state in locals: speed is the product. */
function supertrendKernel(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  atrLine: Float64Array,
  multiplier: number,
  line: Float64Array,
  direction: Float64Array,
): void {
  const n = high.length;
  if (n === 0) return;
  let middle = (high[0] + low[0]) / 2;
  let upper = middle + multiplier * atrLine[0];
  let lower = middle - multiplier * atrLine[0];
  let trend = -1;
  let previousClose = close[0];
  line[0] = upper;
  direction[0] = trend;
  for (let i = 1; i < n; i++) {
    middle = (high[i] + low[i]) / 2;
    const band = multiplier * atrLine[i];
    const basicUpper = middle + band;
    const basicLower = middle - band;
    if (basicLower > lower || previousClose < lower) lower = basicLower;
    if (basicUpper < upper || previousClose > upper) upper = basicUpper;
    const c = close[i];
    if (trend < 0) {
      if (c > upper) trend = 1;
    } else if (c < lower) trend = -1;
    line[i] = trend > 0 ? lower : upper;
    direction[i] = trend;
    previousClose = c;
  }
}

export class SuperTrend extends StreamingIndicator {
  readonly lookback: number;
  /** +1 in an uptrend, -1 in a downtrend, NaN during warm-up. */
  direction = NaN;
  private readonly averageTrueRange: ATR;
  private upper = NaN;
  private lower = NaN;
  private trend = 0;
  private previousClose = NaN;
  private formingUpper = NaN;
  private formingLower = NaN;
  private formingClose = NaN;

  constructor(
    readonly period = 10,
    readonly multiplier = 3,
  ) {
    super();
    this.lookback = supertrendLookback(period, multiplier);
    this.averageTrueRange = new ATR(period);
  }

  update(high: number, low: number, close: number): number {
    // The ATR stream applies the same missing-value rule, so it stays in step with this one.
    const range = this.averageTrueRange.update(high, low, close);
    if (this.begin(true, Number.isFinite(high) && Number.isFinite(low) && Number.isFinite(close))) this.compute(high, low, close, range);
    else this.direction = NaN;
    return this.value;
  }

  replace(high: number, low: number, close: number): number {
    const range = this.averageTrueRange.replace(high, low, close);
    if (this.begin(false, Number.isFinite(high) && Number.isFinite(low) && Number.isFinite(close))) this.compute(high, low, close, range);
    else this.direction = NaN;
    return this.value;
  }

  private compute(high: number, low: number, close: number, range: number): void {
    this.formingClose = close;
    if (range !== range) {
      this.value = NaN;
      this.direction = NaN;
      return;
    }
    const middle = (high + low) / 2;
    const band = this.multiplier * range;
    const basicUpper = middle + band;
    const basicLower = middle - band;
    let upper: number;
    let lower: number;
    let trend: number;
    if (this.trend === 0) {
      upper = basicUpper;
      lower = basicLower;
      trend = -1;
    } else {
      const previousClose = this.previousClose;
      lower = basicLower > this.lower || previousClose < this.lower ? basicLower : this.lower;
      upper = basicUpper < this.upper || previousClose > this.upper ? basicUpper : this.upper;
      trend = this.trend;
      if (trend < 0) {
        if (close > upper) trend = 1;
      } else if (close < lower) trend = -1;
    }
    this.formingUpper = upper;
    this.formingLower = lower;
    this.direction = trend;
    this.value = trend > 0 ? lower : upper;
  }

  protected commit(): void {
    if (this.value === this.value) {
      this.upper = this.formingUpper;
      this.lower = this.formingLower;
      this.trend = this.direction;
    }
    this.previousClose = this.formingClose;
  }

  protected clear(): void {
    this.averageTrueRange.reset();
    this.direction = NaN;
    this.upper = NaN;
    this.lower = NaN;
    this.trend = 0;
    this.previousClose = NaN;
  }
}
