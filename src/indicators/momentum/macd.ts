import { hasNonFinite, withFiniteRowsDetected } from '../nanPolicy.js';
import { assertInteger, outputArrays } from '../parameters.js';
import { StreamingIndicator } from '../StreamingIndicator.js';

/** The three MACD lines, each of the input's length. */
export interface MacdOutput {
  macd: Float64Array;
  signal: Float64Array;
  histogram: Float64Array;
}

/**
 * Moving Average Convergence/Divergence: the fast EMA minus the slow EMA of the close (the
 * MACD line), its EMA (the signal line) and their difference (the histogram); traders read
 * MACD crossing its signal, or zero, as a change of trend, and the histogram as its strength.
 * As TA-Lib MACD (defaults 12, 26, 9), including two details a user switching from a plain
 * "EMA minus EMA" must know:
 * - both EMAs start together, at bar slow - 1: the slow EMA is seeded by the mean of the first
 *   `slow` closes, and the fast EMA by the mean of the `fast` closes ending at that same bar
 *   (not at bar fast - 1, as a standalone EMA(fast) is); so the MACD line differs slightly from
 *   EMA(fast) - EMA(slow) during the first few dozen bars, then converges to it;
 * - the signal EMA is seeded by the mean of the first `signal` MACD values, and every output
 *   starts at bar (slow - 1) + (signal - 1), the MACD line included.
 * A fast period longer than the slow one is swapped with it, as TA-Lib does. With signal
 * period 1 the signal equals the MACD line from bar slow - 1 (TA-Lib 1.1.6 misaligns that
 * case by one bar, with an uninitialised first value; tickforge does not copy the bug).
 * Type: momentum. @see https://ta-lib.org/functions/macd/
 */
export function macdLookback(fastPeriod = 12, slowPeriod = 26, signalPeriod = 9): number {
  assertMacdPeriods('MACD', fastPeriod, slowPeriod, signalPeriod);
  return Math.max(fastPeriod, slowPeriod) - 1 + signalPeriod - 1;
}

/**
 * `slowEma` (optional): EMA(max(fast, slow)) of the same close as `ema()` returns it, e.g.
 * shared with an EMA column by `computeAll`; it is read instead of recomputed when the close
 * has no missing values (the two are identical to the last bit).
 */
export function macd(close: Float64Array, fastPeriod = 12, slowPeriod = 26, signalPeriod = 9, out?: MacdOutput, slowEma?: Float64Array): MacdOutput {
  macdLookback(fastPeriod, slowPeriod, signalPeriod);
  const fast = Math.min(fastPeriod, slowPeriod);
  const slow = Math.max(fastPeriod, slowPeriod);
  return runMacd('MACD', close, fast, slow, signalPeriod, 2 / (fast + 1), 2 / (slow + 1), out, slowEma);
}

export function assertMacdPeriods(indicator: string, fastPeriod: number, slowPeriod: number, signalPeriod: number): void {
  assertInteger(indicator, 'fastPeriod', fastPeriod, 2);
  assertInteger(indicator, 'slowPeriod', slowPeriod, 2);
  assertInteger(indicator, 'signalPeriod', signalPeriod, 1);
}

/** Shared by MACD and MACDFIX: fast <= slow already, factors given. */
export function runMacd(
  indicator: string,
  close: Float64Array,
  fast: number,
  slow: number,
  signal: number,
  fastFactor: number,
  slowFactor: number,
  out?: MacdOutput,
  slowEma?: Float64Array,
): MacdOutput {
  const n = close.length;
  const [macdLine, signalLine, histogram] = outputArrays(indicator, n, [out?.macd, out?.signal, out?.histogram]);
  const result: MacdOutput = { macd: macdLine, signal: signalLine, histogram };
  const signalFactor = 2 / (signal + 1);
  if (slowEma !== undefined && slowEma.length === n && !hasNonFinite([close])) {
    macdKernel(close, fast, slow, signal, fastFactor, slowFactor, signalFactor, slowEma, result.macd, result.signal, result.histogram);
  } else {
    // The kernel notices a non-finite close itself (its recursions never recover from one), so
    // there is no separate scan; only then is the work redone over the finite rows.
    withFiniteRowsDetected([close], [result.macd, result.signal, result.histogram], ([x], [m, s, h]) =>
      macdKernel(x, fast, slow, signal, fastFactor, slowFactor, signalFactor, undefined, m, s, h),
    );
  }
  return result;
}

/**
 * One fused pass for both EMAs, the signal and the histogram, state in locals: hand-written
 * because MACD is on the benchmark's hot path. The recursions keep TA-Lib's exact form
 * ((x - previous) * k) + previous, so the outputs match TA-Lib to the last bits. (Advancing
 * them two bars at a time, which halves the dependency chain, was measured and rejected: the
 * MACD line is a small difference of two large averages, so last-bit differences in the
 * averages became 4e-9 relative differences in the line on real data.)
 * Returns whether every close was finite (the outputs are not valid otherwise): a NaN or an
 * infinity leaves the EMAs non-finite for good (x - infinity is -infinity, and infinity minus
 * infinity NaN).
 */
function macdKernel(
  x: Float64Array,
  fast: number,
  slow: number,
  signal: number,
  fastFactor: number,
  slowFactor: number,
  signalFactor: number,
  slowEma: Float64Array | undefined,
  m: Float64Array,
  s: Float64Array,
  h: Float64Array,
): boolean {
  const n = x.length;
  const lookback = slow - 1 + signal - 1;
  if (n <= lookback) {
    // No value whatever the missing rows: nothing to check.
    m.fill(NaN);
    s.fill(NaN);
    h.fill(NaN);
    return true;
  }
  const fastStart = slow - fast;
  let slowSum = 0;
  let fastSum = 0;
  for (let i = 0; i < slow; i++) {
    const value = x[i];
    slowSum += value;
    if (i >= fastStart) fastSum += value;
  }
  for (let i = 0; i < lookback; i++) {
    m[i] = NaN;
    s[i] = NaN;
    h[i] = NaN;
  }
  let fastAverage = fastSum / fast;
  let slowAverage = slowSum / slow;
  let line = fastAverage - slowAverage;
  let signalSum = line;
  for (let i = slow; i <= lookback; i++) {
    const value = x[i];
    fastAverage = (value - fastAverage) * fastFactor + fastAverage;
    slowAverage = slowEma === undefined ? (value - slowAverage) * slowFactor + slowAverage : slowEma[i];
    line = fastAverage - slowAverage;
    signalSum += line;
  }
  const signalAverage = signalSum / signal;
  m[lookback] = line;
  s[lookback] = signalAverage;
  h[lookback] = line - signalAverage;
  if (slowEma !== undefined) {
    // The caller checked the close.
    macdSteadySharedSlow(x, slowEma, lookback + 1, fastAverage, signalAverage, fastFactor, signalFactor, m, s, h);
    return true;
  }
  return Number.isFinite(macdSteady(x, lookback + 1, fastAverage, slowAverage, signalAverage, fastFactor, slowFactor, signalFactor, m, s, h));
}

/**
 * The steady-state loop, in its own function so that it stays monomorphic and small. Returns
 * the sum of the final EMAs, non-finite if any close was.
 */
function macdSteady(
  x: Float64Array,
  start: number,
  fastAverage: number,
  slowAverage: number,
  signalAverage: number,
  fastFactor: number,
  slowFactor: number,
  signalFactor: number,
  m: Float64Array,
  s: Float64Array,
  h: Float64Array,
): number {
  const n = x.length;
  // Two bars per iteration, the same operations in the same order (see sma.ts: the one-bar
  // loop's speed depended on where its code landed).
  let i = start;
  for (; i + 1 < n; i += 2) {
    const value = x[i];
    fastAverage = (value - fastAverage) * fastFactor + fastAverage;
    slowAverage = (value - slowAverage) * slowFactor + slowAverage;
    const line = fastAverage - slowAverage;
    signalAverage = (line - signalAverage) * signalFactor + signalAverage;
    m[i] = line;
    s[i] = signalAverage;
    h[i] = line - signalAverage;
    const next = x[i + 1];
    fastAverage = (next - fastAverage) * fastFactor + fastAverage;
    slowAverage = (next - slowAverage) * slowFactor + slowAverage;
    const nextLine = fastAverage - slowAverage;
    signalAverage = (nextLine - signalAverage) * signalFactor + signalAverage;
    m[i + 1] = nextLine;
    s[i + 1] = signalAverage;
    h[i + 1] = nextLine - signalAverage;
  }
  if (i < n) {
    const value = x[i];
    fastAverage = (value - fastAverage) * fastFactor + fastAverage;
    slowAverage = (value - slowAverage) * slowFactor + slowAverage;
    const line = fastAverage - slowAverage;
    signalAverage = (line - signalAverage) * signalFactor + signalAverage;
    m[i] = line;
    s[i] = signalAverage;
    h[i] = line - signalAverage;
  }
  return fastAverage + slowAverage;
}

function macdSteadySharedSlow(
  x: Float64Array,
  slowEma: Float64Array,
  start: number,
  fastAverage: number,
  signalAverage: number,
  fastFactor: number,
  signalFactor: number,
  m: Float64Array,
  s: Float64Array,
  h: Float64Array,
): void {
  const n = x.length;
  for (let i = start; i < n; i++) {
    fastAverage = (x[i] - fastAverage) * fastFactor + fastAverage;
    const line = fastAverage - slowEma[i];
    signalAverage = (line - signalAverage) * signalFactor + signalAverage;
    m[i] = line;
    s[i] = signalAverage;
    h[i] = line - signalAverage;
  }
}

/**
 * The streaming MACD family (MACD, MACDFIX): the same recursions as the batch kernel, over
 * committed state plus the forming bar. `value` is the MACD line; `signal` and `histogram`
 * are the other two outputs of the latest bar.
 */
export class MacdStream extends StreamingIndicator {
  readonly lookback: number;
  /** The signal line of the latest bar (NaN during warm-up). */
  signal = NaN;
  /** MACD minus signal for the latest bar (NaN during warm-up). */
  histogram = NaN;
  private readonly fastStart: number;
  private readonly signalFactor: number;
  private fastAverage = 0; // sum of closes until seeded
  private slowAverage = 0;
  private signalAverage = 0;
  private formingFast = 0;
  private formingSlow = 0;
  private formingSignal = 0;

  protected constructor(
    private readonly fastLength: number,
    private readonly slowLength: number,
    private readonly signalLength: number,
    private readonly fastFactor: number,
    private readonly slowFactor: number,
  ) {
    super();
    this.lookback = slowLength - 1 + signalLength - 1;
    this.fastStart = slowLength - fastLength;
    this.signalFactor = 2 / (signalLength + 1);
  }

  update(close: number): number {
    if (this.begin(true, Number.isFinite(close))) this.compute(close);
    else this.signal = this.histogram = NaN;
    return this.value;
  }

  replace(close: number): number {
    if (this.begin(false, Number.isFinite(close))) this.compute(close);
    else this.signal = this.histogram = NaN;
    return this.value;
  }

  private compute(x: number): void {
    const index = this.count - 1;
    const seed = this.slowLength - 1;
    if (index < seed) {
      this.formingSlow = this.slowAverage + x;
      this.formingFast = index >= this.fastStart ? this.fastAverage + x : this.fastAverage;
      this.value = this.signal = this.histogram = NaN;
      return;
    }
    if (index === seed) {
      this.formingSlow = (this.slowAverage + x) / this.slowLength;
      this.formingFast = (this.fastAverage + x) / this.fastLength;
    } else {
      this.formingSlow = (x - this.slowAverage) * this.slowFactor + this.slowAverage;
      this.formingFast = (x - this.fastAverage) * this.fastFactor + this.fastAverage;
    }
    const line = this.formingFast - this.formingSlow;
    const signalIndex = index - seed;
    if (signalIndex < this.signalLength - 1) {
      this.formingSignal = signalIndex === 0 ? line : this.signalAverage + line;
      this.value = this.signal = this.histogram = NaN;
      return;
    }
    if (signalIndex === this.signalLength - 1) {
      this.formingSignal = ((signalIndex === 0 ? 0 : this.signalAverage) + line) / this.signalLength;
    } else {
      this.formingSignal = (line - this.signalAverage) * this.signalFactor + this.signalAverage;
    }
    this.value = line;
    this.signal = this.formingSignal;
    this.histogram = line - this.formingSignal;
  }

  protected commit(): void {
    this.fastAverage = this.formingFast;
    this.slowAverage = this.formingSlow;
    if (this.count >= this.slowLength) this.signalAverage = this.formingSignal;
  }

  protected clear(): void {
    this.fastAverage = this.slowAverage = this.signalAverage = 0;
    this.signal = this.histogram = NaN;
  }
}

export class MACD extends MacdStream {
  constructor(
    readonly fastPeriod = 12,
    readonly slowPeriod = 26,
    readonly signalPeriod = 9,
  ) {
    assertMacdPeriods('MACD', fastPeriod, slowPeriod, signalPeriod);
    const fast = Math.min(fastPeriod, slowPeriod);
    const slow = Math.max(fastPeriod, slowPeriod);
    super(fast, slow, signalPeriod, 2 / (fast + 1), 2 / (slow + 1));
  }
}
