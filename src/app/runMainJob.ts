import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { backtestStrategy } from '../backtest/backtestStrategy.js';
import type { SimulationOptions } from '../backtest/simulator/BacktestOptions.js';
import { Timeframe } from '../core/Timeframe.js';
import type { Bars } from '../core/Bars.js';
import { backtestStrategies } from '../parallel/backtestStrategies.js';
import type { StrategyRunSummary } from '../parallel/backtestWorker.js';
import { rankRuns } from '../report/rankedTable.js';
import { builtInStrategies, findStrategy } from '../strategy/strategyRegistry.js';
import type { CandleStore, CoverageEntry, UpsertResult } from '../store/ports.js';
import type { Runtime } from './createRuntime.js';
import { reportBacktest } from './reportBacktest.js';
import { writeBacktestHtml } from './writeBacktestReport.js';
import { storeSampleUniverse } from './generateSample.js';
import { warmCache, type WarmedSeries } from './warmCache.js';
import { forecastUniverseCached, type CachedUniverseForecast } from './forecastUniverseCached.js';
import { universeForecastHtml } from '../report/universeForecastHtml.js';

export interface MainJobEvents {
  onGenerateStart?: (series: number) => void;
  onProgress?: (done: number, total: number) => void;
  onBacktestStart?: (strategies: number) => void;
  onBacktestProgress?: (done: number, total: number) => void;
  onForecastStart?: (symbols: number) => void;
  onForecastProgress?: (done: number, total: number) => void;
}

export interface MainJobOptions {
  /** Costs and account of the backtests. */
  simulation?: SimulationOptions;
  /** Where the HTML report of the best strategy goes; undefined for none. */
  reportPath?: string;
  /** Skip the forecast stage (it fits three models per symbol). */
  skipForecasts?: boolean;
}

export interface MainJobReport {
  store: string;
  generated: UpsertResult[] | undefined;
  coverage: CoverageEntry[];
  /** Series of `cache.warm.symbols` read into the cache. */
  warmed: WarmedSeries[];
  /** The universe the strategies ran on: its timeframe and symbol count. */
  universe: { timeframe: string; symbols: number; bars: number };
  /** Every built-in strategy backtested over the universe as one portfolio, best Sharpe first. */
  ranking: StrategyRunSummary[];
  /** Expected return and volatility per symbol (the forecast stage), with how many came from the cache or a warm refit. */
  forecasts?: CachedUniverseForecast;
  /** The HTML report of the best strategy, when written. */
  reportPath?: string;
}

/**
 * `tickforge run`, the main job: make sure a store exists, seed it with the sample universe
 * when it is empty (no network, no servers), report its coverage, then backtest every
 * built-in strategy over the stored universe (each as one portfolio, in parallel on worker
 * threads when the universe is large), rank them, forecast every symbol's return and volatility
 * (fitted models cached by data version), and write the best strategy's HTML report with the
 * forecasts in it.
 */
export async function runMainJob(runtime: Runtime, events: MainJobEvents = {}, options: MainJobOptions = {}): Promise<MainJobReport> {
  const store = await runtime.store();
  let coverage = await store.coverage();
  let generated: UpsertResult[] | undefined;
  if (coverage.length === 0) {
    const sample = runtime.config.sample;
    runtime.logger.info({ store: store.url, ...sample }, 'store is empty: generating the sample universe');
    events.onGenerateStart?.(sample.symbols);
    generated = await storeSampleUniverse(store, sample, events.onProgress);
    coverage = await store.coverage();
  }
  // The configured warm list goes into the cache (Redis, when shared) before later stages read it.
  const warmed = runtime.config.cache.warm.symbols.length > 0 ? await warmCache(runtime) : [];
  const universe = await loadUniverse(store, coverage);
  const runs = universe.length === 0 ? [] : builtInStrategies.map((strategy) => ({ name: strategy.name }));
  events.onBacktestStart?.(runs.length);
  const summaries = runs.length === 0 ? [] : await backtestStrategies(universe, { runs, simulation: options.simulation, onProgress: events.onBacktestProgress });
  const ranking = rankRuns(summaries, { by: 'sharpeRatio' }) as StrategyRunSummary[];
  let forecasts: CachedUniverseForecast | undefined;
  if (!options.skipForecasts && universe.length > 0) {
    events.onForecastStart?.(universe.length);
    forecasts = await forecastUniverseCached(universe, await runtime.cache(), { onProgress: events.onForecastProgress });
  }
  let reportPath: string | undefined;
  if (options.reportPath !== undefined && ranking.length > 0) {
    const best = ranking[0];
    const run = backtestStrategy(universe, { strategy: findStrategy(best.strategy), parameters: best.parameters, simulation: options.simulation });
    await mkdir(dirname(options.reportPath), { recursive: true });
    await writeBacktestHtml(reportBacktest(run, universe, `${best.strategy}: the best of ${ranking.length} strategies by Sharpe on ${universe.length} symbols`), options.reportPath, {
      extraSections: forecasts === undefined ? undefined : universeForecastHtml(forecasts.forecasts),
    });
    reportPath = options.reportPath;
  }
  const bars = universe.reduce((n, series) => n + series.length, 0);
  runtime.logger.info({ store: store.url, series: coverage.length, bars, warmed: warmed.length, best: ranking[0]?.strategy, forecasts: forecasts?.forecasts.length, reportPath }, 'main job done');
  return { store: store.url, generated, coverage, warmed, universe: { timeframe: universe[0]?.timeframe.code ?? '', symbols: universe.length, bars }, ranking, forecasts, reportPath };
}

/** Every stored series of the store's main timeframe (daily when there is daily data, else the most common one). */
async function loadUniverse(store: CandleStore, coverage: readonly CoverageEntry[]): Promise<Bars[]> {
  const counts = new Map<string, number>();
  for (const entry of coverage) counts.set(entry.timeframe, (counts.get(entry.timeframe) ?? 0) + 1);
  const timeframe = counts.has('1d') ? '1d' : [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
  if (timeframe === undefined) return [];
  const symbols = coverage.filter((entry) => entry.timeframe === timeframe).map((entry) => entry.symbol).sort();
  const universe: Bars[] = [];
  for (const symbol of symbols) universe.push(await store.readBars(symbol, Timeframe.parse(timeframe)));
  return universe.filter((bars) => bars.length > 0);
}
