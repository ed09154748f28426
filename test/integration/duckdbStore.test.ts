import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, describe, expect, it } from 'vitest';
import { Bars } from '../../src/core/index.js';
import { DuckDbCandleStore } from '../../src/store/duckdb/DuckDbCandleStore.js';
import { describeCandleStoreContract, expectCode, expectSameBars } from './candleStoreContract.js';
import { syntheticBatch, syntheticSymbols } from './fixtures/syntheticBatch.js';
import { repoRoot } from './runCli.js';

const temporaryDirectories: string[] = [];
function temporaryStorePath(): string {
  const directory = mkdtempSync(join(tmpdir(), 'tickforge-store-'));
  temporaryDirectories.push(directory);
  return join(directory, 'nested', 'store.duckdb');
}
afterAll(() => {
  for (const directory of temporaryDirectories) rmSync(directory, { recursive: true, force: true });
});

/** Runs a fixture script under tsx; resolves with stdout once it exits. */
function runFixture(script: string, args: string[]): Promise<{ stdout: string; code: number | null }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'test', 'integration', 'fixtures', script), ...args], { cwd: repoRoot });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolvePromise({ stdout, code }) : reject(new Error(`${script} exited ${code}: ${stderr}`))));
  });
}

describeCandleStoreContract('DuckDbCandleStore', {
  open: () => DuckDbCandleStore.open(temporaryStorePath()),
  reopen: (store) => DuckDbCandleStore.open(store.url.slice('duckdb:'.length)),
});

describe('DuckDbCandleStore', () => {
  it('names its location in url', async () => {
    const store = await DuckDbCandleStore.open(':memory:');
    try {
      expect(store.url).toBe('duckdb::memory:');
    } finally {
      await store.close();
    }
    const path = temporaryStorePath();
    const file = await DuckDbCandleStore.open(path);
    await file.close();
    expect(file.url).toBe(`duckdb:${path}`);
  });

  it('refuses a second open of one file in the same process and a schema newer than the code', async () => {
    const path = temporaryStorePath();
    const store = await DuckDbCandleStore.open(path);
    const twice = await expectCode(DuckDbCandleStore.open(path), 'TF_ERR_STORE_OPEN');
    expect(twice.message).toContain('already open in this process');
    await store.close();

    const instance = await DuckDBInstance.create(path);
    const connection = await instance.connect();
    await connection.run('INSERT INTO schema_migrations VALUES (99, now()::TIMESTAMP)');
    connection.closeSync();
    instance.closeSync();
    const newer = await expectCode(DuckDbCandleStore.open(path), 'TF_ERR_STORE_MIGRATION');
    expect(newer.message).toContain('schema version 99');
    expect(newer.message).toContain('Upgrade tickforge');
  });

  it('explains a file that is not a DuckDB database', async () => {
    const path = temporaryStorePath();
    await DuckDbCandleStore.open(path).then((store) => store.close());
    writeFileSync(path, 'timestamp,open,high,low,close,volume\n'.repeat(200));
    const error = await expectCode(DuckDbCandleStore.open(path), 'TF_ERR_STORE_OPEN');
    expect(error.message).toContain(`Cannot open store ${path}`);
    expect(error.message).toContain('point --store at another file');
  });

  it('gives another process a clear error while the file is open for writing, read-only included', async () => {
    const path = temporaryStorePath();
    const store = await DuckDbCandleStore.open(path);
    try {
      await store.upsertBars(syntheticBatch(0, 5));
      for (const mode of ['read-write', 'read-only']) {
        const { stdout } = await runFixture('openStoreProbe.ts', [path, mode]);
        const outcome = JSON.parse(stdout.trim()) as { opened: boolean; code: string; message: string };
        expect(outcome.opened).toBe(false);
        expect(outcome.code).toBe('TF_ERR_STORE_OPEN');
        expect(outcome.message).toContain('locked by another process');
        expect(outcome.message).toContain(`PID ${process.pid}`);
        expect(outcome.message).toContain('--store');
      }
    } finally {
      await store.close();
    }
    // Once the writer is gone, several read-only processes may open the file side by side.
    const probes = await Promise.all([runFixture('openStoreProbe.ts', [path, 'read-only']), runFixture('openStoreProbe.ts', [path, 'read-only'])]);
    for (const probe of probes) expect(JSON.parse(probe.stdout.trim())).toEqual({ opened: true, symbols: ['KILL0'] });
  });

  it('loses no acknowledged batch and keeps no partial batch when the writer is killed with SIGKILL', async () => {
    const path = temporaryStorePath();
    const batches = 24;
    const barsPerBatch = 20_000;
    const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'test', 'integration', 'fixtures', 'ingestLoop.ts'), path, String(batches), String(barsPerBatch)], { cwd: repoRoot });
    let acknowledged = -1;
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolveExit) => child.on('exit', (_code, signal) => resolveExit(signal)));
    await new Promise<void>((resolveKill, reject) => {
      let buffered = '';
      child.stdout.on('data', (chunk: Buffer) => {
        buffered += chunk.toString();
        const lines = buffered.split('\n');
        buffered = lines.pop()!;
        for (const line of lines) {
          const match = /^committed (\d+)$/.exec(line);
          if (match !== null) acknowledged = Number(match[1]);
          if (acknowledged >= 4 && !child.killed) {
            child.kill('SIGKILL');
            resolveKill();
          }
        }
      });
      child.on('exit', () => (acknowledged < 4 ? reject(new Error(`ingest child exited early: ${stderr}`)) : resolveKill()));
    });
    expect(await exited).toBe('SIGKILL');
    expect(acknowledged).toBeLessThan(batches - 1);
    // The acknowledged batches sit in the write-ahead log, not yet checkpointed into the file.
    expect(existsSync(`${path}.wal`)).toBe(true);
    expect(statSync(`${path}.wal`).size).toBeGreaterThan(0);

    const reopened = await DuckDbCandleStore.open(path);
    try {
      const present: boolean[] = [];
      const stored = new Map<string, Bars>();
      for (const symbol of syntheticSymbols) stored.set(symbol, await reopened.readBars(symbol, '1m'));
      for (let index = 0; index < batches; index++) {
        const expected = syntheticBatch(index, barsPerBatch);
        const all = stored.get(expected.symbol)!;
        const window = all.range(expected.time[0], expected.time[barsPerBatch - 1]);
        // Every batch is all there or not there at all.
        expect([0, barsPerBatch]).toContain(window.length);
        if (window.length > 0) expectSameBars(window, expected);
        present.push(window.length > 0);
      }
      for (let index = 0; index <= acknowledged; index++) expect(present[index]).toBe(true);
      // Commits happen in order, so the present batches are a prefix.
      const presentCount = present.filter(Boolean).length;
      expect(present.slice(0, presentCount).every(Boolean)).toBe(true);
      expect(presentCount).toBeLessThan(batches);
    } finally {
      await reopened.close();
    }

    const { stdout } = await runFixture('ingestLoop.ts', [path, String(batches), String(barsPerBatch)]);
    expect(stdout.trim().split('\n').at(-1)).toBe('done');
    const final = await DuckDbCandleStore.open(path);
    try {
      for (const [offset, symbol] of syntheticSymbols.entries()) {
        const expected = [];
        for (let index = offset; index < batches; index += syntheticSymbols.length) expected.push(syntheticBatch(index, barsPerBatch));
        expectSameBars(await final.readBars(symbol, '1m'), Bars.concat(expected));
      }
      const coverage = await final.coverage();
      expect(coverage.map((entry) => [entry.symbol, entry.count, entry.gaps])).toEqual(
        syntheticSymbols.map((symbol) => [symbol, (batches / syntheticSymbols.length) * barsPerBatch, 0]),
      );
    } finally {
      await final.close();
    }
  });
});
