import { randomBytes } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import type { Logger } from '../../observe/logger.js';
import type { LoadLock } from '../ports.js';
import type { RedisConnection } from './RedisConnection.js';
import { lockKey } from './redisKeys.js';

export interface RedisLockOptions {
  connection: RedisConnection;
  /** Lock keys are `${namespace}:lock:${key}`; default `tickforge`, as the tier's. */
  namespace?: string;
  logger: Logger;
  /** `waitForRelease` polls from this interval, doubling up to `pollMaxMs`; defaults 5 and 50 ms. */
  pollMinMs?: number;
  pollMaxMs?: number;
}

export interface RedisLockHandle {
  readonly key: string;
  readonly token: string;
  /** False when Redis was unavailable and the lock was granted locally, without a cross-process guarantee. */
  readonly distributed: boolean;
  /** Releases the lock if this handle still holds it (compare-and-delete: never another holder's). */
  release(): Promise<void>;
}

interface LockCommands {
  tickforgeReleaseLock(key: string, token: string): Promise<number>;
}

const releaseScript = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;
const scriptsDefined = new WeakSet<Redis>();

function commands(client: Redis): LockCommands {
  if (!scriptsDefined.has(client)) {
    client.defineCommand('tickforgeReleaseLock', { numberOfKeys: 1, lua: releaseScript });
    scriptsDefined.add(client);
  }
  return client as unknown as LockCommands;
}

/**
 * A short lock for single-flight loads across processes: SET NX PX with a random token, released
 * by compare-and-delete (a holder whose lock expired cannot delete its successor's). The TTL
 * bounds how long a crashed holder blocks the others. When Redis is unavailable the lock is
 * granted locally (`distributed: false`, logged once per outage): processes may then load the
 * same key at once, which costs a duplicate load, never a wrong value.
 */
export class RedisLock implements LoadLock {
  private readonly namespace: string;
  private readonly logger: Logger;
  private degradedLogged = false;

  constructor(private readonly options: RedisLockOptions) {
    this.namespace = options.namespace ?? 'tickforge';
    this.logger = options.logger;
  }

  /** The lock when this process got it (or Redis is away); undefined while another process holds it. */
  async tryAcquire(key: string, ttlMs: number): Promise<RedisLockHandle | undefined> {
    const fullKey = lockKey(this.namespace, key);
    const token = randomBytes(16).toString('base64url');
    const outcome = await this.options.connection.run((client) => client.set(fullKey, token, 'PX', Math.max(1, Math.ceil(ttlMs)), 'NX'));
    if (outcome.ok) {
      this.degradedLogged = false;
      return outcome.value === 'OK' ? this.handle(fullKey, token, true) : undefined;
    }
    if (!this.degradedLogged) {
      this.degradedLogged = true;
      const why = outcome.skipped ? 'the Redis circuit is open' : (outcome.error as Error).message;
      this.logger.warn({ key, err: outcome.error }, `cross-process lock unavailable (${why}); loads are single-flight per process only until Redis is back`);
    }
    return this.handle(fullKey, token, false);
  }

  /**
   * Resolves when the lock is free (released or expired) or after `timeoutMs`; at once when
   * Redis is unavailable, since no holder can be waited for then.
   */
  async waitForRelease(key: string, timeoutMs: number): Promise<void> {
    const fullKey = lockKey(this.namespace, key);
    const deadline = performance.now() + timeoutMs;
    let pause = this.options.pollMinMs ?? 5;
    while (true) {
      const outcome = await this.options.connection.run((client) => client.exists(fullKey));
      if (!outcome.ok || outcome.value === 0) return;
      const left = deadline - performance.now();
      if (left <= 0) return;
      await delay(Math.min(pause, left));
      pause = Math.min(pause * 2, this.options.pollMaxMs ?? 50);
    }
  }

  private handle(fullKey: string, token: string, distributed: boolean): RedisLockHandle {
    let released = false;
    return {
      key: fullKey,
      token,
      distributed,
      release: async () => {
        if (released || !distributed) return;
        released = true;
        const outcome = await this.options.connection.run((client) => commands(client).tickforgeReleaseLock(fullKey, token));
        if (!outcome.ok) this.logger.debug({ key: fullKey, err: outcome.error }, 'lock release did not reach Redis; the key expires after its TTL');
      },
    };
  }
}
