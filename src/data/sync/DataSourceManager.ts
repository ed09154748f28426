import Bottleneck from 'bottleneck';
import pRetry from 'p-retry';
import { Bars, formatTime, isTickforgeError, isTransientError, TickforgeError, Timeframe } from '../../core/index.js';
import type { Logger } from '../../observe/logger.js';
import type { CandleStore, FetchedSpan } from '../../store/ports.js';
import type { BarsProvider, MarketCalendarName } from '../providers/ports.js';
import { validateBars, type ValidationPolicy } from '../validate/validateBars.js';
import { alignUp, chunkSpans, countExpectedSlots, lastClosedOpen, missingSpans, type TimeSpan } from './missingSpans.js';
import { emptyRepairs, type SeriesSyncReport, type SyncProgress, type SyncReport } from './SyncReport.js';

export interface DataSourceManagerOptions {
  store: CandleStore;
  /** Grid slots per fetch chunk (config `providers.chunkSize`). */
  chunkSize: number;
  /** Series synced at once; each provider's own concurrency and rate limits apply on top. */
  symbolConcurrency: number;
  /** Attempts after the first on a transient error, and the backoff bounds (ms). */
  retries: number;
  retryMinMs: number;
  retryMaxMs: number;
  /** Validation policy for every chunk (config `ingest`); the default refuses bad bars. */
  policy?: Partial<ValidationPolicy>;
  now?: () => number;
  logger?: Logger;
}

export interface SyncRequest {
  symbols: readonly string[];
  timeframe: Timeframe | string;
  /**
   * Inclusive range of bar open times; `to` defaults to now and is capped at the newest closed
   * bar. `from` defaults to the provider's earliest bar (an error when it does not know).
   */
  from?: number;
  to?: number;
  onProgress?: (progress: SyncProgress) => void;
  signal?: AbortSignal;
}

export interface UpdateRequest {
  /** Restrict to these symbols / this timeframe; default every stored series. */
  symbols?: readonly string[];
  timeframe?: Timeframe | string;
  /** Provider for every series; otherwise the one that last served each series (fetch ledger). */
  provider?: BarsProvider;
  /** Builds the provider a ledger names (e.g. `ccxt:kraken`); undefined when it cannot. */
  providerFor?: (source: string) => Promise<BarsProvider | undefined>;
  onProgress?: (progress: SyncProgress) => void;
  signal?: AbortSignal;
}

interface SeriesPlan {
  provider: BarsProvider;
  report: SeriesSyncReport;
  timeframe: Timeframe;
  chunks: TimeSpan[];
}

/**
 * Brings stored series up to what a provider has, fetching only what is missing.
 *
 * For each series it reads the stored bar times and the fetch ledger, and plans the expected
 * grid slots of [from, to] that are neither stored nor already answered (before, after and
 * inside the stored history), in chunks of `chunkSize` slots. Each chunk is one unit: fetched
 * through the provider's rate limiter (one Bottleneck per provider: its concurrency and
 * request rate), retried with exponential backoff and jitter on transient errors (a server's
 * Retry-After is honoured), validated, upserted (itself retried on a dropped store connection;
 * an upsert is atomic, so a retry cannot half-write) and then recorded in the ledger. A run
 * cut off at any point resumes where it stopped: what is stored or recorded is not asked for
 * again. Bars that have not closed by `now` are never stored; slots the provider does not
 * serve are reported as gaps, never filled in.
 */
export class DataSourceManager {
  private readonly limiters = new Map<BarsProvider, Bottleneck>();
  private readonly now: () => number;

  constructor(private readonly options: DataSourceManagerOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Fetches what the store lacks of `symbols` in [from, to] from `provider`. */
  async sync(provider: BarsProvider, request: SyncRequest): Promise<SyncReport> {
    const started = this.now();
    const timeframe = Timeframe.parse(request.timeframe);
    if (!provider.supportsTimeframe(timeframe)) {
      throw new TickforgeError('TF_ERR_PROVIDER_TIMEFRAME', `Provider ${provider.name} does not serve ${timeframe.code} bars.`, {
        details: { provider: provider.name, timeframe: timeframe.code },
      });
    }
    const to = Math.min(request.to ?? Infinity, lastClosedOpen(this.now(), timeframe));
    const symbols = [...new Set(request.symbols)];
    const plans: SeriesPlan[] = [];
    for (const symbol of symbols) plans.push(await this.plan(provider, symbol, timeframe, request.from ?? -Infinity, to));
    return this.execute(provider.name, timeframe, plans, started, request);
  }

  /** Fetches every stored series' bars newer than its last stored bar, up to now. */
  async update(request: UpdateRequest = {}): Promise<SyncReport> {
    const started = this.now();
    const coverage = await this.options.store.coverage({ symbols: request.symbols, timeframe: request.timeframe });
    const plans: SeriesPlan[] = [];
    const skipped: SeriesSyncReport[] = [];
    const built = new Map<string, BarsProvider | undefined>();
    for (const entry of coverage) {
      const timeframe = Timeframe.parse(entry.timeframe);
      let provider = request.provider;
      if (provider === undefined) {
        const spans = await this.options.store.fetchedSpans(entry.symbol, timeframe);
        const source = latestSource(spans);
        if (source !== undefined && request.providerFor !== undefined) {
          if (!built.has(source)) built.set(source, await request.providerFor(source));
          provider = built.get(source);
        }
      }
      if (provider === undefined || !provider.supportsTimeframe(timeframe)) {
        const report = blankReport(entry.symbol, timeframe.code, provider?.name ?? 'none');
        report.status = 'skipped';
        report.error = {
          code: 'TF_ERR_CLI_USAGE',
          message: provider === undefined
            ? `no provider has served ${entry.symbol} ${timeframe.code} (it came from files or an older tickforge); name one with --provider`
            : `provider ${provider.name} does not serve ${timeframe.code} bars`,
        };
        skipped.push(report);
        continue;
      }
      plans.push(await this.plan(provider, entry.symbol, timeframe, entry.last + timeframe.milliseconds, lastClosedOpen(this.now(), timeframe)));
    }
    const names = [...new Set(plans.map((plan) => plan.provider.name))];
    const report = await this.execute(request.provider?.name ?? (names.join(', ') || 'none'), Timeframe.parse(request.timeframe ?? '1d'), plans, started, request);
    report.timeframe = request.timeframe === undefined ? 'all' : Timeframe.parse(request.timeframe).code;
    report.series = [...report.series, ...skipped].sort((a, b) => (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : a.timeframe < b.timeframe ? -1 : 1));
    return report;
  }

  /** Stops the rate limiters' timers; providers are closed by whoever built them. */
  async close(): Promise<void> {
    await Promise.all([...this.limiters.values()].map((limiter) => limiter.stop({ dropWaitingJobs: false })));
    this.limiters.clear();
  }

  private async plan(provider: BarsProvider, symbol: string, timeframe: Timeframe, from: number, to: number): Promise<SeriesPlan> {
    const report = blankReport(symbol, timeframe.code, provider.name);
    const earliest = provider.limits.earliestTime(timeframe);
    const start = alignUp(Math.max(from, earliest ?? -Infinity), timeframe);
    if (!Number.isFinite(start)) {
      throw new TickforgeError(
        'TF_ERR_CORE_ARGUMENT_INVALID',
        `Provider ${provider.name} does not say how far back its ${timeframe.code} history of ${symbol} goes; give the start of the range (--from).`,
        { details: { provider: provider.name, symbol, timeframe: timeframe.code } },
      );
    }
    if (start > to) return { provider, report, timeframe, chunks: [] };
    const [stored, answered] = await Promise.all([
      this.options.store.readBars(symbol, timeframe, start, to),
      this.options.store.fetchedSpans(symbol, timeframe),
    ]);
    const spans = missingSpans({ timeframe, calendar: provider.calendar(symbol), from: start, to, storedTimes: stored.time, answered });
    const chunks = chunkSpans(spans, timeframe, this.options.chunkSize);
    report.chunksPlanned = chunks.length;
    return { provider, report, timeframe, chunks };
  }

  private async execute(
    providerName: string,
    timeframe: Timeframe,
    plans: SeriesPlan[],
    started: number,
    request: { onProgress?: (progress: SyncProgress) => void; signal?: AbortSignal },
  ): Promise<SyncReport> {
    const total = plans.reduce((sum, plan) => sum + plan.chunks.length, 0);
    let done = 0;
    if (total > 0) request.onProgress?.({ symbol: '', done, total });
    const symbolLimiter = new Bottleneck({ maxConcurrent: this.options.symbolConcurrency });
    try {
      await Promise.all(
        plans.map((plan) =>
          symbolLimiter.schedule(() =>
            this.runPlan(plan, request.signal, () => {
              done++;
              request.onProgress?.({ symbol: plan.report.symbol, done, total });
            }),
          ),
        ),
      );
    } finally {
      await symbolLimiter.stop({ dropWaitingJobs: false });
    }
    const series = plans.map((plan) => plan.report);
    return {
      provider: providerName,
      timeframe: timeframe.code,
      series,
      requests: series.reduce((sum, report) => sum + report.requests, 0),
      durationMs: this.now() - started,
    };
  }

  private async runPlan(plan: SeriesPlan, signal: AbortSignal | undefined, onChunk: () => void): Promise<void> {
    const { report } = plan;
    report.status = plan.chunks.length === 0 ? 'current' : 'updated';
    for (const chunk of plan.chunks) {
      if (isAborted(signal)) {
        report.status = 'interrupted';
        return;
      }
      try {
        await this.runChunk(plan, chunk, signal);
        report.chunksDone++;
        onChunk();
      } catch (error) {
        if (isAborted(signal)) {
          report.status = 'interrupted';
          return;
        }
        report.status = 'failed';
        report.error = isTickforgeError(error)
          ? { code: error.code, message: error.message }
          : { code: 'TF_ERR_PROVIDER_FAILED', message: (error as Error).message };
        this.options.logger?.error({ symbol: report.symbol, timeframe: report.timeframe, source: report.source, err: error }, 'sync of a series stopped');
        return;
      }
    }
  }

  private async runChunk(plan: SeriesPlan, chunk: TimeSpan, signal: AbortSignal | undefined): Promise<void> {
    const { provider, report, timeframe } = plan;
    const where = `${provider.name} ${report.symbol} ${timeframe.code} ${formatTime(chunk.from)}..${formatTime(chunk.to)}`;
    const raw = await this.retrying(where, report, signal, () => this.fetchChunk(plan, chunk, signal));
    const now = this.now();
    const keep: number[] = [];
    for (let row = 0; row < raw.length; row++) {
      const time = raw.time[row];
      if (time + timeframe.milliseconds > now) report.forming++;
      else if ((time >= chunk.from && time <= chunk.to) || !Number.isFinite(time)) keep.push(row);
    }
    report.fetched += keep.length;
    const { bars, report: validation } = validateBars({ bars: raw.pick(keep), file: `${provider.name} response` }, this.options.policy ?? {});
    for (const key of Object.keys(report.repairs) as (keyof typeof report.repairs)[]) report.repairs[key] += validation.repairs[key];
    if (bars.length > 0) {
      const result = await this.retrying(`storing ${where}`, report, signal, () => this.options.store.upsertBars(bars));
      report.inserted += result.inserted;
      report.updated += result.updated;
      report.unchanged += result.unchanged;
    }
    this.recordGaps(report, chunk, timeframe, provider.calendar(report.symbol), bars.time);
    const recorded = this.answeredPart(chunk, timeframe, bars, now);
    if (recorded !== undefined) {
      const span: FetchedSpan = { symbol: report.symbol, timeframe: timeframe.code, source: provider.name, ...recorded, received: bars.length, recordedAt: now };
      await this.retrying(`recording ${where}`, report, signal, () => this.options.store.recordFetchedSpans([span]));
    }
  }

  /** One chunk's pages, collected; a failure discards the chunk so its retry starts clean. */
  private async fetchChunk(plan: SeriesPlan, chunk: TimeSpan, signal: AbortSignal | undefined): Promise<Bars> {
    const limiter = this.limiterOf(plan.provider);
    const schedule = <T>(request: () => Promise<T>): Promise<T> => {
      plan.report.requests++;
      return limiter.schedule(request);
    };
    const pages: Bars[] = [];
    for await (const page of plan.provider.fetchBars(plan.report.symbol, plan.timeframe, chunk.from, chunk.to, { schedule, signal })) {
      if (page.symbol !== plan.report.symbol || page.timeframe !== plan.timeframe) {
        throw new TickforgeError(
          'TF_ERR_PROVIDER_RESPONSE',
          `${plan.provider.name} answered a request for ${plan.report.symbol} ${plan.timeframe.code} with ${page.symbol} ${page.timeframe.code} bars.`,
          { details: { provider: plan.provider.name, symbol: plan.report.symbol } },
        );
      }
      pages.push(page);
    }
    return pages.length === 0 ? Bars.empty(plan.report.symbol, plan.timeframe) : Bars.concat(pages);
  }

  /**
   * The part of a fetched chunk to record as answered. Slots near `now` that came back empty
   * may still arrive (exchanges publish a closed candle with some delay), so the chunk's tail
   * past its last bar is recorded only once it is older than the grace window.
   */
  private answeredPart(chunk: TimeSpan, timeframe: Timeframe, bars: Bars, now: number): TimeSpan | undefined {
    const grace = Math.max(3 * timeframe.milliseconds, 2 * 3_600_000);
    if (chunk.to <= now - grace) return chunk;
    const last = bars.length > 0 ? bars.time[bars.length - 1] : -Infinity;
    const settled = Math.max(last, Math.min(chunk.to, timeframe.align(now - grace)));
    return settled >= chunk.from ? { from: chunk.from, to: Math.min(chunk.to, settled) } : undefined;
  }

  private recordGaps(report: SeriesSyncReport, chunk: TimeSpan, timeframe: Timeframe, calendar: MarketCalendarName, times: Float64Array): void {
    const gaps = missingSpans({ timeframe, calendar, from: chunk.from, to: chunk.to, storedTimes: times, answered: [] });
    for (const gap of gaps) {
      const previous = report.gaps[report.gaps.length - 1];
      // Chunks split one hole at arbitrary slots: a gap that starts where the last one ended continues it.
      if (previous !== undefined && previous.to + timeframe.milliseconds === gap.from) previous.to = gap.to;
      else report.gaps.push({ ...gap });
      report.missingBars += countExpectedSlots(gap, timeframe, calendar);
    }
  }

  private limiterOf(provider: BarsProvider): Bottleneck {
    let limiter = this.limiters.get(provider);
    if (limiter === undefined) {
      const { maxConcurrency, requestsPerSecond } = provider.limits;
      limiter = new Bottleneck({ maxConcurrent: maxConcurrency, minTime: Math.ceil(1000 / requestsPerSecond) });
      this.limiters.set(provider, limiter);
    }
    return limiter;
  }

  private retrying<T>(what: string, report: SeriesSyncReport, signal: AbortSignal | undefined, work: () => Promise<T>): Promise<T> {
    const { retries, retryMinMs, retryMaxMs } = this.options;
    return pRetry(work, {
      retries,
      factor: 2,
      minTimeout: retryMinMs,
      maxTimeout: retryMaxMs,
      randomize: true,
      signal,
      shouldRetry: ({ error }) => isTransientError(error),
      onFailedAttempt: async ({ error, attemptNumber, retriesLeft }) => {
        if (!isTransientError(error) || retriesLeft === 0) return;
        report.retries++;
        const retryAfter = isTickforgeError(error) ? Number(error.details.retryAfterMs ?? 0) : 0;
        this.options.logger?.warn({ symbol: report.symbol, attempt: attemptNumber, retryAfterMs: retryAfter, err: error }, `retrying ${what}`);
        // The server said how long to wait: wait that long before the backoff on top of it.
        if (retryAfter > 0) await sleep(Math.min(retryAfter, retryMaxMs), signal);
      },
    }).catch((error: unknown) => {
      if (isTransientError(error)) {
        throw new TickforgeError(
          'TF_ERR_PROVIDER_FAILED',
          `${what} still failed after ${retries + 1} attempts: ${(error as Error).message}. Everything before this chunk is stored; run the same command again to resume.`,
          { cause: error, details: { what, attempts: retries + 1 } },
        );
      }
      throw error;
    });
  }
}

function blankReport(symbol: string, timeframe: string, source: string): SeriesSyncReport {
  return {
    symbol, timeframe, source, status: 'current', requests: 0, retries: 0, chunksPlanned: 0, chunksDone: 0, fetched: 0, forming: 0,
    inserted: 0, updated: 0, unchanged: 0, repairs: emptyRepairs(), gaps: [], missingBars: 0,
  };
}

/** The provider that most recently answered for a series, from its ledger. */
function latestSource(spans: readonly FetchedSpan[]): string | undefined {
  let latest: FetchedSpan | undefined;
  for (const span of spans) if (latest === undefined || span.recordedAt >= latest.recordedAt) latest = span;
  return latest?.source;
}

/** A function, not an inline check, so that TypeScript does not narrow `aborted` across awaits. */
function isAborted(signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true;
}

function sleep(milliseconds: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, milliseconds);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}
