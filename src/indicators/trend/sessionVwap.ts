import { withFiniteRows } from '../nanPolicy.js';
import { assertInteger, assertNumber, assertSameLength, outputArray } from '../parameters.js';
import { StreamingIndicator } from '../StreamingIndicator.js';

export interface SessionVwapOutputs {
  /** The session's volume-weighted average typical price up to and including the bar. */
  vwap: Float64Array;
  /** vwap + bandDeviations * the session's volume-weighted standard deviation of typical price. */
  upper: Float64Array;
  /** vwap - bandDeviations * that deviation. */
  lower: Float64Array;
}

const dayMilliseconds = 86_400_000;

/**
 * Session VWAP: the volume-weighted average typical price ((high + low + close) / 3) since the
 * session began, restarting at every session; the intraday benchmark of execution quality
 * and a magnet for price. Optional bands at `bandDeviations` volume-weighted (population)
 * standard deviations of typical price around it, sqrt(sum(v * (tp - vwap)^2) / sum(v)).
 *
 * Sessions are UTC days that start `sessionStartMinutes` after UTC midnight (0..1439,
 * default 0): 1140 makes sessions run 19:00 UTC to 19:00 UTC, the bar at 19:00 opening a new
 * one. A bar belongs to the session in which its time (the bar's open, ms since the epoch, as
 * `Bars.time`) falls. No warm-up (lookback 0). Bars with zero volume do not move the VWAP (it
 * keeps its value, NaN until the session's first volume); negative volume is ignored likewise.
 * Computed with West's weighted running mean and variance, which stays accurate when the
 * deviation is tiny next to the price. TA-Lib has no VWAP.
 * Type: trend/overlap. @see https://school.stockcharts.com/doku.php?id=technical_indicators:vwap_intraday
 */
export function sessionVwapLookback(sessionStartMinutes = 0, bandDeviations = 1): number {
  assertInteger('Session VWAP', 'sessionStartMinutes', sessionStartMinutes, 0, 1439);
  assertNumber('Session VWAP', 'bandDeviations', bandDeviations, 0, 100);
  return 0;
}

/** The session a bar opening at `time` belongs to: days counted from the epoch, shifted by the session start. */
export function sessionOf(time: number, sessionStartMinutes: number): number {
  return Math.floor((time - sessionStartMinutes * 60_000) / dayMilliseconds);
}

export function sessionVwap(
  time: Float64Array,
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  volume: Float64Array,
  sessionStartMinutes = 0,
  bandDeviations = 1,
  out?: SessionVwapOutputs,
): SessionVwapOutputs {
  const length = assertSameLength('Session VWAP', { time, high, low, close, volume });
  sessionVwapLookback(sessionStartMinutes, bandDeviations);
  const result: SessionVwapOutputs = {
    vwap: outputArray('Session VWAP', length, out?.vwap),
    upper: outputArray('Session VWAP', length, out?.upper),
    lower: outputArray('Session VWAP', length, out?.lower),
  };
  withFiniteRows([time, high, low, close, volume], [result.vwap, result.upper, result.lower], ([t, h, l, c, v], [mid, up, down]) =>
    sessionVwapKernel(t, h, l, c, v, sessionStartMinutes, bandDeviations, mid, up, down),
  );
  return result;
}

/** One hand-written loop with the running moments in locals: speed is the product. */
function sessionVwapKernel(
  time: Float64Array,
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  volume: Float64Array,
  sessionStartMinutes: number,
  bandDeviations: number,
  mid: Float64Array,
  up: Float64Array,
  down: Float64Array,
): void {
  const n = time.length;
  const offset = sessionStartMinutes * 60_000;
  let session = NaN;
  let weight = 0;
  let mean = 0;
  let squares = 0;
  for (let i = 0; i < n; i++) {
    const s = Math.floor((time[i] - offset) / dayMilliseconds);
    if (s !== session) {
      session = s;
      weight = 0;
      mean = 0;
      squares = 0;
    }
    const v = volume[i];
    if (v > 0) {
      const x = (high[i] + low[i] + close[i]) / 3;
      weight += v;
      const delta = x - mean;
      mean += (delta * v) / weight;
      squares += v * delta * (x - mean);
    }
    if (weight > 0) {
      const band = bandDeviations * Math.sqrt(squares > 0 ? squares / weight : 0);
      mid[i] = mean;
      up[i] = mean + band;
      down[i] = mean - band;
    } else {
      mid[i] = NaN;
      up[i] = NaN;
      down[i] = NaN;
    }
  }
}

export class SessionVWAP extends StreamingIndicator {
  readonly lookback = 0;
  upper = NaN;
  lower = NaN;
  private session = NaN;
  private weight = 0;
  private mean = 0;
  private squares = 0;
  private formingSession = NaN;
  private formingWeight = 0;
  private formingMean = 0;
  private formingSquares = 0;

  constructor(
    readonly sessionStartMinutes = 0,
    readonly bandDeviations = 1,
  ) {
    super();
    sessionVwapLookback(sessionStartMinutes, bandDeviations);
  }

  update(time: number, high: number, low: number, close: number, volume: number): number {
    if (this.begin(true, Number.isFinite(time) && Number.isFinite(high) && Number.isFinite(low) && Number.isFinite(close) && Number.isFinite(volume))) {
      this.compute(time, high, low, close, volume);
    } else this.upper = this.lower = NaN;
    return this.value;
  }

  replace(time: number, high: number, low: number, close: number, volume: number): number {
    if (this.begin(false, Number.isFinite(time) && Number.isFinite(high) && Number.isFinite(low) && Number.isFinite(close) && Number.isFinite(volume))) {
      this.compute(time, high, low, close, volume);
    } else this.upper = this.lower = NaN;
    return this.value;
  }

  private compute(time: number, high: number, low: number, close: number, volume: number): void {
    const session = sessionOf(time, this.sessionStartMinutes);
    let weight = 0;
    let mean = 0;
    let squares = 0;
    if (session === this.session) {
      weight = this.weight;
      mean = this.mean;
      squares = this.squares;
    }
    if (volume > 0) {
      const x = (high + low + close) / 3;
      weight += volume;
      const delta = x - mean;
      mean += (delta * volume) / weight;
      squares += volume * delta * (x - mean);
    }
    this.formingSession = session;
    this.formingWeight = weight;
    this.formingMean = mean;
    this.formingSquares = squares;
    if (weight > 0) {
      const band = this.bandDeviations * Math.sqrt(squares > 0 ? squares / weight : 0);
      this.value = mean;
      this.upper = mean + band;
      this.lower = mean - band;
    } else this.value = this.upper = this.lower = NaN;
  }

  protected commit(): void {
    this.session = this.formingSession;
    this.weight = this.formingWeight;
    this.mean = this.formingMean;
    this.squares = this.formingSquares;
  }

  protected clear(): void {
    this.upper = NaN;
    this.lower = NaN;
    this.session = NaN;
    this.weight = 0;
    this.mean = 0;
    this.squares = 0;
  }
}
