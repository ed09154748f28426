import { PerformanceObserver } from 'node:perf_hooks';
import * as tradingSignals from 'trading-signals';
import { benchParameters as p, type Candle, type SeriesBundle } from '../peers/indicatorPeers.js';
import { loadIndicatorExport } from './loadIndicatorExport.js';

/**
 * The streaming part of the indicator suite: `update()` of SMA, EMA, RSI and ATR over the whole
 * walk `STREAM_PASSES` times, with the heap before and after, beside trading-signals.
 */
export const STREAM_PASSES = 10;

type TypedSeries = SeriesBundle['typed'];

/** Results are summed here so the optimiser cannot drop the loops. */
let sink = 0;
function keep(value: number): void {
  sink += value;
}
/** Read once by the suite so `sink` is observably used. */
export function streamingSink(): number {
  return sink;
}

type StreamingInstance = { update(...values: number[]): number; value: number };
type StreamingClass = new (...parameters: number[]) => StreamingInstance;

interface StreamCase {
  indicator: 'SMA' | 'EMA' | 'RSI' | 'ATR';
  implementation: string;
  /** Builds the indicator and returns a loop feeding it `passes` times the whole walk. */
  create: () => (passes: number) => number;
}

/** One hand-written loop per case: a shared loop would see every class at one call site. */
export async function streamCases(columns: TypedSeries, candles: Candle[], notes: string[]): Promise<StreamCase[]> {
  const { close, high, low } = columns;
  const n = close.length;
  const cases: StreamCase[] = [];
  const load = async (file: string, name: string): Promise<StreamingClass | undefined> => {
    const loaded = await loadIndicatorExport(file, name);
    if (typeof loaded.value === 'function') return loaded.value as StreamingClass;
    notes.push(`tickforge streaming ${name} not measured: ${loaded.problem ?? `${name} is not a class`}.`);
    return undefined;
  };
  const Sma = await load('sma', 'SMA');
  if (Sma) {
    cases.push({ indicator: 'SMA', implementation: 'tickforge', create: () => {
      const indicator = new Sma(p.smaPeriod);
      return (passes) => {
        for (let pass = 0; pass < passes; pass++) for (let i = 0; i < n; i++) indicator.update(close[i]);
        return indicator.value;
      };
    } });
  }
  const Ema = await load('ema', 'EMA');
  if (Ema) {
    cases.push({ indicator: 'EMA', implementation: 'tickforge', create: () => {
      const indicator = new Ema(p.emaPeriod);
      return (passes) => {
        for (let pass = 0; pass < passes; pass++) for (let i = 0; i < n; i++) indicator.update(close[i]);
        return indicator.value;
      };
    } });
  }
  const Rsi = await load('rsi', 'RSI');
  if (Rsi) {
    cases.push({ indicator: 'RSI', implementation: 'tickforge', create: () => {
      const indicator = new Rsi(p.rsiPeriod);
      return (passes) => {
        for (let pass = 0; pass < passes; pass++) for (let i = 0; i < n; i++) indicator.update(close[i]);
        return indicator.value;
      };
    } });
  }
  const Atr = await load('atr', 'ATR');
  if (Atr) {
    cases.push({ indicator: 'ATR', implementation: 'tickforge', create: () => {
      const indicator = new Atr(p.atrPeriod);
      return (passes) => {
        for (let pass = 0; pass < passes; pass++) for (let i = 0; i < n; i++) indicator.update(high[i], low[i], close[i]);
        return indicator.value;
      };
    } });
  }
  const t = tradingSignals;
  cases.push(
    { indicator: 'SMA', implementation: 'trading-signals', create: () => {
      const indicator = new t.SMA(p.smaPeriod);
      return (passes) => {
        for (let pass = 0; pass < passes; pass++) for (let i = 0; i < n; i++) indicator.add(close[i]);
        return indicator.getResult() ?? NaN;
      };
    } },
    { indicator: 'EMA', implementation: 'trading-signals', create: () => {
      const indicator = new t.EMA(p.emaPeriod);
      return (passes) => {
        for (let pass = 0; pass < passes; pass++) for (let i = 0; i < n; i++) indicator.add(close[i]);
        return indicator.getResult() ?? NaN;
      };
    } },
    { indicator: 'RSI', implementation: 'trading-signals', create: () => {
      const indicator = new t.RSI(p.rsiPeriod);
      return (passes) => {
        for (let pass = 0; pass < passes; pass++) for (let i = 0; i < n; i++) indicator.add(close[i]);
        return indicator.getResult() ?? NaN;
      };
    } },
    { indicator: 'ATR', implementation: 'trading-signals', create: () => {
      const indicator = new t.ATR(p.atrPeriod);
      return (passes) => {
        for (let pass = 0; pass < passes; pass++) for (let i = 0; i < n; i++) indicator.add(candles[i]);
        return indicator.getResult() ?? NaN;
      };
    } },
  );
  return cases;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function measureStreaming(
  cases: StreamCase[],
  updatesPerPass: number,
  gc: () => void,
  log: (line: string) => void,
): Promise<Array<{ indicator: string; implementation: string; nsPerUpdate: number; heapGrowth: number; collections: number }>> {
  let collections = 0;
  const observer = new PerformanceObserver((list) => {
    collections += list.getEntries().length;
  });
  observer.observe({ entryTypes: ['gc'] });
  const rows = [];
  for (const streamCase of cases) {
    const loop = streamCase.create();
    // One pass first: the loop is compiled and any lazily built state exists before the baseline.
    keep(loop(1));
    gc();
    await pause(20);
    const before = process.memoryUsage().heapUsed;
    collections = 0;
    const start = performance.now();
    keep(loop(STREAM_PASSES));
    const elapsed = performance.now() - start;
    await pause(20);
    const during = collections;
    gc();
    const after = process.memoryUsage().heapUsed;
    const updates = STREAM_PASSES * updatesPerPass;
    rows.push({ indicator: streamCase.indicator, implementation: streamCase.implementation, nsPerUpdate: (elapsed * 1e6) / updates, heapGrowth: after - before, collections: during });
    log(`indicators: streaming ${streamCase.indicator} ${streamCase.implementation} done`);
  }
  observer.disconnect();
  return rows;
}
