import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { Bars, barColumnNames } from '../../src/core/Bars.js';
import { Random } from '../../src/core/Random.js';
import type { CacheRecord, InvalidationSelector } from '../../src/cache/ports.js';
import type { CircuitState } from '../../src/cache/redis/CircuitBreaker.js';
import { codecVersion, encodeRecord } from '../../src/cache/redis/codec.js';
import { RedisConnection, type RedisConnectionOptions } from '../../src/cache/redis/RedisConnection.js';
import { RedisInvalidationBus } from '../../src/cache/redis/RedisInvalidationBus.js';
import { RedisLock } from '../../src/cache/redis/RedisLock.js';
import { RedisTier, type RedisTierOptions } from '../../src/cache/redis/RedisTier.js';
import { randomWalkBars } from '../randomWalk.js';
import {
  capturingLogger,
  dropTestNamespaces,
  newTestNamespace,
  PrivateRedis,
  rawClient,
  redisAvailable,
  redisServerBinary,
  redisTestUrl,
} from './redisTestServer.js';

/**
 * The L2 tier, its invalidation bus and its lock against a real Redis (database 7 of the local
 * server, one namespace per test), and against a private redis-server that the test kills,
 * hangs and restarts.
 */
const closers: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});
afterAll(() => dropTestNamespaces());

function open(options: Partial<RedisConnectionOptions> & { namespace?: string; url?: string } = {}, tierOptions: Partial<RedisTierOptions> = {}) {
  const { logger, lines } = capturingLogger();
  const namespace = options.namespace ?? newTestNamespace();
  const connection = new RedisConnection({ url: options.url ?? redisTestUrl, logger, ...options });
  const tier = new RedisTier({ connection, namespace, logger, ...tierOptions });
  closers.push(() => connection.close());
  return { connection, tier, namespace, lines, logger };
}

function record(value: unknown, overrides: Partial<CacheRecord> = {}): CacheRecord {
  return { value, category: 'bars', expiresAt: Date.now() + 60_000, tags: [], bytes: 0, ...overrides };
}

function bits(column: Float64Array): BigUint64Array {
  return new BigUint64Array(column.slice().buffer);
}

async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await delay(10);
  }
}

describe.skipIf(!redisAvailable)('RedisTier on a real Redis', () => {
  it('stores Bars and reads them back bit for bit, expiring and tagged as the record says', async () => {
    const { tier, namespace } = open();
    const bars = randomWalkBars(1_259, 11, 'AAPL');
    bars.close[5] = NaN;
    bars.volume[6] = -0;
    bars.high[7] = Infinity;
    const expiresAt = Date.now() + 30_000;
    expect(await tier.set('bars:AAPL:1d', record(bars, { expiresAt, tags: ['series:AAPL:1d'] }))).toBe(true);

    const found = await tier.get('bars:AAPL:1d', Date.now());
    expect(found?.category).toBe('bars');
    expect(found?.expiresAt).toBe(expiresAt);
    expect(found?.tags).toEqual(['series:AAPL:1d']);
    const back = found?.value as Bars;
    expect(back).toBeInstanceOf(Bars);
    expect(back.symbol).toBe('AAPL');
    for (const name of barColumnNames) expect(bits(back[name]), name).toEqual(bits(bars[name]));
    expect(Object.is(back.volume[6], -0)).toBe(true);

    const raw = rawClient();
    try {
      const key = `${namespace}:v${codecVersion}:bars:AAPL:1d`;
      const ttl = await raw.pttl(key);
      expect(ttl).toBeGreaterThan(25_000);
      expect(ttl).toBeLessThanOrEqual(30_000);
      expect(await raw.smembers(`${namespace}:tag:series:AAPL:1d`)).toEqual([key]);
      expect(await raw.pttl(`${namespace}:tag:series:AAPL:1d`)).toBeGreaterThanOrEqual(ttl - 100);
      expect(found?.bytes).toBe(await raw.strlen(key));
    } finally {
      raw.disconnect();
    }
    expect(tier.stats()).toMatchObject({ hits: 1, misses: 0, sets: 1, errors: 0 });
  });

  it('compresses in Redis only when it pays: random doubles stay raw, repetitive values shrink', async () => {
    const { tier, namespace } = open();
    const random = Random.fromSeed(12, 'noise');
    const noise = Float64Array.from({ length: 6_000 }, () => random.nextDouble() * 2e6 - 1e6);
    const flat = new Float64Array(6_000).fill(101.25);
    await tier.set('noise', record(noise));
    await tier.set('flat', record(flat));
    const raw = rawClient();
    try {
      const header = async (key: string) => (await raw.getBuffer(`${namespace}:v${codecVersion}:${key}`))!;
      const noiseBytes = await header('noise');
      const flatBytes = await header('flat');
      expect(noiseBytes[5] & 1, 'noise lz4 flag').toBe(0);
      expect(noiseBytes.length).toBeGreaterThanOrEqual(noise.byteLength);
      expect(flatBytes[5] & 1, 'flat lz4 flag').toBe(1);
      expect(flatBytes.length).toBeLessThan(flat.byteLength / 20);
    } finally {
      raw.disconnect();
    }
    expect(bits((await tier.get('noise', Date.now()))!.value as Float64Array)).toEqual(bits(noise));
    expect(Array.from((await tier.get('flat', Date.now()))!.value as Float64Array)).toEqual(Array.from(flat));
  });

  it('treats garbage, a truncated value and another version under a key as a miss: counted, logged once, dropped', async () => {
    const { tier, namespace, lines, connection } = open();
    const good = encodeRecord(record(randomWalkBars(300, 13))).bytes;
    const otherVersion = Buffer.from(good);
    otherVersion[4] = codecVersion + 1;
    const raw = rawClient();
    try {
      const key = (name: string) => `${namespace}:v${codecVersion}:${name}`;
      await raw.set(key('garbage'), Buffer.from('this is not a cache value at all, just bytes'));
      await raw.set(key('truncated'), good.subarray(0, good.length - 9));
      await raw.set(key('version'), otherVersion);
      await raw.set(key('good'), good);
      expect(await tier.get('garbage', Date.now())).toBeUndefined();
      const many = await tier.getMany(['truncated', 'good', 'version'], Date.now());
      expect(many[0]).toBeUndefined();
      expect((many[1]?.value as Bars).length).toBe(300);
      expect(many[2]).toBeUndefined();
      expect(tier.stats()).toMatchObject({ hits: 1, misses: 3, corrupt: 3, errors: 3 });
      const warnings = lines.filter((line) => line.level === 40 && line.msg.includes('unreadable'));
      expect(warnings).toHaveLength(1);
      expect(warnings[0].msg).toContain('garbage');
      await until(async () => (await raw.exists(key('garbage'), key('truncated'), key('version'))) === 0, 'corrupt keys dropped');

      // A key of the wrong Redis type: the server refuses the command; a miss, not an outage.
      await raw.sadd(key('a-set'), 'member');
      for (let i = 0; i < 8; i++) expect(await tier.get('a-set', Date.now())).toBeUndefined();
      expect(connection.state()).toBe('closed');
      expect(tier.stats().errors).toBe(3 + 8);
    } finally {
      raw.disconnect();
    }
  });

  it('expires entries at expiresAt (PX), and checks the clock it is given too', async () => {
    const { tier, namespace } = open();
    const now = Date.now();
    expect(await tier.set('short', record(Float64Array.of(1, 2), { expiresAt: now + 150 }))).toBe(true);
    expect(await tier.set('past', record(Float64Array.of(1), { expiresAt: now - 1 }))).toBe(false);
    expect(await tier.set('forever', record('kept', { expiresAt: Infinity }))).toBe(true);
    expect((await tier.get('short', Date.now()))?.value).toEqual(Float64Array.of(1, 2));
    // A caller's clock past the expiry wins even before Redis drops the key.
    expect(await tier.get('short', now + 151)).toBeUndefined();
    expect(tier.stats().expirations).toBe(1);
    const raw = rawClient();
    try {
      await until(async () => (await raw.exists(`${namespace}:v${codecVersion}:short`)) === 0, 'Redis to expire the key');
      expect(await raw.pttl(`${namespace}:v${codecVersion}:forever`)).toBe(-1);
      expect(await raw.exists(`${namespace}:v${codecVersion}:past`)).toBe(0);
    } finally {
      raw.disconnect();
    }
    expect(await tier.get('short', Date.now())).toBeUndefined();
    expect((await tier.get('forever', Date.now()))?.value).toBe('kept');
  });

  it('getMany answers in key order across MGET batches, with misses and repeats', async () => {
    const { tier } = open({}, { batchSize: 7 });
    for (let i = 0; i < 50; i += 2) await tier.set(`k${i}`, record({ i }));
    const keys = Array.from({ length: 50 }, (_, i) => `k${i}`).concat(['k4', 'absent', 'k48']);
    const found = await tier.getMany(keys, Date.now());
    expect(found.map((entry) => (entry?.value as { i: number } | undefined)?.i)).toEqual(
      keys.map((key) => {
        const i = Number(key.slice(1));
        return Number.isInteger(i) && i % 2 === 0 ? i : undefined;
      }),
    );
    expect(await tier.getMany([], Date.now())).toEqual([]);
  });

  it('drops by tag and by literal prefix for every process sharing the namespace, and nothing else', async () => {
    const first = open();
    const second = open({ namespace: first.namespace });
    const stranger = open();
    const aapl = ['series:AAPL:1d'];
    await first.tier.set('range:AAPL:1d:2020', record(1, { tags: aapl }));
    await first.tier.set('rsi:AAPL:1d:14', record(2, { category: 'indicators', tags: [...aapl, 'indicator:rsi'] }));
    await first.tier.set('range:MSFT:1d:2020', record(3, { tags: ['series:MSFT:1d'] }));
    await first.tier.set('weird[*]?:a', record(4));
    await first.tier.set('weirdX:a', record(5));
    await stranger.tier.set('range:AAPL:1d:2020', record(6, { tags: aapl }));

    expect(await second.tier.invalidate({ tags: aapl })).toBe(2);
    expect(await first.tier.get('range:AAPL:1d:2020', Date.now())).toBeUndefined();
    expect(await first.tier.get('rsi:AAPL:1d:14', Date.now())).toBeUndefined();
    expect((await first.tier.get('range:MSFT:1d:2020', Date.now()))?.value).toBe(3);
    expect((await stranger.tier.get('range:AAPL:1d:2020', Date.now()))?.value).toBe(6);

    // Glob characters in a prefix are literal.
    expect(await second.tier.invalidate({ prefix: 'weird[*]?' })).toBe(1);
    expect((await first.tier.get('weirdX:a', Date.now()))?.value).toBe(5);
    expect(await first.tier.invalidate({ prefix: 'range:' })).toBe(1);
    expect(await first.tier.get('range:MSFT:1d:2020', Date.now())).toBeUndefined();
    expect(await first.tier.invalidate({})).toBe(0);

    await first.tier.delete(['weirdX:a', 'never-set']);
    expect(await first.tier.get('weirdX:a', Date.now())).toBeUndefined();
    const raw = rawClient();
    try {
      expect(await raw.exists(`${first.namespace}:tag:series:AAPL:1d`)).toBe(0);
    } finally {
      raw.disconnect();
    }
    expect(second.tier.stats().invalidations).toBe(3);
  });

  it('refuses to store what would not come back as itself, and stays usable', async () => {
    const { tier, lines } = open();
    class Position {
      constructor(readonly size: number) {}
    }
    expect(await tier.set('position', record(new Position(3)))).toBe(false);
    expect(lines.some((line) => line.level === 40 && line.msg.includes('Position'))).toBe(true);
    expect(await tier.get('position', Date.now())).toBeUndefined();
    expect(await tier.set('plain', record({ size: 3 }))).toBe(true);
  });
});

describe.skipIf(!redisAvailable)('RedisInvalidationBus', () => {
  it('delivers a selector to the other process and not back to the sender; ignores malformed messages', async () => {
    const namespace = newTestNamespace();
    const a = open({ namespace });
    const b = open({ namespace });
    const busA = new RedisInvalidationBus({ connection: a.connection, namespace, logger: a.logger });
    const busB = new RedisInvalidationBus({ connection: b.connection, namespace, logger: b.logger });
    closers.push(() => busA.close(), () => busB.close());
    const heardByA: InvalidationSelector[] = [];
    const heardByB: InvalidationSelector[] = [];
    busA.subscribe((selector) => heardByA.push(selector));
    busB.subscribe((selector) => heardByB.push(selector));
    const raw = rawClient();
    try {
      await until(async () => Number(((await raw.call('PUBSUB', 'NUMSUB', busA.channel)) as [string, number])[1]) === 2, 'both subscribers');
      await raw.publish(busA.channel, 'not json');
      await raw.publish(busA.channel, JSON.stringify({ origin: 'x', tags: [1] }));
      await busA.publish({ tags: ['series:AAPL:1d'] });
      await busB.publish({ prefix: 'range:' });
      await until(() => heardByA.length === 1 && heardByB.length === 1, 'both messages');
      await delay(50);
      expect(heardByB).toEqual([{ tags: ['series:AAPL:1d'] }]);
      expect(heardByA).toEqual([{ prefix: 'range:' }]);
      expect(b.lines.filter((line) => line.msg.includes('malformed'))).toHaveLength(2);
    } finally {
      raw.disconnect();
    }
  });
});

describe.skipIf(!redisAvailable)('RedisLock', () => {
  it('excludes a second client, expires, and never releases another holder’s lock', async () => {
    const namespace = newTestNamespace();
    const a = open({ namespace });
    const b = open({ namespace });
    const lockA = new RedisLock({ connection: a.connection, namespace, logger: a.logger });
    const lockB = new RedisLock({ connection: b.connection, namespace, logger: b.logger, pollMinMs: 2, pollMaxMs: 10 });

    const held = await lockA.tryAcquire('load:AAPL', 5_000);
    expect(held?.distributed).toBe(true);
    expect(await lockB.tryAcquire('load:AAPL', 5_000)).toBeUndefined();
    let waited = false;
    const waiting = lockB.waitForRelease('load:AAPL', 5_000).then(() => (waited = true));
    await delay(40);
    expect(waited).toBe(false);
    await held!.release();
    await waiting;
    expect((await lockB.tryAcquire('load:AAPL', 5_000))?.distributed).toBe(true);

    // Expiry: a holder that never releases stops blocking after its TTL.
    const short = await lockA.tryAcquire('load:MSFT', 100);
    expect(short).toBeDefined();
    expect(await lockB.tryAcquire('load:MSFT', 100)).toBeUndefined();
    await lockB.waitForRelease('load:MSFT', 5_000);
    const successor = await lockB.tryAcquire('load:MSFT', 5_000);
    expect(successor?.distributed).toBe(true);
    // The expired holder's late release must not free the successor's lock.
    await short!.release();
    const raw = rawClient();
    try {
      expect(await raw.get(`${namespace}:lock:load:MSFT`)).toBe(successor!.token);
      await successor!.release();
      expect(await raw.exists(`${namespace}:lock:load:MSFT`)).toBe(0);
    } finally {
      raw.disconnect();
    }

    // waitForRelease gives up after its timeout while the holder keeps the lock.
    const kept = await lockA.tryAcquire('load:GOOG', 5_000);
    expect(kept).toBeDefined();
    await lockB.waitForRelease('load:GOOG', 30);
    expect(await lockB.tryAcquire('load:GOOG', 5_000)).toBeUndefined();
  });
});

describe.skipIf(!redisAvailable || !redisServerBinary)('L2 on a private redis-server that dies, hangs and comes back', () => {
  const fast = { commandTimeoutMs: 50, failureThreshold: 3, cooldownMs: 150, reconnectMaxDelayMs: 100, connectTimeoutMs: 500 };

  it('is a miss or a no-op while Redis is down, with the breaker open, and recovers after a restart', async () => {
    const server = await PrivateRedis.start();
    closers.push(() => server.kill());
    const changes: CircuitState[] = [];
    const namespace = newTestNamespace();
    const a = open({ ...fast, url: server.url, namespace, onStateChange: (state) => changes.push(state) });
    const b = open({ ...fast, url: server.url, namespace });
    const lock = new RedisLock({ connection: a.connection, namespace, logger: a.logger });
    const busA = new RedisInvalidationBus({ connection: a.connection, namespace, logger: a.logger });
    const busB = new RedisInvalidationBus({ connection: b.connection, namespace, logger: b.logger });
    closers.push(() => busA.close(), () => busB.close());
    const heardByB: InvalidationSelector[] = [];
    busB.subscribe((selector) => heardByB.push(selector));

    // A steady load of sets and gets, as a running process would make; nothing may throw.
    let running = true;
    const thrown: unknown[] = [];
    let round = 0;
    const load = (async () => {
      while (running) {
        try {
          await a.tier.set(`loop:${round % 20}`, record(Float64Array.of(round)));
          await a.tier.get(`loop:${(round + 7) % 20}`, Date.now());
          await a.tier.getMany([`loop:${round % 5}`, 'loop:missing'], Date.now());
        } catch (error) {
          thrown.push(error);
        }
        round++;
        await delay(2);
      }
    })();

    await until(() => round > 50, 'the load to run');
    expect((await a.tier.get('loop:1', Date.now()))?.value).toBeInstanceOf(Float64Array);

    await server.kill();
    await until(() => a.connection.state() === 'open', 'the breaker to open');
    const before = a.tier.stats();
    const results = await Promise.all(Array.from({ length: 200 }, (_, i) => (i % 2 === 0 ? a.tier.get(`loop:${i % 20}`, Date.now()) : a.tier.set(`x${i}`, record(i)))));
    expect(results.filter((result) => result !== undefined && result !== false)).toEqual([]);
    expect(await a.tier.getMany(['loop:1', 'loop:2'], Date.now())).toEqual([undefined, undefined]);
    expect(await a.tier.invalidate({ tags: ['anything'] })).toBe(0);
    // Skipped, not sent: the open breaker answered without waiting on Redis (one call may have
    // been the half-open probe).
    expect(a.tier.stats().skipped - before.skipped).toBeGreaterThanOrEqual(199);
    const local = await lock.tryAcquire('load:AAPL', 1_000);
    expect(local?.distributed).toBe(false);
    await local!.release();
    await lock.waitForRelease('load:AAPL', 1_000);
    await busA.publish({ tags: ['published-while-down'] });

    await server.start();
    await until(() => a.connection.state() === 'closed', 'the breaker to close after the restart');
    running = false;
    await load;
    expect(thrown).toEqual([]);
    expect(changes).toEqual(expect.arrayContaining(['open', 'half-open', 'closed']));

    // Working again: a write and a read round-trip, the lock is cross-process again.
    expect(await a.tier.set('after', record(Float64Array.of(42)))).toBe(true);
    expect((await b.tier.get('after', Date.now()))?.value).toEqual(Float64Array.of(42));
    expect((await lock.tryAcquire('load:MSFT', 1_000))?.distributed).toBe(true);
    // The subscriber came back and was told to drop everything: messages sent while it was away
    // (the one queued by A may go out before B resubscribes) are lost to it. Then new ones arrive.
    const raw = rawClient(server.url);
    try {
      await until(async () => Number(((await raw.call('PUBSUB', 'NUMSUB', busB.channel)) as [string, number])[1]) === 1, 'the subscriber to resubscribe');
    } finally {
      raw.disconnect();
    }
    await busA.publish({ prefix: 'after-restart' });
    await until(() => heardByB.some((selector) => selector.prefix === 'after-restart'), 'a message after the restart');
    expect(heardByB[0]).toEqual({ prefix: '' });
  });

  it('times out on a hung server, and replays invalidations it missed before serving again', async () => {
    const server = await PrivateRedis.start();
    closers.push(async () => {
      server.signal('SIGCONT');
      await server.kill();
    });
    const namespace = newTestNamespace();
    const { tier, connection, logger } = open({ ...fast, url: server.url, namespace });
    const other = open({ ...fast, url: server.url, namespace });
    const busA = new RedisInvalidationBus({ connection, namespace, logger });
    const busB = new RedisInvalidationBus({ connection: other.connection, namespace, logger: other.logger });
    closers.push(() => busA.close(), () => busB.close());
    const heardByB: InvalidationSelector[] = [];
    busB.subscribe((selector) => heardByB.push(selector));
    const raw = rawClient(server.url);
    closers.push(async () => raw.disconnect());
    await until(async () => Number(((await raw.call('PUBSUB', 'NUMSUB', busB.channel)) as [string, number])[1]) === 1, 'the subscriber');
    await tier.set('range:AAPL', record('stale', { tags: ['series:AAPL'] }));
    await tier.set('range:MSFT', record('fresh'));
    expect((await tier.get('range:AAPL', Date.now()))?.value).toBe('stale');

    server.signal('SIGSTOP');
    // Each call waits at most the command timeout; after three the breaker stops waiting.
    for (let i = 0; i < 3; i++) expect(await tier.get('range:MSFT', Date.now())).toBeUndefined();
    expect(connection.state()).toBe('open');
    expect(await tier.invalidate({ tags: ['series:AAPL'] })).toBe(0);
    await tier.delete(['range:MSFT']);
    // Published while A cannot reach Redis: kept, and sent once it can.
    await busA.publish({ tags: ['series:AAPL'] });

    server.signal('SIGCONT');
    // The first read after the cooldown replays the invalidation and the delete before it reads.
    await delay(fast.cooldownMs + 50);
    expect(await tier.get('range:AAPL', Date.now())).toBeUndefined();
    expect(connection.state()).toBe('closed');
    expect(await tier.get('range:AAPL', Date.now())).toBeUndefined();
    expect(await tier.get('range:MSFT', Date.now())).toBeUndefined();
    expect(await raw.dbsize()).toBe(0);
    // B's subscriber never lost its connection (a hang is not a disconnect): no gap, just the message.
    await until(() => heardByB.length > 0, 'the queued publication');
    expect(heardByB).toEqual([{ tags: ['series:AAPL'] }]);
  });

  it('sends the gets of one event-loop turn as MGETs of batchSize keys, answering each in order', async () => {
    const server = await PrivateRedis.start();
    closers.push(() => server.kill());
    const { tier } = open({ url: server.url }, { batchSize: 7 });
    for (let i = 0; i < 30; i += 3) await tier.set(`k${i}`, record(i));
    const raw = rawClient(server.url);
    closers.push(async () => raw.disconnect());
    await raw.config('RESETSTAT');
    const keys = Array.from({ length: 30 }, (_, i) => `k${i}`);
    const found = await Promise.all(keys.map((key) => tier.get(key, Date.now())));
    expect(found.map((entry) => entry?.value)).toEqual(keys.map((_, i) => (i % 3 === 0 ? i : undefined)));
    const stats = (await raw.info('commandstats')).split('\r\n');
    expect(stats.find((line) => line.startsWith('cmdstat_mget:'))).toMatch(/^cmdstat_mget:calls=5,/);
    expect(stats.find((line) => line.startsWith('cmdstat_get:'))).toBeUndefined();
    // A lone get is a GET.
    expect((await tier.get('k3', Date.now()))?.value).toBe(3);
    expect((await raw.info('commandstats')).split('\r\n').find((line) => line.startsWith('cmdstat_get:'))).toMatch(/^cmdstat_get:calls=1,/);
  });

  it('starts without Redis at all: every call answers, the lock is local, publish resolves', async () => {
    const server = await PrivateRedis.start();
    await server.kill();
    const namespace = newTestNamespace();
    const { tier, connection, logger } = open({ ...fast, url: server.url, namespace });
    const lock = new RedisLock({ connection, namespace, logger });
    const bus = new RedisInvalidationBus({ connection, namespace, logger });
    closers.push(() => bus.close());
    bus.subscribe(() => undefined);
    expect(await connection.connect()).toBe(false);
    for (let i = 0; i < 5; i++) {
      expect(await tier.get('a', Date.now())).toBeUndefined();
      expect(await tier.set('a', record(1))).toBe(false);
    }
    expect(connection.state()).toBe('open');
    expect((await lock.tryAcquire('k', 100))?.distributed).toBe(false);
    await expect(bus.publish({ prefix: 'x' })).resolves.toBeUndefined();
    await expect(tier.close()).resolves.toBeUndefined();
  });
});
