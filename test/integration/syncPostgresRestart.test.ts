import { afterAll, describe, expect, it } from 'vitest';
import { Bars, Timeframe } from '../../src/core/index.js';
import { SyntheticProvider } from '../../src/data/providers/synthetic/SyntheticProvider.js';
import { DataSourceManager } from '../../src/data/sync/DataSourceManager.js';
import { PostgresCandleStore } from '../../src/store/postgres/PostgresCandleStore.js';
import { ScriptedProvider } from '../scriptedProvider.js';
import { adminQuery, dropTestSchemas, newTestSchema, postgresAvailable, schemaUrl } from './postgresTestServer.js';

/**
 * The DataSourceManager writing into the real PostgreSQL while its server connections are
 * killed under it (pg_terminate_backend, what a server restart does to every session): the
 * manager retries the dropped upserts and the final table equals the provider's bars row for
 * row, with nothing missing and nothing twice.
 */
const hour = Timeframe.of('1h');
const from = Date.UTC(2024, 0, 1);
const now = Date.UTC(2024, 2, 1) + 30 * 60_000;

afterAll(() => dropTestSchemas());

async function terminate(applicationName: string): Promise<number> {
  const rows = await adminQuery<{ terminated: string }>(
    'SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) AS terminated FROM pg_stat_activity WHERE application_name = $1 AND pid <> pg_backend_pid()',
    [applicationName],
  );
  return Number(rows[0].terminated);
}

async function reference(symbol: string): Promise<Bars> {
  const pages: Bars[] = [];
  for await (const page of new SyntheticProvider({ market: 'crypto' }).fetchBars(symbol, hour, from, now - hour.milliseconds)) pages.push(page);
  return Bars.concat(pages);
}

describe.skipIf(!postgresAvailable)('DataSourceManager on PostgreSQL with connections killed mid-ingest', () => {
  it('retries, and the final table equals a clean run row for row', async () => {
    const applicationName = `tf_restart_${process.pid}`;
    const store = await PostgresCandleStore.open(schemaUrl(newTestSchema()), { applicationName, poolSize: 2 });
    const provider = new ScriptedProvider(new SyntheticProvider({ market: 'crypto' }));
    let chunks = 0;
    let killed = 0;
    // Kill every session of the store after every 7th chunk's fetch, while its upsert is about to run.
    provider.transform = (pages) => {
      if (++chunks % 7 === 0) void terminate(applicationName).then((count) => (killed += count));
      return pages;
    };
    const manager = new DataSourceManager({ store, chunkSize: 48, symbolConcurrency: 2, retries: 8, retryMinMs: 20, retryMaxMs: 500, now: () => now });
    try {
      const report = await manager.sync(provider, { symbols: ['BTC', 'ETH'], timeframe: hour, from });
      expect(killed).toBeGreaterThan(0);
      for (const series of report.series) {
        expect(series.error).toBeUndefined();
        expect(series.status).toBe('updated');
        expect(series.chunksDone).toBe(series.chunksPlanned);
      }
      expect(report.series.reduce((sum, series) => sum + series.retries, 0)).toBeGreaterThan(0);
      for (const symbol of ['BTC', 'ETH']) {
        const stored = await store.readBars(symbol, hour);
        const expected = await reference(symbol);
        expect(stored.length).toBe(expected.length);
        for (const column of ['time', 'open', 'high', 'low', 'close', 'volume'] as const) {
          expect(Array.from(stored[column]), `${symbol} ${column}`).toEqual(Array.from(expected[column]));
        }
      }
      const counts = await adminQuery<{ rows: string; distinct: string }>(
        `SELECT count(*) AS rows, count(DISTINCT (symbol, timeframe, time)) AS distinct FROM "${new URL(store.url).searchParams.get('schema')}".candles`,
      );
      expect(counts[0].rows).toBe(counts[0].distinct);
      // A second sync finds nothing missing: the ledger and the bars agree after the faults.
      const again = await manager.sync(provider, { symbols: ['BTC', 'ETH'], timeframe: hour, from });
      expect(again.requests).toBe(0);
    } finally {
      await manager.close();
      await store.close();
    }
  });
});
