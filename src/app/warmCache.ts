import { Timeframe } from '../core/index.js';
import type { Runtime } from './createRuntime.js';

export interface WarmedSeries {
  symbol: string;
  timeframe: string;
  bars: number;
  /** Where the bars came from: this process's L1, Redis (L2), or the store. */
  source: 'l1' | 'l2' | 'store';
  milliseconds: number;
}

/**
 * Reads whole series through the cache so the next reader (this process, or any process
 * sharing Redis) finds them there. Symbols default to `cache.warm.symbols`, else every
 * stored symbol of the timeframe.
 */
export async function warmCache(
  runtime: Runtime,
  options: { symbols?: readonly string[]; timeframe?: Timeframe | string; onProgress?: (done: number, total: number) => void } = {},
): Promise<WarmedSeries[]> {
  const timeframe = Timeframe.parse(options.timeframe ?? runtime.config.cache.warm.timeframe);
  const store = await runtime.store();
  const cache = await runtime.cache();
  const configured = runtime.config.cache.warm.symbols;
  const symbols = options.symbols !== undefined && options.symbols.length > 0 ? options.symbols : configured.length > 0 ? configured : await store.listSymbols(timeframe);
  const warmed: WarmedSeries[] = [];
  options.onProgress?.(0, symbols.length);
  for (const symbol of symbols) {
    const before = cache.stats();
    const started = performance.now();
    const bars = await store.readBars(symbol, timeframe);
    const after = cache.stats();
    const source = after.loads.count > before.loads.count ? 'store' : (after.tiers.l2?.hits ?? 0) > (before.tiers.l2?.hits ?? 0) ? 'l2' : 'l1';
    warmed.push({ symbol, timeframe: timeframe.code, bars: bars.length, source, milliseconds: performance.now() - started });
    options.onProgress?.(warmed.length, symbols.length);
  }
  return warmed;
}
