import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropTestNamespaces, newTestNamespace, redisAvailable, redisTestUrl } from './redisTestServer.js';
import { runCli } from './runCli.js';

/** `tickforge cache warm` and `cache stats` through the real CLI, with and without Redis. */
const directory = mkdtempSync(join(tmpdir(), 'tickforge-cache-cli-'));
const cli = (...args: string[]) => runCli([...args, '--log-level', 'warn'], { cwd: directory });
beforeAll(async () => {
  const seeded = await cli('ingest', '--provider', 'synthetic', '--symbols', 'AAA,BBB', '--timeframe', '1d', '--from', '2024-01-01', '--to', '2024-06-28');
  expect(seeded.code, seeded.stderr).toBe(0);
});
afterAll(async () => {
  rmSync(directory, { recursive: true, force: true });
  await dropTestNamespaces();
});

describe('tickforge cache', () => {
  it('warm without Redis reads every stored series from the store and says the warm cache ends with the process', async () => {
    const result = await cli('cache', 'warm');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/AAA\s+1d\s+130\s+store/);
    expect(result.stdout).toContain('No Redis (redis.url)');
  });

  it.skipIf(!redisAvailable)('warm with Redis fills L2, so the next process reads from it; stats shows the tiers and a health score', async () => {
    writeFileSync(join(directory, 'tickforge.yaml'), `redis:\n  url: ${redisTestUrl}\ncache:\n  l2:\n    namespace: ${newTestNamespace()}\n`);
    try {
      const first = JSON.parse((await cli('cache', 'warm', '--symbols', 'AAA,BBB', '--format', 'json')).stdout) as { warmed: Array<{ source: string }> };
      expect(first.warmed.map((entry) => entry.source)).toEqual(['store', 'store']);
      const second = JSON.parse((await cli('cache', 'warm', '--symbols', 'AAA,BBB', '--format', 'json')).stdout) as { warmed: Array<{ source: string }>; l2: string };
      expect(second.warmed.map((entry) => entry.source)).toEqual(['l2', 'l2']);
      expect(second.l2).toBe('closed');
      const stats = await cli('cache', 'stats', '--symbols', 'AAA,BBB');
      expect(stats.code, stats.stderr).toBe(0);
      expect(stats.stdout).toMatch(/l1\s+2\s+2\s+50\.0%/);
      expect(stats.stdout).toMatch(/l2\s+2\s+0\s+100\.0%/);
      expect(stats.stdout).toContain('health 100/100');
    } finally {
      rmSync(join(directory, 'tickforge.yaml'));
    }
  });
});
