import { describe, expect, it } from 'vitest';
import { TickforgeError, isTransientError } from '../../core/index.js';
import { isConnectionLost, translateConnectionError } from './postgresErrors.js';

const url = 'postgres://tick:***@db.example.com:5432/market';

/** Errors shaped as Node's net/dns layer and pg produce them (code on an Error). */
function failure(message: string, code?: string): Error {
  return Object.assign(new Error(message), code === undefined ? {} : { code });
}

describe('translateConnectionError', () => {
  it('calls a host that does not resolve or answer unreachable, naming the URL', () => {
    for (const [message, code] of [
      ['getaddrinfo ENOTFOUND db.example.com', 'ENOTFOUND'],
      ['getaddrinfo EAI_AGAIN db.example.com', 'EAI_AGAIN'],
      ['connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'],
      ['connect EHOSTUNREACH 10.0.0.1:5432', 'EHOSTUNREACH'],
      ['Connection terminated due to connection timeout', undefined],
      ['the database system is starting up', '57P03'],
    ] as const) {
      const error = translateConnectionError(failure(message, code), { url, operation: 'opening the store', connecting: true });
      expect(error?.code, message).toBe('TF_ERR_STORE_UNREACHABLE');
      expect(error?.message).toContain(url);
      expect(isTransientError(error)).toBe(true);
    }
  });

  it('tells a dropped session from a statement error', () => {
    for (const [message, code] of [
      ['terminating connection due to administrator command', '57P01'],
      ['Connection terminated unexpectedly', undefined],
      ['read ECONNRESET', 'ECONNRESET'],
      ['server closed the connection unexpectedly', '08006'],
    ] as const) {
      const error = failure(message, code);
      expect(isConnectionLost(error), message).toBe(true);
      expect(translateConnectionError(error, { url, operation: 'writing X 1d', connecting: false })?.code).toBe('TF_ERR_STORE_CONNECTION_LOST');
      // The same drop while connecting means nobody usable answers there.
      expect(translateConnectionError(error, { url, operation: 'opening the store', connecting: true })?.code).toBe('TF_ERR_STORE_UNREACHABLE');
    }
    const statement = failure('duplicate key value violates unique constraint', '23505');
    expect(isConnectionLost(statement)).toBe(false);
    expect(translateConnectionError(statement, { url, operation: 'writing', connecting: false })).toBeUndefined();
  });

  it('maps the login SQLSTATEs and passes tickforge errors through', () => {
    const context = { url, operation: 'opening the store', connecting: true };
    expect(translateConnectionError(failure('password authentication failed for user "tick"', '28P01'), context)?.code).toBe('TF_ERR_STORE_AUTH');
    expect(translateConnectionError(failure('role "x" does not exist', '28000'), context)?.code).toBe('TF_ERR_STORE_AUTH');
    expect(translateConnectionError(failure('database "m" does not exist', '3D000'), context)?.code).toBe('TF_ERR_STORE_DATABASE_MISSING');
    const own = new TickforgeError('TF_ERR_STORE_MIGRATION', 'newer');
    expect(translateConnectionError(own, context)).toBe(own);
  });
});
