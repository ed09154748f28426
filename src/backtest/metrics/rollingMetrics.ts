import type { EquityCurve } from '../Trade.js';
import { assertAbove, assertEquityCurve, assertStartingEquity, assertWindow } from './assertMetricsInput.js';
import { perPeriodRate } from './perPeriodRate.js';
import { returnsFromEquity } from './returnsFromEquity.js';
import { deviationNoiseFloor } from './sampleStatistics.js';

/** Rolling ratios, one value per bar of the curve, NaN while fewer than `window` returns exist. */
export interface RollingMetrics {
  /** As `sharpeRatio` over the last `window` per-bar returns. */
  sharpeRatio: Float64Array;
  /** As `sortinoRatio` over the same window. */
  sortinoRatio: Float64Array;
  /** As `annualVolatility` over the same window. */
  volatility: Float64Array;
}

/**
 * Rolling Sharpe, Sortino and annualised volatility over the last `window` per-bar returns
 * (empyrical's `roll_sharpe_ratio` and friends, same definitions as the full-sample functions):
 * the value at bar i uses the returns of bars i - window + 1 .. i, so bars 0 .. window - 1 are
 * NaN (bar 0 has no return) and no value looks past its bar. `riskFreeRate` is annual, taken per
 * period as in `computeMetrics` and used as the Sortino target too.
 *
 * O(n): running sums of the excess returns (shifted by the window's mean, so a large mean does
 * not cancel a small spread), of their squares and of the squared shortfalls, recomputed from
 * scratch once per window length so rounding cannot accumulate. A window of identical returns
 * (tracked by the length of the current run) has a deviation of exactly 0, and one without a
 * return below the target a downside deviation of exactly 0, whatever the running sums say:
 * their ratios are NaN, as in the full-sample functions. Where a running difference has cancelled
 * to a small fraction of the terms it came from (a spread of nearly equal returns measured from an
 * older window's centre), its rounding error would dominate the ratio, so that window is summed
 * again exactly in two passes.
 */
export function rollingMetrics(curve: EquityCurve, window: number, periodsPerYear: number, riskFreeRate = 0): RollingMetrics {
  assertEquityCurve(curve);
  assertStartingEquity('curve.equity[0]', curve.equity[0]);
  assertWindow(window);
  assertAbove('periodsPerYear', periodsPerYear, 0);
  assertAbove('riskFreeRate', riskFreeRate, -1);
  const n = curve.equity.length;
  const sharpe = new Float64Array(n).fill(NaN);
  const sortino = new Float64Array(n).fill(NaN);
  const volatility = new Float64Array(n).fill(NaN);
  const returns = returnsFromEquity(curve.equity);
  const riskFree = perPeriodRate(riskFreeRate, periodsPerYear);
  // excess[j] belongs to bar j + 1.
  const excess = new Float64Array(returns.length);
  for (let j = 0; j < excess.length; j++) excess[j] = returns[j] - riskFree;
  const annualisation = Math.sqrt(periodsPerYear);
  let center = 0;
  let sum = 0;
  let squares = 0;
  let shortfallSquares = 0;
  let shortfalls = 0;
  let run = 0;
  // The largest the shortfall sum has been since it was last summed exactly: its rounding error scale.
  let shortfallPeak = 0;
  for (let j = 0; j < excess.length; j++) {
    const x = excess[j];
    run = j > 0 && x === excess[j - 1] ? run + 1 : 1;
    if (j + 1 < window) continue;
    const first = j + 1 - window;
    if (first % window === 0) {
      center = 0;
      for (let k = first; k <= j; k++) center += excess[k];
      center /= window;
      sum = 0;
      squares = 0;
      shortfallSquares = 0;
      shortfalls = 0;
      for (let k = first; k <= j; k++) {
        const value = excess[k];
        const d = value - center;
        sum += d;
        squares += d * d;
        if (value < 0) {
          shortfalls++;
          shortfallSquares += value * value;
        }
      }
      shortfallPeak = shortfallSquares;
    } else {
      const leaving = excess[first - 1];
      const enteringDeviation = x - center;
      const leavingDeviation = leaving - center;
      sum += enteringDeviation - leavingDeviation;
      squares += enteringDeviation * enteringDeviation - leavingDeviation * leavingDeviation;
      if (x < 0) {
        shortfalls++;
        shortfallSquares += x * x;
      }
      if (leaving < 0) {
        shortfalls--;
        shortfallSquares -= leaving * leaving;
      }
      if (shortfalls === 0) shortfallSquares = 0;
      if (shortfallSquares > shortfallPeak) shortfallPeak = shortfallSquares;
    }
    let meanExcess = center + sum / window;
    let spread = squares - (sum * sum) / window;
    if (spread <= cancellationLimit * squares || (shortfalls > 0 && shortfallSquares <= cancellationLimit * shortfallPeak)) {
      const exact = exactWindow(excess, first, j);
      meanExcess = exact.mean;
      spread = exact.spread;
      shortfallSquares = exact.shortfallSquares;
      shortfallPeak = shortfallSquares;
    }
    const variance = run >= window ? 0 : Math.max(0, spread / (window - 1));
    const deviation = Math.sqrt(variance);
    const downside = Math.sqrt(Math.max(0, shortfallSquares) / window);
    const bar = j + 1;
    volatility[bar] = deviation > deviationNoiseFloor ? deviation * annualisation : 0;
    sharpe[bar] = deviation > deviationNoiseFloor ? (meanExcess / deviation) * annualisation : NaN;
    sortino[bar] = downside > deviationNoiseFloor ? (meanExcess / downside) * annualisation : NaN;
  }
  return { sharpeRatio: sharpe, sortinoRatio: sortino, volatility };
}

/** A running difference below this fraction of its terms has lost too many digits to rounding. */
const cancellationLimit = 1e-6;

/** Mean, sum of squared deviations and sum of squared shortfalls of excess[first..last], two passes. */
function exactWindow(excess: Float64Array, first: number, last: number): { mean: number; spread: number; shortfallSquares: number } {
  let total = 0;
  for (let k = first; k <= last; k++) total += excess[k];
  const mean = total / (last - first + 1);
  let spread = 0;
  let shortfallSquares = 0;
  for (let k = first; k <= last; k++) {
    const d = excess[k] - mean;
    spread += d * d;
    if (excess[k] < 0) shortfallSquares += excess[k] * excess[k];
  }
  return { mean, spread, shortfallSquares };
}
