import type { AttributionKey, AttributionRow } from '../backtest/metrics/attribution.js';
import type { MonthlyReturn } from '../backtest/metrics/monthlyReturns.js';
import type { PerformanceMetrics } from '../backtest/metrics/PerformanceMetrics.js';
import type { Trade } from '../backtest/Trade.js';
import type { BacktestReport } from './backtestReport.js';
import { yearlyReturns, type YearlyReturn } from './monthlyReturnsHeatmap.js';

/**
 * A value as JSON carries it: numbers may be null (NaN and infinities have no JSON form), typed
 * arrays become arrays, optional fields are either present or absent (never undefined).
 */
export type JsonSafe<T> = T extends number
  ? number | null
  : T extends Float64Array
    ? (number | null)[]
    : T extends readonly (infer U)[]
      ? JsonSafe<U>[]
      : T extends object
        ? { [K in keyof T]: JsonSafe<T[K]> }
        : T;

export interface BacktestJson {
  title: string;
  /** ISO times (UTC) of the first and last point of the curve. */
  start: string;
  end: string;
  periodsPerYear: number;
  riskFreeRate: number;
  benchmarkLabel?: string;
  rollingWindow: number;
  metrics: JsonSafe<PerformanceMetrics>;
  attribution: Record<AttributionKey, JsonSafe<AttributionRow>[]>;
  monthlyReturns: JsonSafe<MonthlyReturn>[];
  yearlyReturns: JsonSafe<YearlyReturn>[];
  tradeCount: number;
  trades: JsonSafe<Trade>[];
  /** The curve, its drawdown and the benchmark, point by point, with `includeCurve`. */
  curve?: { time: number[]; equity: number[]; exposure: number[]; drawdown: (number | null)[]; benchmark?: number[] };
}

export interface BacktestJsonOptions {
  /** Add the equity curve point by point (large for long runs); default false. */
  includeCurve?: boolean;
  /** Keep only the first this many trades (`tradeCount` still counts all); default all. */
  maxTrades?: number;
}

/**
 * A copy that `JSON.stringify` writes faithfully and `JSON.parse` reads back equal: NaN and
 * infinities become null, typed arrays plain arrays, undefined fields are left out.
 */
export function jsonSafe<T>(value: T): JsonSafe<T> {
  if (typeof value === 'number') return (Number.isFinite(value) ? value : null) as JsonSafe<T>;
  if (ArrayBuffer.isView(value)) return Array.from(value as unknown as Float64Array, (x) => (Number.isFinite(x) ? x : null)) as JsonSafe<T>;
  if (Array.isArray(value)) return value.map((item: unknown) => (item === undefined ? null : jsonSafe(item))) as JsonSafe<T>;
  if (value !== null && typeof value === 'object') {
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) if (item !== undefined) result[key] = jsonSafe(item);
    return result as JsonSafe<T>;
  }
  return value as JsonSafe<T>;
}

/**
 * The report as a plain object for `--json` and for machines: the metrics (NaN as null, with
 * the notes saying why), attribution by strategy, symbol and tag, monthly and yearly returns,
 * and the trades. Deterministic: the same report gives the same text.
 */
export function backtestJson(report: BacktestReport, options: BacktestJsonOptions = {}): BacktestJson {
  const { curve } = report;
  const last = curve.time.length - 1;
  const json: BacktestJson = {
    title: report.title,
    start: new Date(curve.time[0]).toISOString(),
    end: new Date(curve.time[last]).toISOString(),
    periodsPerYear: report.periodsPerYear,
    riskFreeRate: report.riskFreeRate,
    rollingWindow: report.rollingWindow,
    metrics: jsonSafe(report.metrics),
    attribution: jsonSafe(report.attribution),
    monthlyReturns: jsonSafe(report.monthlyReturns),
    yearlyReturns: jsonSafe(yearlyReturns(report.monthlyReturns)),
    tradeCount: report.trades.length,
    trades: jsonSafe(report.trades.slice(0, options.maxTrades ?? report.trades.length)),
  };
  if (report.benchmark !== undefined) json.benchmarkLabel = report.benchmarkLabel;
  if (options.includeCurve) {
    json.curve = {
      time: Array.from(curve.time),
      equity: Array.from(curve.equity),
      exposure: Array.from(curve.exposure),
      drawdown: jsonSafe(report.drawdown),
    };
    if (report.benchmark !== undefined) json.curve.benchmark = Array.from(report.benchmark);
  }
  return json;
}
