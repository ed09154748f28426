import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { TickforgeError } from '../core/errors.js';
import { configSchema, type TickforgeConfig } from './configSchema.js';

export interface LoadConfigOptions {
  /** An explicit file (`--config`); it must exist. Without it, `tickforge.yaml|yml` in `cwd` is used when present. */
  file?: string;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Overlay name from the file's `environments:` map; defaults to TICKFORGE_ENV. */
  environment?: string;
}

export interface LoadedConfig {
  config: TickforgeConfig;
  /** Files read, in merge order (includes first), then the environment variables applied. */
  sources: string[];
  environment: string | undefined;
}

type Plain = Record<string, unknown>;

/** Environment variables that override keys, applied last. */
export const environmentVariables: Record<string, string> = {
  TICKFORGE_STORE_URL: 'store.url',
  TICKFORGE_REDIS_URL: 'redis.url',
  TICKFORGE_LOG_LEVEL: 'log.level',
  TICKFORGE_LOG_FORMAT: 'log.format',
};

/**
 * Reads `tickforge.yaml` with its `include:` files (merged first, the including file wins),
 * applies the `environments.<name>` overlay and then environment variables, and validates
 * the result. Errors name the file (or variable) that set the bad key and the key path.
 */
export function loadConfig(options: LoadConfigOptions = {}): LoadedConfig {
  const cwd = options.cwd ?? process.cwd();
  const env = options.env ?? process.env;
  const origins = new Map<string, string>();
  const sources: string[] = [];
  let merged: Plain = {};

  const file = options.file !== undefined ? resolve(cwd, options.file) : findDefaultFile(cwd);
  if (options.file !== undefined && !existsSync(file!)) {
    throw new TickforgeError('TF_ERR_CONFIG_NOT_FOUND', `Config file ${file} does not exist. Check the --config path, or omit --config to use ./tickforge.yaml or the defaults.`, { details: { file } });
  }
  let environments: Plain = {};
  if (file !== undefined) {
    const document = readWithIncludes(file, [], sources, origins);
    environments = (document.environments as Plain | undefined) ?? {};
    delete document.environments;
    merged = document;
  }

  const environment = options.environment ?? env.TICKFORGE_ENV;
  if (environment !== undefined && environment !== '') {
    const overlay = environments[environment];
    if (overlay === undefined) {
      const known = Object.keys(environments);
      throw new TickforgeError('TF_ERR_CONFIG_INVALID', `Environment "${environment}" (from ${options.environment !== undefined ? '--env' : 'TICKFORGE_ENV'}) has no overlay under "environments:" in ${file ?? 'any config file'}. Known: ${known.length > 0 ? known.join(', ') : 'none'}.`, { details: { environment } });
    }
    merged = mergeInto(merged, asObject(overlay, `${file}: environments.${environment}`), `${file} (environments.${environment})`, origins);
    sources.push(`${file}#environments.${environment}`);
  }

  for (const [variable, path] of Object.entries(environmentVariables)) {
    const value = env[variable];
    if (value === undefined || value === '') continue;
    setPath(merged, path, value);
    origins.set(path, `environment variable ${variable}`);
    sources.push(variable);
  }

  const parsed = configSchema.safeParse(merged);
  if (!parsed.success) throw configError(parsed.error, origins);
  return { config: parsed.data, sources, environment: environment || undefined };
}

function findDefaultFile(cwd: string): string | undefined {
  for (const name of ['tickforge.yaml', 'tickforge.yml']) {
    const candidate = resolve(cwd, name);
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

function readWithIncludes(file: string, stack: string[], sources: string[], origins: Map<string, string>): Plain {
  if (stack.includes(file)) {
    throw new TickforgeError('TF_ERR_CONFIG_INVALID', `Config include cycle: ${[...stack, file].join(' -> ')}. Remove one of these includes.`, { details: { file } });
  }
  if (!existsSync(file)) {
    const from = stack[stack.length - 1];
    throw new TickforgeError('TF_ERR_CONFIG_NOT_FOUND', `Config file ${file}${from ? ` (included from ${from})` : ''} does not exist. Fix the path in "include:".`, { details: { file } });
  }
  const document = parseDocument(readFileSync(file, 'utf8'), { prettyErrors: true });
  if (document.errors.length > 0) {
    const first = document.errors[0];
    const line = first.linePos?.[0]?.line;
    throw new TickforgeError('TF_ERR_CONFIG_PARSE', `${file}${line ? `:${line}` : ''}: not valid YAML: ${first.message.split('\n')[0]}. Fix the syntax at that line.`, { details: { file, line } });
  }
  const content = asObject(document.toJS() ?? {}, file);
  const includes = content.include;
  delete content.include;
  let merged: Plain = {};
  if (includes !== undefined) {
    const list = typeof includes === 'string' ? [includes] : includes;
    if (!Array.isArray(list) || list.some((item) => typeof item !== 'string')) {
      throw new TickforgeError('TF_ERR_CONFIG_INVALID', `${file}: key "include" must be a path or a list of paths.`, { details: { file, key: 'include' } });
    }
    for (const included of list as string[]) {
      const path = isAbsolute(included) ? included : resolve(dirname(file), included);
      merged = mergeInto(merged, readWithIncludes(path, [...stack, file], sources, origins), path, origins, false);
    }
  }
  sources.push(file);
  return mergeInto(merged, content, file, origins);
}

function asObject(value: unknown, where: string): Plain {
  if (!isPlain(value)) {
    throw new TickforgeError('TF_ERR_CONFIG_INVALID', `${where}: expected a mapping of keys to values at the top level.`, { details: { where } });
  }
  return value;
}

/** Deep-merges `overlay` into a copy of `base`; arrays and scalars replace. Records who set each leaf. */
function mergeInto(base: Plain, overlay: Plain, source: string, origins: Map<string, string>, record = true, prefix = ''): Plain {
  const result: Plain = { ...base };
  for (const [key, value] of Object.entries(overlay)) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    const existing = result[key];
    if (isPlain(value) && isPlain(existing)) {
      result[key] = mergeInto(existing, value, source, origins, record, path);
    } else {
      result[key] = value;
      if (record || !origins.has(path)) origins.set(path, source);
      if (isPlain(value)) recordLeaves(value, path, source, origins);
    }
  }
  return result;
}

function recordLeaves(value: Plain, prefix: string, source: string, origins: Map<string, string>): void {
  for (const [key, child] of Object.entries(value)) {
    const path = `${prefix}.${key}`;
    origins.set(path, source);
    if (isPlain(child)) recordLeaves(child, path, source, origins);
  }
}

function isPlain(value: unknown): value is Plain {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function setPath(target: Plain, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    if (!isPlain(node[key])) node[key] = {};
    node = node[key] as Plain;
  }
  node[keys[keys.length - 1]] = value;
}

function configError(error: z.ZodError, origins: Map<string, string>): TickforgeError {
  const lines = error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    const source = origins.get(path) ?? findParentOrigin(path, origins) ?? 'defaults';
    const unknownKeys = issue.code === 'unrecognized_keys' ? ` (${issue.keys.map((k) => `"${path ? `${path}.` : ''}${k}"`).join(', ')})` : '';
    return `${source}: key "${path || '(top level)'}"${unknownKeys}: ${issue.message}`;
  });
  return new TickforgeError('TF_ERR_CONFIG_INVALID', `Invalid configuration:\n  ${lines.join('\n  ')}\nFix these keys (see "Configuration" in the README for what is allowed).`, {
    details: { issues: error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message })) },
  });
}

function findParentOrigin(path: string, origins: Map<string, string>): string | undefined {
  for (const [key, source] of origins) if (key.startsWith(path === '' ? '' : `${path}.`)) return source;
  return undefined;
}
