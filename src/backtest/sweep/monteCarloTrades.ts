import { TickforgeError } from '../../core/errors.js';
import { Random } from '../../core/Random.js';
import type { Trade } from '../Trade.js';

export interface MonteCarloOptions {
  /** Resampled sequences; default 1,000. */
  runs?: number;
  seed?: number;
  /** Equity before the first trade; default 1 (results are fractions). */
  initialEquity?: number;
  /** Percentiles to report, in (0, 100); default 5, 25, 50, 75, 95. */
  percentiles?: readonly number[];
}

export interface MonteCarloResult {
  runs: number;
  trades: number;
  /** Percentile -> total return of the resampled sequence (compounded trade returns). */
  totalReturn: Record<string, number>;
  /** Percentile -> maximum drawdown (a positive fraction) along the resampled sequence. */
  maxDrawdown: Record<string, number>;
  /** Share of sequences that ended below the initial equity. */
  probabilityOfLoss: number;
}

/**
 * Confidence intervals by bootstrap: the trades' returns (`returnFraction`) are drawn with
 * replacement, as many as there were trades, and compounded in the drawn order; over many runs
 * the spread of the final return and of the deepest drawdown shows how much of a backtest's
 * result its particular sequence of trades decided. Seeded: the same trades and seed give the
 * same intervals.
 */
export function monteCarloTrades(trades: readonly Trade[], options: MonteCarloOptions = {}): MonteCarloResult {
  const runs = options.runs ?? 1_000;
  const percentiles = options.percentiles ?? [5, 25, 50, 75, 95];
  if (!Number.isInteger(runs) || runs < 1) throw new TickforgeError('TF_ERR_CORE_ARGUMENT_INVALID', `Monte Carlo runs must be a whole number >= 1, got ${runs}.`, { details: { option: 'runs', value: runs } });
  if (percentiles.some((p) => !(p > 0 && p < 100))) throw new TickforgeError('TF_ERR_CORE_ARGUMENT_INVALID', `Monte Carlo percentiles must lie in (0, 100), got ${percentiles.join(', ')}.`, { details: { option: 'percentiles' } });
  const returns = Float64Array.from(trades, (trade) => trade.returnFraction);
  const count = returns.length;
  const finals = new Float64Array(runs);
  const drawdowns = new Float64Array(runs);
  const random = Random.fromSeed(options.seed ?? 1, 'monte-carlo-trades');
  let losses = 0;
  for (let run = 0; run < runs; run++) {
    let equity = 1;
    let peak = 1;
    let deepest = 0;
    for (let k = 0; k < count; k++) {
      equity *= 1 + returns[random.nextInt(count)];
      if (equity > peak) peak = equity;
      const drawdown = (peak - equity) / peak;
      if (drawdown > deepest) deepest = drawdown;
    }
    finals[run] = equity - 1;
    drawdowns[run] = deepest;
    if (equity < 1) losses++;
  }
  finals.sort();
  drawdowns.sort();
  const at = (sorted: Float64Array, p: number) => quantile(sorted, p / 100);
  return {
    runs,
    trades: count,
    totalReturn: Object.fromEntries(percentiles.map((p) => [String(p), count === 0 ? 0 : at(finals, p)])),
    maxDrawdown: Object.fromEntries(percentiles.map((p) => [String(p), count === 0 ? 0 : at(drawdowns, p)])),
    probabilityOfLoss: count === 0 ? 0 : losses / runs,
  };
}

/** Linear interpolation between order statistics (numpy's default). */
function quantile(sorted: Float64Array, q: number): number {
  const position = q * (sorted.length - 1);
  const low = Math.floor(position);
  const high = Math.min(low + 1, sorted.length - 1);
  return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
}
