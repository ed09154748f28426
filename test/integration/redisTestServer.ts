import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { Writable } from 'node:stream';
import { Redis } from 'ioredis';
import { pino, type Logger } from 'pino';

/**
 * The Redis the integration tests use: TICKFORGE_TEST_REDIS_URL, or the local server's logical
 * database 7 (other tools keep database 0). Each test works under a namespace of its own, whose
 * keys are removed here; nothing is flushed. When the server is absent the tests skip with a
 * line saying so; under CI=true its absence fails the run.
 */
export const redisTestUrl = process.env.TICKFORGE_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/7';

async function probe(): Promise<string | undefined> {
  const client = new Redis(redisTestUrl, { lazyConnect: true, connectTimeout: 2_000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  let cause: string | undefined;
  client.on('error', (error: Error) => (cause ??= error.message));
  try {
    await client.connect();
    await client.ping();
    return undefined;
  } catch (error) {
    return cause ?? (error as Error).message;
  } finally {
    client.disconnect();
  }
}

const absence = await probe();
export const redisAvailable = absence === undefined;

if (!redisAvailable) {
  const where = redisTestUrl.replace(/:[^:@/]*@/, ':***@');
  if (process.env.CI === 'true') throw new Error(`Redis at ${where} is not reachable (${absence}); CI needs it for the L2 cache tests.`);
  console.warn(`skipping the Redis (L2 cache) tests: no server at ${where} (${absence}); start one or set TICKFORGE_TEST_REDIS_URL`);
}

/** `redis-server` on the PATH, for the tests that kill and restart a private server. */
export const redisServerBinary = spawnSync('redis-server', ['--version']).status === 0;
if (redisAvailable && !redisServerBinary) {
  if (process.env.CI === 'true') throw new Error('redis-server is not on the PATH; CI needs it for the Redis restart test.');
  console.warn('skipping the Redis restart test: redis-server is not on the PATH');
}

const namespaces: string[] = [];

/** A namespace no other run or test uses; its keys are removed by `dropTestNamespaces`. */
export function newTestNamespace(): string {
  const name = `tf-test-${process.pid}-${randomBytes(4).toString('hex')}`;
  namespaces.push(name);
  return name;
}

/** A plain client on the test database, for writing bytes behind the tier's back. */
export function rawClient(url = redisTestUrl): Redis {
  const client = new Redis(url, { maxRetriesPerRequest: 0 });
  client.on('error', () => undefined);
  return client;
}

export async function dropTestNamespaces(): Promise<void> {
  if (!redisAvailable || namespaces.length === 0) return;
  const client = rawClient();
  try {
    for (const namespace of namespaces.splice(0)) {
      let cursor = '0';
      do {
        const [next, keys] = await client.scan(cursor, 'MATCH', `${namespace}:*`, 'COUNT', 1_000);
        if (keys.length > 0) await client.unlink(...keys);
        cursor = next;
      } while (cursor !== '0');
    }
  } finally {
    client.disconnect();
  }
}

/** A pino logger whose lines the test can read. */
export function capturingLogger(): { logger: Logger; lines: Array<{ level: number; msg: string } & Record<string, unknown>> } {
  const lines: Array<{ level: number; msg: string } & Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as { level: number; msg: string });
      done();
    },
  });
  return { logger: pino({ level: 'debug' }, destination), lines };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * A redis-server of the test's own on a free port (no persistence), which the test may kill
 * and start again on the same port. The shared server is never touched.
 */
export class PrivateRedis {
  private child: ChildProcess | undefined;

  private constructor(readonly port: number) {}

  static async start(): Promise<PrivateRedis> {
    const server = new PrivateRedis(await freePort());
    await server.start();
    return server;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}/0`;
  }

  async start(): Promise<void> {
    const child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    await new Promise<void>((resolve, reject) => {
      let output = '';
      const timer = setTimeout(() => reject(new Error(`redis-server on port ${this.port} did not start: ${output}`)), 10_000);
      child.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Ready to accept connections')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`redis-server on port ${this.port} exited with ${code}: ${output}`));
      });
    });
  }

  /** Sends `signal` (SIGKILL: gone; SIGSTOP: hangs with its sockets open; SIGCONT: resumes). */
  signal(signal: NodeJS.Signals): void {
    this.child?.kill(signal);
  }

  async kill(): Promise<void> {
    const child = this.child;
    if (child === undefined || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }
}
