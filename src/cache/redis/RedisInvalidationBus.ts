import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from '../../observe/logger.js';
import type { InvalidationBus, InvalidationSelector } from '../ports.js';
import { closeClient, type RedisConnection } from './RedisConnection.js';
import { invalidationChannel } from './redisKeys.js';

export interface RedisInvalidationBusOptions {
  /** Publishes through this connection (its breaker); subscribes on a duplicate of it. */
  connection: RedisConnection;
  /** Channel `${namespace}:invalidate`; default `tickforge`, as the tier's. */
  namespace?: string;
  logger: Logger;
  /** Tells this process's messages from others'; default a random UUID. */
  instanceId?: string;
  /**
   * After the subscriber reconnects, messages sent while it was away are lost: by default the
   * handlers then get `{ prefix: '' }` (drop everything) so no stale L1 entry survives a gap.
   */
  onReconnect?: 'invalidate-all' | 'ignore';
  /** Publications kept while Redis is away, sent when it is back; beyond it one `{ prefix: '' }` is. Default 1,024. */
  maxPending?: number;
}

type Handler = (selector: InvalidationSelector) => void;

/**
 * Cross-process invalidation over Redis pub/sub: `publish` tells every other process sharing
 * the namespace which entries to drop from its L1; `subscribe` hears the others (a process
 * ignores its own messages by instance id). The subscriber has a connection of its own and
 * subscribes again on every reconnection; publications that fail are kept and sent when
 * Redis is back. Nothing throws to the caller.
 */
export class RedisInvalidationBus implements InvalidationBus {
  readonly instanceId: string;
  readonly channel: string;
  private readonly logger: Logger;
  private readonly handlers = new Set<Handler>();
  private subscriber: Redis | undefined;
  private subscribedOnce = false;
  private pending: InvalidationSelector[] = [];
  private flushing: Promise<void> | undefined;
  private readonly onReady = () => void this.flush();
  private readonly stopListening: () => void;
  private closed = false;

  constructor(private readonly options: RedisInvalidationBusOptions) {
    this.instanceId = options.instanceId ?? randomUUID();
    this.channel = invalidationChannel(options.namespace ?? 'tickforge');
    this.logger = options.logger;
    options.connection.retain();
    // Queued publications go out when Redis is back: on reconnection, and when the breaker closes.
    options.connection.client.on('ready', this.onReady);
    this.stopListening = options.connection.breaker.onStateChange((state) => {
      if (state === 'closed') void this.flush();
    });
  }

  /** Resolves once Redis took the message or it was queued for later; never rejects. */
  async publish(selector: InvalidationSelector): Promise<void> {
    if (this.closed) return;
    this.pending.push({ ...(selector.prefix !== undefined && { prefix: selector.prefix }), ...(selector.tags !== undefined && { tags: [...selector.tags] }) });
    const limit = this.options.maxPending ?? 1_024;
    if (this.pending.length > limit) {
      this.pending = [{ prefix: '' }];
      this.logger.warn({ limit, channel: this.channel }, `more than ${limit} invalidations could not be published; other processes will be told to drop everything`);
    }
    await this.flush();
  }

  /** Adds a handler for other processes' invalidations; the first call opens the subscriber connection. */
  subscribe(handler: Handler): void {
    if (this.closed) return;
    this.handlers.add(handler);
    if (this.subscriber !== undefined) return;
    // ioredis' own resubscription covers only subscriptions that once succeeded; subscribing on
    // every `ready` also covers a Redis that was down when this process started.
    const subscriber = this.options.connection.duplicate('tickforge-invalidation', { autoResubscribe: false });
    this.subscriber = subscriber;
    subscriber.on('message', (channel: string, message: string) => this.receive(channel, message));
    subscriber.on('ready', () => void this.listen(subscriber));
    subscriber.connect().catch((error: unknown) => this.logger.debug({ err: error, channel: this.channel }, 'invalidation subscriber could not connect yet; it keeps trying'));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.handlers.clear();
    this.options.connection.client.off('ready', this.onReady);
    this.stopListening();
    if (this.subscriber !== undefined) await closeClient(this.subscriber);
    await this.options.connection.release();
  }

  private async listen(subscriber: Redis): Promise<void> {
    try {
      await subscriber.subscribe(this.channel);
    } catch (error) {
      this.logger.debug({ err: error, channel: this.channel }, 'invalidation subscribe failed; retried on the next reconnection');
      return;
    }
    if (this.subscribedOnce && (this.options.onReconnect ?? 'invalidate-all') === 'invalidate-all') {
      this.logger.info({ channel: this.channel }, 'invalidation bus resubscribed; dropping every L1 entry, since messages sent meanwhile are lost');
      this.deliver({ prefix: '' });
    }
    this.subscribedOnce = true;
  }

  private receive(channel: string, message: string): void {
    if (channel !== this.channel) return;
    const selector = parseMessage(message, this.instanceId);
    if (selector === 'own') return;
    if (selector === undefined) {
      this.logger.warn({ channel, message: message.slice(0, 200) }, 'ignored a malformed invalidation message');
      return;
    }
    this.deliver(selector);
  }

  private deliver(selector: InvalidationSelector): void {
    for (const handler of this.handlers) {
      try {
        handler(selector);
      } catch (error) {
        this.logger.error({ err: error, channel: this.channel }, 'an invalidation handler threw');
      }
    }
  }

  /** Sends the queued publications in order; stops at the first failure and keeps the rest. */
  private flush(): Promise<void> {
    this.flushing ??= (async () => {
      while (this.pending.length > 0 && !this.closed) {
        const message = JSON.stringify({ origin: this.instanceId, ...this.pending[0] });
        const outcome = await this.options.connection.run((client) => client.publish(this.channel, message));
        if (!outcome.ok) {
          this.logger.debug({ err: outcome.error, channel: this.channel, queued: this.pending.length }, 'invalidation not published yet; kept until Redis is back');
          return;
        }
        this.pending.shift();
      }
    })().finally(() => (this.flushing = undefined));
    return this.flushing;
  }
}

function parseMessage(message: string, ownId: string): InvalidationSelector | 'own' | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(message);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const { origin, prefix, tags } = parsed as { origin?: unknown; prefix?: unknown; tags?: unknown };
  if (typeof origin !== 'string') return undefined;
  if (origin === ownId) return 'own';
  if (prefix !== undefined && typeof prefix !== 'string') return undefined;
  if (tags !== undefined && !(Array.isArray(tags) && tags.every((tag) => typeof tag === 'string'))) return undefined;
  if (prefix === undefined && tags === undefined) return undefined;
  return { ...(prefix !== undefined && { prefix }), ...(tags !== undefined && { tags: tags as string[] }) };
}
