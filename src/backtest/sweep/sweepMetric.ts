import { TickforgeError } from '../../core/errors.js';
import type { PerformanceMetrics } from '../metrics/PerformanceMetrics.js';

/** A numeric field of `PerformanceMetrics`: what a sweep can optimise. */
export type SweepMetric = { [K in keyof PerformanceMetrics]-?: PerformanceMetrics[K] extends number ? K : never }[keyof PerformanceMetrics];

/** Every metric a sweep can optimise, in the order `PerformanceMetrics` declares them. */
export const sweepMetrics = [
  'startingEquity', 'endingEquity', 'startTime', 'endTime', 'years', 'bars', 'periods', 'periodsPerYear', 'riskFreeRate',
  'totalReturn', 'compoundAnnualGrowthRate', 'annualVolatility', 'sharpeRatio', 'sortinoRatio', 'calmarRatio', 'omegaRatio',
  'tailRatio', 'valueAtRisk95', 'valueAtRisk99', 'expectedShortfall95', 'expectedShortfall99', 'maxDrawdown',
  'maxDrawdownDurationBars', 'maxDrawdownDurationMs', 'longestDrawdownDurationBars', 'longestDrawdownDurationMs',
  'averageExposure', 'timeInMarket', 'turnover', 'ruinIndex', 'tradeCount', 'winningTrades', 'losingTrades', 'winRate',
  'netProfit', 'grossProfit', 'grossLoss', 'profitFactor', 'expectancy', 'averageWin', 'averageLoss', 'winLossRatio',
  'averageHoldingMs', 'averageHoldingBars', 'totalFees', 'totalSlippage', 'totalFunding', 'tradedNotional',
] as const satisfies readonly SweepMetric[];

// Fails to compile when PerformanceMetrics gains a numeric field the list above lacks.
type Unlisted = Exclude<SweepMetric, (typeof sweepMetrics)[number]>;
const everyMetricListed: [Unlisted] extends [never] ? true : Unlisted = true;
void everyMetricListed;

/**
 * Metrics where less is better (risk, costs, time under water), the same set the ranking
 * table sorts lowest first (`report/rankedTable`'s `lowerIsBetter`, checked equal by a test).
 */
export const lowerIsBetterMetrics: ReadonlySet<SweepMetric> = new Set<SweepMetric>([
  'maxDrawdown', 'maxDrawdownDurationBars', 'maxDrawdownDurationMs', 'longestDrawdownDurationBars', 'longestDrawdownDurationMs',
  'annualVolatility', 'totalFees', 'totalSlippage', 'totalFunding', 'grossLoss',
]);

export type MetricDirection = 'maximise' | 'minimise';

/** Whether a sweep looks for the highest or the lowest value of the metric. */
export function metricDirection(metric: SweepMetric): MetricDirection {
  return lowerIsBetterMetrics.has(metric) ? 'minimise' : 'maximise';
}

/**
 * The metric named `name`, checked.
 * @throws TF_ERR_CORE_ARGUMENT_INVALID listing the metrics there are
 */
export function parseSweepMetric(name: string): SweepMetric {
  if ((sweepMetrics as readonly string[]).includes(name)) return name as SweepMetric;
  throw new TickforgeError('TF_ERR_CORE_ARGUMENT_INVALID', `Sweep metric "${name}" is not a numeric performance metric; use one of ${sweepMetrics.join(', ')}.`, {
    details: { option: 'metric', value: name },
  });
}

/**
 * Orders two scores best first under a direction: NaN (a ratio without a denominator, a run
 * without trades) after every number, whatever the direction. Returns < 0 when `a` is better.
 */
export function compareScores(a: number, b: number, direction: MetricDirection): number {
  const aMissing = Number.isNaN(a);
  const bMissing = Number.isNaN(b);
  if (aMissing || bMissing) return aMissing === bMissing ? 0 : aMissing ? 1 : -1;
  if (a === b) return 0;
  return (a < b) === (direction === 'minimise') ? -1 : 1;
}
