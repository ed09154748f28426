import { randomBytes } from 'node:crypto';
import KeyvRedis from '@keyv/redis';
import { createCache, type Cache as CacheManager } from 'cache-manager';
import { Keyv } from 'keyv';
import { pino } from 'pino';
import { RedisConnection } from '../../src/cache/redis/RedisConnection.js';
import { RedisTier } from '../../src/cache/redis/RedisTier.js';
import { encodeRecord } from '../../src/cache/redis/codec.js';
import type { CacheRecord } from '../../src/cache/ports.js';
import { Bars, barColumnNames } from '../../src/core/Bars.js';
import { Random } from '../../src/core/Random.js';
import { Timeframe } from '../../src/core/Timeframe.js';
import { randomWalkBars } from '../../test/randomWalk.js';
import type { BenchContext, BenchMeasurement, BenchTarget } from '../harness.js';
import { median } from '../median.js';
import type { CacheCaseResults } from './cacheCases.js';

/**
 * L2 (RedisTier) beside cache-manager 7 over @keyv/redis, both on the same Redis (database 7 of
 * TICKFORGE_BENCH_REDIS_URL, default the local server), each under a namespace of its own that
 * is removed afterwards:
 *  (a) gets per second of ~1 KB values from one process, pipelined: many gets in flight at once
 *      (ioredis auto-pipelining; cache-manager's node-redis client pipelines the same way), and
 *      MGET batches of 100 (cache-manager `mget`);
 *  (b) one 1,259-bar series read back as Bars, one request at a time: latency p50 and p99.
 *      cache-manager stores the same bars as JSON (its serializer) and the columns are rebuilt
 *      as Float64Arrays, so both sides hand the caller Bars.
 * Rounds alternate the two implementations so drift in machine load hits both alike.
 */
const redisUrl = process.env.TICKFORGE_BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/7';
const valueKeys = 1_000;
const inFlight = 256;
const getsPerRound = 50_000;
const batch = 100;
const rounds = 7;
const latencySamples = 2_000;
const throughputTarget = 100_000;
const latencyTargetMicroseconds = 300;

/** A ~1 KB value: what a forecast or a provider response looks like, numbers and strings. */
function kilobyteValue(index: number): Record<string, unknown> {
  const random = Random.fromSeed(index, 'l2-bench-value');
  return {
    symbol: `S${index}`,
    model: 'arima(2,1,1)',
    createdAt: 1_718_000_000_000 + index,
    horizon: Array.from({ length: 90 }, () => Math.round(random.nextDouble() * 1e6) / 1e4),
    label: 'x'.repeat(40),
  };
}

interface JsonBars {
  symbol: string;
  timeframe: string;
  columns: Record<string, number[]>;
}

function barsToJson(bars: Bars): JsonBars {
  return { symbol: bars.symbol, timeframe: bars.timeframe.code, columns: Object.fromEntries(barColumnNames.map((name) => [name, Array.from(bars[name])])) };
}

function barsFromJson(json: JsonBars): Bars {
  const bars = Bars.allocate(json.symbol, Timeframe.parse(json.timeframe), json.columns.time.length);
  for (const name of barColumnNames) bars[name].set(json.columns[name]);
  return bars;
}

function percentile(sorted: readonly number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))];
}

/** `total` calls of `call(i)`, at most `window` in flight; returns calls per second. */
async function pipelined(total: number, window: number, call: (index: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const start = performance.now();
  const worker = async () => {
    while (next < total) await call(next++);
  };
  await Promise.all(Array.from({ length: window }, worker));
  return total / ((performance.now() - start) / 1_000);
}

async function redisReachable(): Promise<string | undefined> {
  const connection = new RedisConnection({ url: redisUrl, logger: pino({ level: 'silent' }), connectTimeoutMs: 2_000 });
  try {
    return (await connection.connect()) ? undefined : `no Redis answers at ${redisUrl.replace(/:[^:@/]*@/, ':***@')}`;
  } finally {
    await connection.close();
  }
}

export async function runL2Cases(context: BenchContext): Promise<CacheCaseResults> {
  const measurements: BenchMeasurement[] = [];
  const targets: BenchTarget[] = [];
  const notes: string[] = [];
  const absent = await redisReachable();
  if (absent !== undefined) {
    notes.push(`L2 cases skipped: ${absent} (set TICKFORGE_BENCH_REDIS_URL)`);
    return { measurements, targets, notes };
  }
  const namespace = `tf-bench-${process.pid}-${randomBytes(3).toString('hex')}`;
  const logger = pino({ level: 'warn' });
  const connection = new RedisConnection({ url: redisUrl, logger, commandTimeoutMs: 1_000 });
  await connection.connect();
  const tier = new RedisTier({ connection, namespace, logger });
  const keyvStore = new KeyvRedis(redisUrl, { namespace: `${namespace}-keyv` });
  const peer: CacheManager = createCache({ stores: [new Keyv({ store: keyvStore, namespace: `${namespace}-keyv` })] });
  try {
    // (a) ~1 KB values.
    const keys = Array.from({ length: valueKeys }, (_, index) => `forecast:S${index}`);
    const expiresAt = Date.now() + 3_600_000;
    for (const [index, key] of keys.entries()) {
      const value = kilobyteValue(index);
      const record: CacheRecord = { value, category: 'forecasts', expiresAt, tags: [], bytes: 0 };
      if (!(await tier.set(key, record))) throw new Error('L2 bench: set failed');
      await peer.set(key, value, 3_600_000);
    }
    const sampleRecord = encodeRecord({ value: kilobyteValue(0), category: 'forecasts', expiresAt, tags: [] });
    const jsonBytes = JSON.stringify(kilobyteValue(0)).length;
    const order = Int32Array.from({ length: getsPerRound }, (_, i) => (i * 7_919) % valueKeys);
    const check = (value: unknown) => {
      if (value === undefined) throw new Error('L2 bench: a get missed');
    };
    const samples = { tier: [] as number[], peer: [] as number[], tierMget: [] as number[], peerMget: [] as number[] };
    const batches = Array.from({ length: getsPerRound / batch }, (_, i) => keys.slice((i * batch) % valueKeys, ((i * batch) % valueKeys) + batch));
    for (let round = 0; round < rounds + 1; round++) {
      const now = Date.now();
      const tierRate = await pipelined(getsPerRound, inFlight, async (i) => check((await tier.get(keys[order[i]], now))?.value));
      const peerRate = await pipelined(getsPerRound, inFlight, async (i) => check(await peer.get(keys[order[i]])));
      const tierMgetRate =
        (await pipelined(batches.length, 8, async (i) => (await tier.getMany(batches[i], now)).forEach((record) => check(record?.value)))) * batch;
      const peerMgetRate = (await pipelined(batches.length, 8, async (i) => (await peer.mget(batches[i])).forEach(check))) * batch;
      if (round === 0) continue; // warm-up: JIT, connections, Redis' own caches
      samples.tier.push(tierRate);
      samples.peer.push(peerRate);
      samples.tierMget.push(tierMgetRate);
      samples.peerMget.push(peerMgetRate);
    }
    const getCase = `L2 get of ~1 KB values, ${inFlight} in flight from one process`;
    const mgetCase = `L2 getMany of ~1 KB values, batches of ${batch} (MGET), 8 in flight`;
    measurements.push(
      { case: getCase, implementation: 'tickforge', metric: 'gets per second', value: median(samples.tier), unit: 'ops/s', better: 'higher' },
      { case: getCase, implementation: 'cache-manager + @keyv/redis', metric: 'gets per second', value: median(samples.peer), unit: 'ops/s', better: 'higher' },
      { case: mgetCase, implementation: 'tickforge', metric: 'values per second', value: median(samples.tierMget), unit: 'ops/s', better: 'higher' },
      { case: mgetCase, implementation: 'cache-manager + @keyv/redis', metric: 'values per second', value: median(samples.peerMget), unit: 'ops/s', better: 'higher' },
    );
    targets.push({
      description: `L2 pipelined gets of ~1 KB values from one process`,
      measured: median(samples.tier),
      unit: 'ops/s',
      target: throughputTarget,
      met: median(samples.tier) >= throughputTarget,
    });
    notes.push(
      `L2 ~1 KB value: ${sampleRecord.bytes.length} bytes in Redis for tickforge (msgpack + 20-byte header), ${jsonBytes} bytes of JSON for cache-manager; median of ${rounds} rounds of ${getsPerRound} gets`,
    );
    context.log('cache: L2 throughput measured');

    // (b) 1,259 bars (~60 KB of columns), one request at a time.
    const bars = randomWalkBars(1_259, 42, 'AAPL');
    const barsKey = 'bars:AAPL:1d';
    await tier.set(barsKey, { value: bars, category: 'bars', expiresAt, tags: ['series:AAPL:1d'], bytes: 0 });
    await peer.set(barsKey, barsToJson(bars), 3_600_000);
    const encoded = encodeRecord({ value: bars, category: 'bars', expiresAt, tags: ['series:AAPL:1d'] });
    const peerBytes = JSON.stringify(barsToJson(bars)).length;
    const latencies = { tier: [] as number[], peer: [] as number[] };
    for (let i = 0; i < latencySamples + 200; i++) {
      let start = performance.now();
      const fromTier = (await tier.get(barsKey, Date.now()))?.value as Bars | undefined;
      const tierMicros = (performance.now() - start) * 1_000;
      start = performance.now();
      const json = await peer.get<JsonBars>(barsKey);
      const fromPeer = json === undefined ? undefined : barsFromJson(json);
      const peerMicros = (performance.now() - start) * 1_000;
      if (fromTier?.length !== bars.length || fromTier.close[1_000] !== bars.close[1_000]) throw new Error('L2 bench: Bars came back wrong');
      if (fromPeer?.length !== bars.length || fromPeer.close[1_000] !== bars.close[1_000]) throw new Error('L2 bench: peer Bars came back wrong');
      if (i < 200) continue;
      latencies.tier.push(tierMicros);
      latencies.peer.push(peerMicros);
    }
    const sortedTier = latencies.tier.sort((a, b) => a - b);
    const sortedPeer = latencies.peer.sort((a, b) => a - b);
    const barsCase = 'L2 get of 1,259 daily bars (60 KB of columns) as Bars, one at a time';
    for (const [implementation, sorted] of [
      ['tickforge', sortedTier],
      ['cache-manager + @keyv/redis (JSON)', sortedPeer],
    ] as const) {
      measurements.push(
        { case: barsCase, implementation, metric: 'p50 latency', value: percentile(sorted, 0.5), unit: 'µs', better: 'lower' },
        { case: barsCase, implementation, metric: 'p99 latency', value: percentile(sorted, 0.99), unit: 'µs', better: 'lower' },
      );
    }
    targets.push({
      description: 'L2 get of 1,259 bars, fetched and decoded (p50)',
      measured: percentile(sortedTier, 0.5),
      unit: 'µs',
      target: latencyTargetMicroseconds,
      met: percentile(sortedTier, 0.5) < latencyTargetMicroseconds,
    });
    notes.push(
      `L2 bars: ${encoded.bytes.length} bytes in Redis for tickforge (${encoded.compressed ? 'lz4' : 'raw'}, ${encoded.rawBodyBytes} before compression) vs ${peerBytes} bytes of JSON; ${latencySamples} sequential gets each after 200 warm-up`,
    );
    const stats = tier.stats();
    if (stats.errors !== 0 || stats.corrupt !== 0) notes.push(`L2 bench saw errors: ${JSON.stringify(stats)}`);
    context.log('cache: L2 latency measured');
  } finally {
    await tier.invalidate({ prefix: '' });
    await connection.run(async (client) => {
      let cursor = '0';
      do {
        const [next, tagKeys] = await client.scan(cursor, 'MATCH', `${namespace}:tag:*`, 'COUNT', 1_000);
        if (tagKeys.length > 0) await client.unlink(...tagKeys);
        cursor = next;
      } while (cursor !== '0');
    });
    await peer.clear();
    await tier.close();
    await peer.disconnect();
  }
  return { measurements, targets, notes };
}
