import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Bars, isTickforgeError, TickforgeError, Timeframe } from '../../core/index.js';
import { DuckDbCandleStore } from '../../store/duckdb/DuckDbCandleStore.js';
import { ScriptedProvider } from '../../../test/scriptedProvider.js';
import { SyntheticProvider } from '../providers/synthetic/SyntheticProvider.js';
import { DataSourceManager, type DataSourceManagerOptions } from './DataSourceManager.js';

const day = Timeframe.of('1d');
const hour = Timeframe.of('1h');
const utc = (text: string) => Date.parse(`${text}T00:00:00Z`);
/** A Wednesday afternoon: the 2024-06-05 daily bar is still forming. */
const now = utc('2024-06-05') + 15 * 3_600_000;

let store: DuckDbCandleStore;
beforeEach(async () => {
  store = await DuckDbCandleStore.open(':memory:');
});
afterEach(async () => {
  await store.close();
});

function manager(options: Partial<DataSourceManagerOptions> = {}): DataSourceManager {
  return new DataSourceManager({ store, chunkSize: 100, symbolConcurrency: 3, retries: 3, retryMinMs: 1, retryMaxMs: 20, now: () => now, ...options });
}

async function reference(symbol: string, timeframe: Timeframe, from: number, to: number): Promise<Bars> {
  const pages: Bars[] = [];
  for await (const page of new SyntheticProvider().fetchBars(symbol, timeframe, from, to)) pages.push(page);
  return Bars.concat(pages);
}

function expectSameBars(actual: Bars, expected: Bars): void {
  expect(actual.length).toBe(expected.length);
  for (const column of ['time', 'open', 'high', 'low', 'close', 'volume'] as const) {
    expect(Array.from(actual[column]), column).toEqual(Array.from(expected[column]));
  }
}

describe('DataSourceManager.sync', () => {
  it('stores exactly what the provider serves, then asks for nothing when the store is complete', async () => {
    const provider = new ScriptedProvider(new SyntheticProvider());
    const sync = manager();
    const first = await sync.sync(provider, { symbols: ['AAA', 'BBB', 'CCC'], timeframe: day, from: utc('2023-01-02'), to: utc('2024-12-31') });
    for (const symbol of ['AAA', 'BBB', 'CCC']) {
      const expected = await reference(symbol, day, utc('2023-01-02'), utc('2024-06-04'));
      expectSameBars(await store.readBars(symbol, day), expected);
      const report = first.series.find((series) => series.symbol === symbol)!;
      expect(report).toMatchObject({ status: 'updated', inserted: expected.length, updated: 0, fetched: expected.length, gaps: [] });
      expect(report.error).toBeUndefined();
      expect(report.chunksDone).toBe(report.chunksPlanned);
    }
    // The store's newest bar is the last one closed by `now`: 2024-06-04, not the forming 2024-06-05.
    expect((await store.coverage())[0].last).toBe(utc('2024-06-04'));

    const requestsBefore = provider.requests;
    const second = await sync.sync(provider, { symbols: ['AAA', 'BBB', 'CCC'], timeframe: day, from: utc('2023-01-02'), to: utc('2024-12-31') });
    expect(provider.requests).toBe(requestsBefore);
    expect(second.requests).toBe(0);
    expect(second.series.map((series) => series.status)).toEqual(['current', 'current', 'current']);
    await sync.close();
  });

  it('fetches only the spans missing before, inside and after the stored bars', async () => {
    const full = await reference('AAA', day, utc('2024-01-01'), utc('2024-03-29'));
    await store.upsertBars(full.range(utc('2024-01-15'), utc('2024-02-09')));
    await store.upsertBars(full.range(utc('2024-02-19'), utc('2024-03-08')));
    const provider = new ScriptedProvider(new SyntheticProvider());
    const sync = manager({ chunkSize: 1000 });
    const result = await sync.sync(provider, { symbols: ['AAA'], timeframe: day, from: utc('2024-01-01'), to: utc('2024-03-29') });
    expect(provider.calls.map((call) => [new Date(call.from).toISOString().slice(0, 10), new Date(call.to).toISOString().slice(0, 10)])).toEqual([
      ['2024-01-01', '2024-01-12'],
      ['2024-02-12', '2024-02-16'],
      ['2024-03-11', '2024-03-29'],
    ]);
    expectSameBars(await store.readBars('AAA', day), full);
    expect(result.series[0]).toMatchObject({ inserted: 10 + 5 + 15, unchanged: 0 });
    await sync.close();
  });

  it('splits a span into chunks of chunkSize slots and reports progress per chunk', async () => {
    const provider = new ScriptedProvider(new SyntheticProvider({ market: 'crypto' }));
    const progress: number[] = [];
    const sync = manager({ chunkSize: 48 });
    const result = await sync.sync(provider, {
      symbols: ['BTC'], timeframe: hour, from: utc('2024-06-01'), onProgress: (event) => progress.push(event.done),
    });
    // 2024-06-01 00:00 .. 2024-06-05 14:00 (the 15:00 bar is forming): 111 hourly slots, 3 chunks.
    expect(provider.calls.length).toBe(3);
    expect(progress).toEqual([0, 1, 2, 3]);
    expect(result.series[0]).toMatchObject({ inserted: 111, chunksPlanned: 3, chunksDone: 3 });
    expect((await store.coverage())[0].last).toBe(utc('2024-06-05') + 14 * 3_600_000);
    await sync.close();
  });

  it('never stores the forming bar a provider includes', async () => {
    const provider = new ScriptedProvider(new SyntheticProvider({ market: 'crypto' }));
    // The provider answers past the asked range, as exchanges do with their live candle.
    provider.transform = (pages) => pages;
    const inner = provider.fetchBars.bind(provider);
    provider.fetchBars = (symbol, timeframe, from, _to, options) => inner(symbol, timeframe, from, now + 3_600_000, options);
    const sync = manager();
    const result = await sync.sync(provider, { symbols: ['BTC'], timeframe: hour, from: utc('2024-06-05') });
    expect(result.series[0].forming).toBe(2);
    expect((await store.readBars('BTC', hour)).length).toBe(15);
    await sync.close();
  });

  it('retries transient errors, honouring Retry-After, and reports the retries', async () => {
    const provider = new ScriptedProvider(new SyntheticProvider());
    provider.fail = (_call, index) =>
      index < 2 ? new TickforgeError('TF_ERR_PROVIDER_UNAVAILABLE', 'HTTP 429 Too Many Requests', { details: { retryAfterMs: 30 } }) : undefined;
    const sync = manager();
    const started = performance.now();
    const result = await sync.sync(provider, { symbols: ['AAA'], timeframe: day, from: utc('2024-05-01') });
    expect(performance.now() - started).toBeGreaterThanOrEqual(2 * 20);
    expect(result.series[0]).toMatchObject({ status: 'updated', retries: 2, requests: 3, inserted: 25 });
    await sync.close();
  });

  it('gives up after the configured retries with an error that says how to resume', async () => {
    const provider = new ScriptedProvider(new SyntheticProvider());
    provider.fail = () => new TickforgeError('TF_ERR_PROVIDER_UNAVAILABLE', 'HTTP 503 Service Unavailable');
    const sync = manager({ retries: 2 });
    const result = await sync.sync(provider, { symbols: ['AAA', 'BBB'], timeframe: day, from: utc('2024-05-01') });
    for (const series of result.series) {
      expect(series.status).toBe('failed');
      expect(series.error?.code).toBe('TF_ERR_PROVIDER_FAILED');
      expect(series.error?.message).toMatch(/still failed after 3 attempts: HTTP 503.*run the same command again to resume/);
    }
    expect(provider.requests).toBe(6);
    expect(await store.coverage()).toEqual([]);
    await sync.close();
  });

  it('resumes an interrupted run where it stopped and ends with the same table as a clean run', async () => {
    const provider = new ScriptedProvider(new SyntheticProvider());
    provider.fail = (_call, index) => (index === 3 ? new TickforgeError('TF_ERR_PROVIDER_SYMBOL', 'delisted for a moment') : undefined);
    const sync = manager({ chunkSize: 20 });
    const request = { symbols: ['AAA'], timeframe: day, from: utc('2024-01-01') };
    const cut = await sync.sync(provider, request);
    expect(cut.series[0]).toMatchObject({ status: 'failed', chunksDone: 3 });
    // 2024-01-01 .. 2024-06-04 is 156 grid slots (weekends included): 8 chunks of 20.
    expect(cut.series[0].chunksPlanned).toBe(8);
    provider.fail = () => undefined;
    const callsBefore = provider.calls.length;
    const resumed = await sync.sync(provider, request);
    expect(resumed.series[0]).toMatchObject({ status: 'updated', chunksPlanned: 5, chunksDone: 5 });
    expect(provider.calls[callsBefore].from).toBe(provider.calls[3].from);
    expectSameBars(await store.readBars('AAA', day), await reference('AAA', day, utc('2024-01-01'), utc('2024-06-04')));
    await sync.close();
  });

  it('stops between chunks when cancelled (Ctrl-C), keeps what it stored, and the next run does the rest', async () => {
    const provider = new ScriptedProvider(new SyntheticProvider());
    const controller = new AbortController();
    const sync = manager({ chunkSize: 20 });
    const request = { symbols: ['AAA'], timeframe: day, from: utc('2024-01-01') };
    const cut = await sync.sync(provider, { ...request, signal: controller.signal, onProgress: ({ done }) => done === 2 && controller.abort() });
    expect(cut.series[0]).toMatchObject({ status: 'interrupted', chunksDone: 2, chunksPlanned: 8 });
    const resumed = await sync.sync(provider, request);
    expect(resumed.series[0]).toMatchObject({ status: 'updated', chunksPlanned: 6, chunksDone: 6 });
    expectSameBars(await store.readBars('AAA', day), await reference('AAA', day, utc('2024-01-01'), utc('2024-06-04')));
    await sync.close();
  });

  it('reports the slots a provider does not serve as gaps, stores no invented bar and does not ask again', async () => {
    const provider = new ScriptedProvider(new SyntheticProvider());
    const holiday = utc('2024-05-27');
    const halt = [utc('2024-05-14'), utc('2024-05-15'), utc('2024-05-16')];
    const missing = new Set([holiday, ...halt]);
    provider.transform = (pages) => pages.map((page) => page.pick([...page.time.keys()].filter((row) => !missing.has(page.time[row]))));
    const sync = manager();
    const first = await sync.sync(provider, { symbols: ['AAA'], timeframe: day, from: utc('2024-05-01') });
    expect(first.series[0].gaps).toEqual([{ from: halt[0], to: halt[2] }, { from: holiday, to: holiday }]);
    expect(first.series[0].missingBars).toBe(4);
    const stored = await store.readBars('AAA', day);
    for (const time of missing) expect(stored.time.includes(time)).toBe(false);
    const requests = provider.requests;
    const second = await sync.sync(provider, { symbols: ['AAA'], timeframe: day, from: utc('2024-05-01') });
    expect(provider.requests).toBe(requests);
    expect(second.series[0].status).toBe('current');
    await sync.close();
  });
});

describe('DataSourceManager on a provider returning garbage', () => {
  async function garbage(damage: (bars: Bars) => Bars, policy?: DataSourceManagerOptions['policy']) {
    const provider = new ScriptedProvider(new SyntheticProvider());
    provider.transform = (pages) => pages.map((page) => damage(page.copy()));
    const sync = manager({ policy });
    const result = await sync.sync(provider, { symbols: ['AAA'], timeframe: day, from: utc('2024-05-01') });
    await sync.close();
    return result.series[0];
  }

  it('a NaN price is refused with the symbol, the time and the rule; nothing of the chunk is stored', async () => {
    const report = await garbage((bars) => {
      bars.close[5] = NaN;
      return bars;
    });
    expect(report.status).toBe('failed');
    expect(report.error?.code).toBe('TF_ERR_DATA_INVALID_ROW');
    expect(report.error?.message).toContain('AAA');
    expect(report.error?.message).toContain('2024-05-08');
    expect(report.error?.message).toMatch(/price-not-finite|not finite/);
    expect(await store.coverage()).toEqual([]);
  });

  it('high below low is refused, and with --on-invalid drop the bar is dropped and counted', async () => {
    const damage = (bars: Bars) => {
      [bars.high[2], bars.low[2]] = [bars.low[2], bars.high[2]];
      return bars;
    };
    const refused = await garbage(damage);
    expect(refused.error?.code).toBe('TF_ERR_DATA_INVALID_ROW');
    expect(refused.error?.message).toContain('2024-05-03');
    const dropped = await garbage(damage, { onInvalid: 'drop' });
    // 2024-05-01 .. 2024-06-04 holds 25 weekdays.
    expect(dropped).toMatchObject({ status: 'updated', inserted: 24 });
    expect(dropped.repairs.droppedInvalid).toBe(1);
  });

  it('duplicate candles with different values are refused, naming the time', async () => {
    const report = await garbage((bars) => {
      const repeated = Bars.concat([bars.slice(0, 5), bars.slice(4, 5).copy(), bars.slice(5)]);
      repeated.volume[5] += 1_000;
      return repeated;
    });
    expect(report.error?.code).toBe('TF_ERR_DATA_DUPLICATE');
    expect(report.error?.message).toContain('2024-05-07');
  });

  it('out-of-order pages are refused unless sorting is asked for', async () => {
    const provider = new ScriptedProvider(new SyntheticProvider({ pageSize: 5 }));
    provider.transform = (pages) => [...pages].reverse();
    const refused = await manager().sync(provider, { symbols: ['AAA'], timeframe: day, from: utc('2024-05-01') });
    expect(refused.series[0].error?.code).toBe('TF_ERR_DATA_UNSORTED');
    const sorted = await manager({ policy: { onUnsorted: 'sort' } }).sync(provider, { symbols: ['AAA'], timeframe: day, from: utc('2024-05-01') });
    expect(sorted.series[0]).toMatchObject({ status: 'updated', inserted: 25 });
    expect(sorted.series[0].repairs.sortedRows).toBeGreaterThan(0);
    expectSameBars(await store.readBars('AAA', day), await reference('AAA', day, utc('2024-05-01'), utc('2024-06-04')));
  });
});

describe('DataSourceManager.update', () => {
  it('makes no request at all when every series is current', async () => {
    const provider = new ScriptedProvider(new SyntheticProvider());
    const sync = manager();
    await sync.sync(provider, { symbols: ['AAA', 'BBB'], timeframe: day, from: utc('2024-01-01') });
    const requests = provider.requests;
    const result = await sync.update({ providerFor: async () => provider });
    expect(provider.requests).toBe(requests);
    expect(result.series.map((series) => [series.symbol, series.status])).toEqual([['AAA', 'current'], ['BBB', 'current']]);
    await sync.close();
  });

  it('fetches exactly the last N bars a store is missing, from the provider that served the series', async () => {
    const provider = new ScriptedProvider(new SyntheticProvider());
    const later = manager();
    await later.sync(provider, { symbols: ['AAA'], timeframe: day, from: utc('2024-01-01'), to: utc('2024-05-24') });
    const built: string[] = [];
    const result = await later.update({ providerFor: async (source) => (built.push(source), provider) });
    expect(built).toEqual(['synthetic']);
    // Mon 27 May .. Tue 4 June: 7 weekdays.
    expect(result.series[0]).toMatchObject({ status: 'updated', inserted: 7, fetched: 7 });
    expect(provider.calls.at(-1)).toMatchObject({ from: utc('2024-05-27'), to: utc('2024-06-04') });
    await later.close();
  });

  it('skips a series no provider has served and says how to name one', async () => {
    await store.upsertBars(await reference('FILE', day, utc('2024-05-01'), utc('2024-05-31')));
    const sync = manager();
    const result = await sync.update({ providerFor: async () => undefined });
    expect(result.series[0]).toMatchObject({ symbol: 'FILE', status: 'skipped' });
    expect(result.series[0].error?.message).toContain('--provider');
    await sync.close();
  });
});

describe('DataSourceManager errors', () => {
  it('refuses a timeframe the provider does not serve', async () => {
    const provider = new ScriptedProvider(new SyntheticProvider());
    provider.supportsTimeframe = () => false;
    await expect(manager().sync(provider, { symbols: ['AAA'], timeframe: day, from: utc('2024-01-01') })).rejects.toSatisfy((error) =>
      isTickforgeError(error, 'TF_ERR_PROVIDER_TIMEFRAME'),
    );
  });

  it('starts at the earliest bar of the provider when asked for older history, without reporting the older slots as gaps', async () => {
    const sync = manager();
    const result = await sync.sync(new SyntheticProvider({ dailyOrigin: utc('2024-05-20') }), { symbols: ['AAA'], timeframe: day, from: utc('2024-05-01') });
    expect(result.series[0].gaps).toEqual([]);
    expect((await store.coverage())[0].first).toBe(utc('2024-05-20'));
    await sync.close();
  });
});
