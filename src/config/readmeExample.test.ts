import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { configSchema } from './configSchema.js';

const readme = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');

describe('README configuration example', () => {
  it('is a valid tickforge.yaml (the file and environment keys aside) whose values are the defaults it claims', () => {
    const section = readme.slice(readme.indexOf('## Configuration'));
    const block = /```yaml\n([\s\S]*?)```/.exec(section)?.[1];
    expect(block, 'the yaml block under ## Configuration').toBeDefined();
    const { include: _include, environments, ...settings } = parse(block!) as Record<string, unknown>;
    expect(environments).toBeTypeOf('object');
    const parsed = configSchema.parse(settings);
    const defaults = configSchema.parse({});
    // Every value the example shows is the default, except the Redis URL it illustrates.
    expect({ ...parsed, redis: {} }).toEqual({ ...defaults, redis: {} });
  });
});
