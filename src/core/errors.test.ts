import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { errorDefinitions, isTickforgeError, TickforgeError, type ErrorCode } from './errors.js';

const docs = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'docs', 'errors.md'), 'utf8');
const documented = new Map(
  [...docs.matchAll(/^\| `(TF_ERR_[A-Z_]+)` \| (\d+) \| (\d) \| (retried)? \| (.+) \|$/gm)].map((m) => [
    m[1],
    { status: Number(m[2]), exitCode: Number(m[3]), ...(m[4] === undefined ? {} : { transient: true }), summary: m[5] },
  ]),
);

describe('error registry', () => {
  it('every code follows TF_ERR_<AREA>_<WHAT> and is documented in docs/errors.md with its status and exit code', () => {
    for (const [code, definition] of Object.entries(errorDefinitions)) {
      expect(code).toMatch(/^TF_ERR_[A-Z]+_[A-Z_]+$/);
      expect(documented.get(code), `${code} missing from docs/errors.md`).toEqual(definition);
    }
  });

  it('docs/errors.md lists no code the registry lacks', () => {
    expect([...documented.keys()].filter((code) => !(code in errorDefinitions))).toEqual([]);
  });

  it('an error carries its code, status, exit code, details and cause', () => {
    const cause = new Error('disk full');
    const error = new TickforgeError('TF_ERR_STORE_WRITE', 'Writing AAPL 1d failed; retry.', { cause, details: { symbol: 'AAPL' } });
    expect(error).toBeInstanceOf(Error);
    expect(isTickforgeError(error, 'TF_ERR_STORE_WRITE')).toBe(true);
    expect(isTickforgeError(error, 'TF_ERR_STORE_OPEN' as ErrorCode)).toBe(false);
    expect(error.status).toBe(500);
    expect(error.exitCode).toBe(1);
    expect(error.cause).toBe(cause);
    expect(error.toJSON()).toEqual({ code: 'TF_ERR_STORE_WRITE', message: 'Writing AAPL 1d failed; retry.', status: 500, details: { symbol: 'AAPL' } });
  });
});
