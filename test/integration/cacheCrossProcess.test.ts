import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createCache } from '../../src/app/createCache.js';
import { configSchema } from '../../src/config/configSchema.js';
import { createLogger } from '../../src/observe/logger.js';
import { redisAvailable, redisTestUrl } from './redisTestServer.js';
import { repoRoot } from './runCli.js';

/**
 * Two and three real processes sharing Redis as L2: an invalidation in one drops the entry
 * from the others' L1 (pub/sub), and concurrent misses across processes run one load (the
 * Redis lock), the waiting processes reading the loader's value from L2.
 */
const namespace = `tf-xproc-${process.pid}-${Date.now().toString(36)}`;
const url = `${redisTestUrl.replace(/\/\d*$/, '')}/8`;
const children: ChildProcessWithoutNullStreams[] = [];

afterAll(async () => {
  for (const child of children) child.kill();
  if (!redisAvailable) return;
  const redis = new Redis(url);
  const keys = await redis.keys(`${namespace}*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
});

function start(role: 'holder' | 'load'): { ask(line: string): Promise<Record<string, unknown>>; quit(): void } {
  const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'test', 'integration', 'fixtures', 'cacheProcess.ts'), url, namespace, role], { cwd: repoRoot });
  children.push(child);
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += String(chunk)));
  const next = async () => {
    const line = await Promise.race([
      lines.next(),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer from the cache process within 20 s; its stderr: ${stderr}`)), 20_000)),
    ]);
    if (line.done === true) throw new Error(`cache process ended: ${stderr}`);
    return JSON.parse(line.value) as Record<string, unknown>;
  };
  const ready = next();
  return {
    async ask(line) {
      await ready;
      child.stdin.write(`${line}\n`);
      return next();
    },
    quit() {
      child.stdin.end('quit\n');
    },
  };
}

describe.skipIf(!redisAvailable)('the cache across processes', () => {
  it('an invalidation in one process drops the entry from another process\'s L1', async () => {
    const holder = start('holder');
    expect(await holder.ask('peek')).toEqual({ peek: 'v1' });
    const config = configSchema.parse({ redis: { url }, cache: { l2: { namespace } } });
    const cache = createCache({ config, logger: createLogger({ level: 'warn', format: 'json' }) });
    // The subscriber of the holder is up once it answered; give the message a moment to travel.
    await cache.invalidate({ tags: ['series:A:1d'] });
    let answer: Record<string, unknown> = {};
    for (let attempt = 0; attempt < 50; attempt++) {
      answer = await holder.ask('peek');
      if (answer.peek === null) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(answer).toEqual({ peek: null });
    await cache.close();
    holder.quit();
  });

  it('1,500 concurrent misses of one key in three processes run exactly one load', async () => {
    const processes = [start('load'), start('load'), start('load')];
    const answers = await Promise.all(processes.map((child) => child.ask('load')));
    const redis = new Redis(url);
    expect(Number(await redis.get(`${namespace}:test-loads`))).toBe(1);
    await redis.quit();
    const values = answers.flatMap((answer) => answer.values as string[]);
    expect(new Set(values).size).toBe(1);
    for (const child of processes) child.quit();
  });
});
