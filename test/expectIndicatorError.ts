import { expect } from 'vitest';
import { isTickforgeError, type ErrorCode } from '../src/core/errors.js';

/** Asserts that `run` throws the TickforgeError `code` with a message containing `fragment`. */
export function expectIndicatorError(run: () => unknown, code: ErrorCode, fragment: string): void {
  let thrown: unknown;
  try {
    run();
  } catch (error) {
    thrown = error;
  }
  expect(isTickforgeError(thrown, code), `expected ${code}, got ${String(thrown)}`).toBe(true);
  expect((thrown as Error).message).toContain(fragment);
}
