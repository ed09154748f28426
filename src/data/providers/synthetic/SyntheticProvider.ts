import { Bars, Timeframe, TickforgeError } from '../../../core/index.js';
import { generateUniverse } from '../../synthetic/generateUniverse.js';
import type { SyntheticMarket } from '../../synthetic/resolveUniverseOptions.js';
import type { BarsProvider, FetchBarsOptions, MarketCalendarName, ProviderLimits } from '../ports.js';
import { runNow } from '../ports.js';

export interface SyntheticProviderOptions {
  /** Seed of the whole market; each symbol's path is seeded from it and the symbol's name. */
  seed?: number;
  market?: SyntheticMarket;
  /** First bar of daily and weekly history (ms). Default 2000-01-03. */
  dailyOrigin?: number;
  /** First bar of intraday history (ms). Default 2024-01-01: a year of 1m bars is 0.5 million. */
  intradayOrigin?: number;
  /** Symbols `listSymbols` offers (any name can be fetched). Default SYN001..SYN008. */
  symbols?: readonly string[];
  /** Bars per yielded chunk, as a paginating provider would deliver them. */
  pageSize?: number;
}

const DAY = 86_400_000;

/**
 * The foundation's seeded market behind the provider port, so demos, tests and benchmarks run
 * offline. A symbol's history starts at a fixed origin and is generated through the newest bar
 * asked for: the generator is prefix-stable, so asking for [a, b] and later [b, c] gives the
 * same bars as asking for [a, c] at once, as a real provider would.
 */
export class SyntheticProvider implements BarsProvider {
  readonly name = 'synthetic';
  readonly limits: ProviderLimits;
  private readonly seed: number;
  private readonly market: SyntheticMarket;
  private readonly symbols: readonly string[];
  private readonly pageSize: number;
  private readonly dailyOrigin: number;
  private readonly intradayOrigin: number;
  /** Generated history per `symbol\0timeframe`, extended when a later bar is asked for. */
  private readonly generated = new Map<string, Bars>();

  constructor(options: SyntheticProviderOptions = {}) {
    this.seed = options.seed ?? 42;
    this.market = options.market ?? 'equity';
    this.symbols = [...(options.symbols ?? Array.from({ length: 8 }, (_, index) => `SYN${String(index + 1).padStart(3, '0')}`))].sort();
    this.pageSize = options.pageSize ?? 10_000;
    this.dailyOrigin = options.dailyOrigin ?? Date.UTC(2000, 0, 3);
    this.intradayOrigin = options.intradayOrigin ?? Date.UTC(2024, 0, 1);
    this.limits = {
      maxBarsPerRequest: this.pageSize,
      requestsPerSecond: 1_000,
      maxConcurrency: 4,
      earliestTime: (timeframe) => this.origin(timeframe),
    };
  }

  calendar(): MarketCalendarName {
    return this.market === 'crypto' ? 'continuous' : 'weekdays';
  }

  supportsTimeframe(): boolean {
    return true;
  }

  async *fetchBars(symbol: string, timeframe: Timeframe, from: number, to: number, options: FetchBarsOptions = {}): AsyncGenerator<Bars> {
    const schedule = options.schedule ?? runNow;
    const history = await schedule(async () => this.history(symbol, timeframe, to));
    const wanted = history.range(from, to);
    for (let start = 0; start < wanted.length; start += this.pageSize) {
      options.signal?.throwIfAborted();
      yield wanted.slice(start, Math.min(wanted.length, start + this.pageSize)).copy();
    }
  }

  async listSymbols(): Promise<string[]> {
    return [...this.symbols];
  }

  async close(): Promise<void> {
    this.generated.clear();
  }

  private origin(timeframe: Timeframe): number {
    return timeframe.milliseconds >= DAY ? timeframe.align(this.dailyOrigin) : this.intradayOrigin;
  }

  private history(symbol: string, timeframe: Timeframe, through: number): Bars {
    if (symbol.trim() === '') throw new TickforgeError('TF_ERR_PROVIDER_SYMBOL', 'The synthetic provider needs a non-empty symbol name.');
    const key = `${symbol}\0${timeframe.code}`;
    const known = this.generated.get(key);
    if (known !== undefined && known.length > 0 && known.time[known.length - 1] >= through) return known;
    const start = this.origin(timeframe);
    // Generate a little past `through` so a run of requests for the newest bars reuses one history.
    const end = Math.max(through + timeframe.milliseconds, start + timeframe.milliseconds) + 30 * timeframe.milliseconds;
    const [bars] = generateUniverse({ symbols: [symbol], timeframe, start, end, seed: seedOf(this.seed, symbol), market: this.market });
    this.generated.set(key, bars);
    return bars;
  }
}

/** FNV-1a of the name mixed with the market seed: each symbol its own reproducible path. */
function seedOf(seed: number, symbol: string): number {
  let hash = 0x811c9dc5 ^ seed;
  for (let index = 0; index < symbol.length; index++) hash = Math.imul(hash ^ symbol.charCodeAt(index), 0x01000193);
  return hash >>> 0;
}
