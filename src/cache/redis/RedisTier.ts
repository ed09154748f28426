import type { Redis } from 'ioredis';
import type { Logger } from '../../observe/logger.js';
import type { CacheRecord, CacheTier, InvalidationSelector, TierStats } from '../ports.js';
import type { CircuitState } from './CircuitBreaker.js';
import { decodeRecord, encodeRecord, UnencodableValueError } from './codec.js';
import type { RedisConnection, RedisOutcome } from './RedisConnection.js';
import { entryKeyPrefix, escapeGlob, tagKey } from './redisKeys.js';

export interface RedisTierOptions {
  /** Shared with the lock and the bus of this process; see `RedisConnection`. */
  connection: RedisConnection;
  /** Prefix of every key; processes that share a cache share it. Default `tickforge`. */
  namespace?: string;
  logger: Logger;
  /** Encoded bodies above this many bytes are lz4-compressed when that saves 10%; default 1,024. */
  compressAboveBytes?: number;
  /** Larger encoded values are not stored (`set` returns false); default 8 MiB. */
  maxValueBytes?: number;
  /** Keys per MGET; larger `getMany` calls send several MGETs in one pipeline. Default 256. */
  batchSize?: number;
  /** Invalidations and deletes remembered while Redis is away (replayed on return); default 1,024. */
  maxPending?: number;
  now?: () => number;
}

/** Stats of the tier; `entries` and `bytes` stay 0 (Redis holds them; see INFO keyspace). */
export interface RedisTierStats extends TierStats {
  /** Values under a key that failed the codec's checks (also counted in `errors`). */
  corrupt: number;
  /** Calls (each key of a lookup) answered without Redis because the breaker was open. */
  skipped: number;
}

interface TierCommands {
  tickforgeSetTagged(numberOfKeys: number, ...arguments_: (string | Buffer | number)[]): Promise<number>;
  tickforgeDropTagged(numberOfKeys: number, ...keys: string[]): Promise<number>;
}

// Atomic, so a tag set never outlives less than its entries: an entry without expiry makes
// its tag sets persistent; otherwise a new set gets the entry's TTL and an existing one is
// only ever extended (GT leaves a persistent set persistent).
const setTaggedScript = `
local px = tonumber(ARGV[2])
if px > 0 then redis.call('SET', KEYS[1], ARGV[1], 'PX', px) else redis.call('SET', KEYS[1], ARGV[1]) end
for i = 2, #KEYS do
  local existed = redis.call('EXISTS', KEYS[i])
  redis.call('SADD', KEYS[i], KEYS[1])
  if px == 0 then redis.call('PERSIST', KEYS[i])
  elseif existed == 0 then redis.call('PEXPIRE', KEYS[i], px)
  else redis.call('PEXPIRE', KEYS[i], px, 'GT') end
end
return 1`;

// Members are unlinked in slices: Lua's unpack takes a few thousand values at most.
const dropTaggedScript = `
local dropped = 0
for i = 1, #KEYS do
  local members = redis.call('SMEMBERS', KEYS[i])
  for j = 1, #members, 500 do
    dropped = dropped + redis.call('UNLINK', unpack(members, j, math.min(j + 499, #members)))
  end
  redis.call('UNLINK', KEYS[i])
end
return dropped`;

const scriptsDefined = new WeakSet<Redis>();

function commands(client: Redis): TierCommands {
  if (!scriptsDefined.has(client)) {
    // ioredis sends EVALSHA and falls back to EVAL after a restart emptied the script cache.
    client.defineCommand('tickforgeSetTagged', { lua: setTaggedScript });
    client.defineCommand('tickforgeDropTagged', { lua: dropTaggedScript });
    scriptsDefined.add(client);
  }
  return client as unknown as TierCommands;
}

/**
 * L2: records encoded by `codec.ts` under `${namespace}:v${codecVersion}:${key}`, expiring with
 * them (PX), tagged through sets `${namespace}:tag:${tag}`. Redis down, slow or restarted is a
 * miss or a no-op, never an error for the caller; a corrupt value is a miss, counted and
 * logged. An invalidation or delete that could not reach Redis is remembered and replayed
 * before the next read, so L2 never serves what was invalidated while it was away.
 */
export class RedisTier implements CacheTier {
  readonly name = 'l2' as const;
  private readonly connection: RedisConnection;
  private readonly namespace: string;
  private readonly prefix: string;
  private readonly logger: Logger;
  private readonly now: () => number;
  private readonly counters = { hits: 0, misses: 0, sets: 0, expirations: 0, invalidations: 0, errors: 0, corrupt: 0, skipped: 0 };
  private readonly warned = new Set<string>();
  private pendingSelectors: InvalidationSelector[] = [];
  private pendingKeys = new Set<string>();
  private pendingAll = false;
  private queuedGets: Array<{ key: string; now: number; resolve: (record: CacheRecord | undefined) => void }> = [];
  private replaying: Promise<boolean> | undefined;
  private readonly stopListening: () => void;
  private closed = false;

  constructor(private readonly options: RedisTierOptions) {
    this.connection = options.connection;
    this.namespace = options.namespace ?? 'tickforge';
    this.prefix = entryKeyPrefix(this.namespace);
    this.logger = options.logger;
    this.now = options.now ?? Date.now;
    this.connection.retain();
    this.stopListening = this.connection.breaker.onStateChange((state) => {
      if (state === 'closed' && this.hasPending()) void this.replay();
    });
  }

  state(): CircuitState {
    return this.connection.state();
  }

  stats(): RedisTierStats {
    return { ...this.counters, evictions: 0, entries: 0, bytes: 0 };
  }

  /**
   * Gets asked for in one turn of the event loop go to Redis together, as one MGET (a lone get
   * as a GET): a process resolving many series at once pays one round trip and one command,
   * not one per key.
   */
  get(key: string, now: number): Promise<CacheRecord | undefined> {
    return new Promise((resolve) => {
      this.queuedGets.push({ key, now, resolve });
      if (this.queuedGets.length === 1) process.nextTick(this.flushGets);
    });
  }

  async getMany(keys: readonly string[], now: number): Promise<(CacheRecord | undefined)[]> {
    if (keys.length === 0) return [];
    return this.fetch(keys, keys.map(() => now));
  }

  private readonly flushGets = (): void => {
    const queued = this.queuedGets;
    this.queuedGets = [];
    this.fetch(
      queued.map((entry) => entry.key),
      queued.map((entry) => entry.now),
    ).then(
      (records) => queued.forEach((entry, index) => entry.resolve(records[index])),
      (error: unknown) => {
        // Unreachable unless this class has a bug; a cache lookup still must not throw.
        this.logger.error({ err: error }, 'L2 lookup failed unexpectedly; treated as misses');
        this.counters.errors += queued.length;
        queued.forEach((entry) => entry.resolve(undefined));
      },
    );
  };

  private async fetch(keys: readonly string[], nows: readonly number[]): Promise<(CacheRecord | undefined)[]> {
    if (this.hasPending() && !(await this.replay())) return keys.map(() => this.miss());
    const batch = this.options.batchSize ?? 256;
    const outcome = await this.connection.run(async (client): Promise<(Buffer | null)[]> => {
      if (keys.length === 1) return [await client.getBuffer(this.prefix + keys[0])];
      const requests: Promise<(Buffer | null)[]>[] = [];
      for (let start = 0; start < keys.length; start += batch) {
        requests.push(client.mgetBuffer(keys.slice(start, start + batch).map((key) => this.prefix + key)));
      }
      return requests.length === 1 ? requests[0] : (await Promise.all(requests)).flat();
    });
    if (!outcome.ok) {
      this.failed(outcome, 'get', keys.length);
      this.counters.misses += keys.length;
      return keys.map(() => undefined);
    }
    return keys.map((key, index) => this.accept(key, outcome.value[index], nows[index]));
  }

  async set(key: string, record: CacheRecord): Promise<boolean> {
    if (this.closed) return false;
    const now = this.now();
    if (record.expiresAt <= now) return false;
    let bytes: Buffer;
    try {
      bytes = encodeRecord(record, { compressAboveBytes: this.options.compressAboveBytes }).bytes;
    } catch (error) {
      // A value the codec refuses is the caller's choice of type; anything else is a codec failure.
      if (!(error instanceof UnencodableValueError)) this.counters.errors++;
      const message = error instanceof Error ? error.message : String(error);
      this.warnOnce(`encode:${message}`, { key, err: error }, `L2 does not store ${key}: ${message}; it stays in L1 only`);
      return false;
    }
    const maxBytes = this.options.maxValueBytes ?? 8 * 1024 * 1024;
    if (bytes.length > maxBytes) {
      this.logger.debug({ key, bytes: bytes.length, maxBytes }, 'L2 skips a value larger than maxValueBytes');
      return false;
    }
    const fullKey = this.prefix + key;
    const ttl = Number.isFinite(record.expiresAt) ? Math.max(1, Math.ceil(record.expiresAt - now)) : 0;
    const tags = record.tags.map((tag) => tagKey(this.namespace, tag));
    const outcome = await this.connection.run<unknown>((client) => {
      if (tags.length > 0) return commands(client).tickforgeSetTagged(1 + tags.length, fullKey, ...tags, bytes, ttl);
      return ttl > 0 ? client.set(fullKey, bytes, 'PX', ttl) : client.set(fullKey, bytes);
    });
    if (!outcome.ok) {
      this.failed(outcome, 'set');
      return false;
    }
    this.counters.sets++;
    return true;
  }

  async delete(keys: readonly string[]): Promise<void> {
    if (keys.length === 0 || this.closed) return;
    const outcome = await this.connection.run((client) => client.unlink(...keys.map((key) => this.prefix + key)));
    if (!outcome.ok) {
      this.failed(outcome, 'delete');
      this.remember({ keys });
    }
  }

  async invalidate(selector: InvalidationSelector): Promise<number> {
    if (this.closed) return 0;
    let dropped = 0;
    const tags = selector.tags ?? [];
    if (tags.length > 0) {
      const outcome = await this.dropTags(tags);
      if (outcome === undefined) this.remember({ selector: { tags } });
      else dropped += outcome;
    }
    if (selector.prefix !== undefined) {
      const outcome = await this.dropPrefix(selector.prefix);
      if (outcome === undefined) this.remember({ selector: { prefix: selector.prefix } });
      else dropped += outcome;
    }
    this.counters.invalidations += dropped;
    return dropped;
  }

  /** Stops using the connection (closed once the bus using it is closed too). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.stopListening();
    await this.connection.release();
  }

  private async dropTags(tags: readonly string[]): Promise<number | undefined> {
    const outcome = await this.connection.run((client) => commands(client).tickforgeDropTagged(tags.length, ...tags.map((tag) => tagKey(this.namespace, tag))));
    if (outcome.ok) return outcome.value;
    this.failed(outcome, 'invalidate');
    return undefined;
  }

  /** SCAN MATCH and UNLINK, page by page; undefined when Redis failed part way (replayed later). */
  private async dropPrefix(prefix: string): Promise<number | undefined> {
    const pattern = `${escapeGlob(this.prefix + prefix)}*`;
    let cursor = '0';
    let dropped = 0;
    do {
      const outcome = await this.connection.run(async (client) => {
        const [next, keys] = await client.scan(cursor, 'MATCH', pattern, 'COUNT', 1_000);
        return { next, removed: keys.length > 0 ? await client.unlink(...keys) : 0 };
      });
      if (!outcome.ok) {
        this.failed(outcome, 'invalidate');
        return undefined;
      }
      cursor = outcome.value.next;
      dropped += outcome.value.removed;
    } while (cursor !== '0');
    return dropped;
  }

  private accept(key: string, bytes: Buffer | null | undefined, now: number): CacheRecord | undefined {
    if (bytes === null || bytes === undefined) return this.miss();
    const decoded = decodeRecord(bytes);
    if (!decoded.ok) {
      this.counters.errors++;
      this.counters.corrupt++;
      this.warnOnce('corrupt', { key, reason: decoded.reason }, `L2 value under ${key} is unreadable (${decoded.reason}); treated as a miss and dropped`);
      // Dropped so that the next load stores a good value in its place.
      void this.connection.run((client) => client.unlink(this.prefix + key));
      return this.miss();
    }
    if (decoded.record.expiresAt <= now) {
      this.counters.expirations++;
      return this.miss();
    }
    this.counters.hits++;
    return decoded.record;
  }

  private miss(): undefined {
    this.counters.misses++;
    return undefined;
  }

  /** Counts a call that Redis did not answer: `calls` lookups of a batch count one each. */
  private failed(outcome: Exclude<RedisOutcome<unknown>, { ok: true }>, operation: string, calls = 1): void {
    if (outcome.skipped) {
      this.counters.skipped += calls;
      return;
    }
    this.counters.errors += calls;
    const message = outcome.error instanceof Error ? outcome.error.message : String(outcome.error);
    // Outages are logged by the connection and the breaker; a server refusing a command is not.
    if (outcome.error instanceof Error && outcome.error.name === 'ReplyError') {
      this.warnOnce(`reply:${operation}`, { err: outcome.error }, `L2 ${operation} failed: ${message}`);
    } else {
      this.logger.debug({ err: outcome.error, operation }, `L2 ${operation} failed: ${message}`);
    }
  }

  /** Logs the first occurrence of each kind at warn and the rest at debug, so a flood stays one line. */
  private warnOnce(kind: string, context: Record<string, unknown>, message: string): void {
    if (this.warned.has(kind)) {
      this.logger.debug(context, message);
      return;
    }
    this.warned.add(kind);
    this.logger.warn(context, `${message} (further ones at debug level; see the tier's stats)`);
  }

  private hasPending(): boolean {
    return this.pendingAll || this.pendingSelectors.length > 0 || this.pendingKeys.size > 0;
  }

  private remember(work: { selector?: InvalidationSelector; keys?: readonly string[] }): void {
    const limit = this.options.maxPending ?? 1_024;
    if (work.selector !== undefined) this.pendingSelectors.push(work.selector);
    for (const key of work.keys ?? []) this.pendingKeys.add(key);
    if (!this.pendingAll && this.pendingSelectors.length + this.pendingKeys.size > limit) {
      this.pendingAll = true;
      this.pendingSelectors = [];
      this.pendingKeys.clear();
      this.logger.warn({ limit }, `L2 missed more than ${limit} invalidations while Redis was away; it will drop every entry of namespace ${this.namespace} when Redis is back`);
    }
  }

  /** Runs the remembered invalidations; true when none are left. */
  private replay(): Promise<boolean> {
    this.replaying ??= this.replayPending().finally(() => (this.replaying = undefined));
    return this.replaying;
  }

  private async replayPending(): Promise<boolean> {
    if (this.pendingAll) {
      if ((await this.dropPrefix('')) === undefined) return false;
      this.pendingAll = false;
      this.pendingSelectors = [];
      this.pendingKeys.clear();
      this.logger.info({ namespace: this.namespace }, 'L2 dropped every entry after missing invalidations while Redis was away');
      return true;
    }
    while (this.pendingSelectors.length > 0) {
      const selector = this.pendingSelectors[0];
      const dropped = selector.tags !== undefined ? await this.dropTags(selector.tags) : await this.dropPrefix(selector.prefix ?? '');
      if (dropped === undefined) return false;
      this.counters.invalidations += dropped;
      this.pendingSelectors.shift();
    }
    if (this.pendingKeys.size > 0) {
      const keys = [...this.pendingKeys];
      const outcome = await this.connection.run((client) => client.unlink(...keys.map((key) => this.prefix + key)));
      if (!outcome.ok) return false;
      for (const key of keys) this.pendingKeys.delete(key);
    }
    return true;
  }
}
