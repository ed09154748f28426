import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TickforgeError } from '../core/errors.js';
import { loadConfig } from './loadConfig.js';
import { maskSecrets } from './maskSecrets.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tickforge-config-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

function failure(run: () => unknown): TickforgeError {
  try {
    run();
  } catch (error) {
    if (error instanceof TickforgeError) return error;
    throw error;
  }
  throw new Error('expected a TickforgeError');
}

describe('loadConfig', () => {
  it('gives the embedded defaults with no file and no variables', () => {
    const { config, sources } = loadConfig({ cwd: dir, env: {} });
    expect(config.store.url).toBe('duckdb:./.tickforge/tickforge.duckdb');
    expect(config.ingest).toEqual({ onInvalid: 'error', onDuplicate: 'error', onUnsorted: 'error' });
    expect(config.redis.url).toBeUndefined();
    expect(sources).toEqual([]);
  });

  it('reads tickforge.yaml from the working directory, merging includes under the including file', () => {
    write('base.yaml', 'store:\n  url: duckdb:/data/base.duckdb\nlog:\n  level: debug\n');
    write('tickforge.yaml', 'include: base.yaml\nlog:\n  level: warn\n');
    const { config, sources } = loadConfig({ cwd: dir, env: {} });
    expect(config.store.url).toBe('duckdb:/data/base.duckdb');
    expect(config.log.level).toBe('warn');
    expect(sources).toEqual([join(dir, 'base.yaml'), join(dir, 'tickforge.yaml')]);
  });

  it('applies the selected environment overlay, then environment variables on top', () => {
    write('tickforge.yaml', 'log:\n  level: info\nenvironments:\n  production:\n    log:\n      level: error\n    store:\n      url: postgres://app:hunter2@db:5432/ticks\n');
    const overlay = loadConfig({ cwd: dir, env: { TICKFORGE_ENV: 'production' } });
    expect(overlay.config.log.level).toBe('error');
    expect(overlay.config.store.url).toBe('postgres://app:hunter2@db:5432/ticks');
    const variables = loadConfig({ cwd: dir, env: { TICKFORGE_ENV: 'production', TICKFORGE_LOG_LEVEL: 'debug' } });
    expect(variables.config.log.level).toBe('debug');
  });

  it('names the file and key path of a bad value and lists what is allowed', () => {
    const file = write('tickforge.yaml', 'ingest:\n  onInvalid: discard\n');
    const error = failure(() => loadConfig({ cwd: dir, env: {} }));
    expect(error.code).toBe('TF_ERR_CONFIG_INVALID');
    expect(error.message).toContain(`${file}: key "ingest.onInvalid"`);
    expect(error.message).toMatch(/"error".*"drop".*"fix".*"keep"/);
  });

  it('names the environment variable that set a bad value', () => {
    const error = failure(() => loadConfig({ cwd: dir, env: { TICKFORGE_LOG_LEVEL: 'loud' } }));
    expect(error.message).toContain('environment variable TICKFORGE_LOG_LEVEL: key "log.level"');
  });

  it('rejects a misspelt key instead of ignoring it', () => {
    write('tickforge.yaml', 'stor:\n  url: duckdb:x.duckdb\n');
    const error = failure(() => loadConfig({ cwd: dir, env: {} }));
    expect(error.message).toContain('"stor"');
  });

  it('reports YAML syntax errors with the file and line', () => {
    const file = write('tickforge.yaml', 'log:\n  level: [info\n');
    const error = failure(() => loadConfig({ cwd: dir, env: {} }));
    expect(error.code).toBe('TF_ERR_CONFIG_PARSE');
    expect(error.message).toMatch(new RegExp(`^${file.replace(/[.]/g, '\\.')}:\\d+: not valid YAML`));
  });

  it('fails on a missing --config file, a missing include and an include cycle', () => {
    expect(failure(() => loadConfig({ cwd: dir, env: {}, file: 'nope.yaml' })).code).toBe('TF_ERR_CONFIG_NOT_FOUND');
    write('tickforge.yaml', 'include: [missing.yaml]\n');
    expect(failure(() => loadConfig({ cwd: dir, env: {} })).message).toContain('included from');
    write('a.yaml', 'include: b.yaml\n');
    write('b.yaml', 'include: a.yaml\n');
    expect(failure(() => loadConfig({ cwd: dir, env: {}, file: 'a.yaml' })).message).toContain('include cycle');
  });

  it('refuses an unknown environment overlay naming the known ones', () => {
    write('tickforge.yaml', 'environments:\n  staging: {}\n');
    const error = failure(() => loadConfig({ cwd: dir, env: {}, environment: 'prod' }));
    expect(error.message).toContain('Known: staging');
  });
});

describe('maskSecrets', () => {
  it('hides URL passwords and secret keys and leaves the rest', () => {
    const masked = maskSecrets({ store: { url: 'postgres://app:hunter2@db:5432/ticks' }, exchange: { apiKey: 'abc', name: 'binance' }, redis: { url: 'redis://127.0.0.1:6379' } });
    expect(masked).toEqual({ store: { url: 'postgres://app:***@db:5432/ticks' }, exchange: { apiKey: '***', name: 'binance' }, redis: { url: 'redis://127.0.0.1:6379' } });
  });
});
