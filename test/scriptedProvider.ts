import type { Bars, Timeframe } from '../src/core/index.js';
import type { BarsProvider, FetchBarsOptions } from '../src/data/providers/ports.js';
import { runNow } from '../src/data/providers/ports.js';

export interface FetchCall {
  symbol: string;
  timeframe: string;
  from: number;
  to: number;
}

/**
 * Wraps a real provider (the synthetic one, usually) to make it misbehave the way real ones
 * do: each call to `fetchBars` is numbered and recorded, `fail(call)` may throw instead of
 * answering, and `transform(pages, call)` may damage, drop, reorder or repeat the pages.
 */
export class ScriptedProvider implements BarsProvider {
  readonly calls: FetchCall[] = [];
  requests = 0;
  fail: (call: FetchCall, index: number) => Error | undefined = () => undefined;
  transform: (pages: Bars[], call: FetchCall) => Bars[] = (pages) => pages;

  constructor(private readonly inner: BarsProvider) {}

  get name(): string {
    return this.inner.name;
  }
  get limits() {
    return this.inner.limits;
  }
  calendar(symbol: string) {
    return this.inner.calendar(symbol);
  }
  supportsTimeframe(timeframe: Timeframe): boolean {
    return this.inner.supportsTimeframe(timeframe);
  }
  listSymbols(): Promise<string[]> {
    return this.inner.listSymbols();
  }
  close(): Promise<void> {
    return this.inner.close();
  }

  async *fetchBars(symbol: string, timeframe: Timeframe, from: number, to: number, options: FetchBarsOptions = {}): AsyncGenerator<Bars> {
    const call = { symbol, timeframe: timeframe.code, from, to };
    const index = this.calls.push(call) - 1;
    const schedule = options.schedule ?? runNow;
    const pages = await schedule(async () => {
      this.requests++;
      const error = this.fail(call, index);
      if (error !== undefined) throw error;
      const collected: Bars[] = [];
      for await (const page of this.inner.fetchBars(symbol, timeframe, from, to)) collected.push(page);
      return this.transform(collected, call);
    });
    yield* pages;
  }
}
