import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Bars } from '../src/core/Bars.js';
import { readCsvBars } from '../src/data/csv/readCsvBars.js';
import { validateBars } from '../src/data/validate/validateBars.js';

/** ../shared/data beside the repository: present on developer machines and in CI, absent in a user's clone. */
export const sharedDataDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'shared', 'data');
export const sharedDataAvailable = existsSync(sharedDataDir);

/**
 * Call at the top of a test file that reads ../shared/data: logs why its tests skip when the
 * data is absent, and fails the run under CI=true, where the data must be there.
 */
export function requireSharedData(what: string): boolean {
  if (sharedDataAvailable) return true;
  if (process.env.CI === 'true') throw new Error(`${sharedDataDir} is absent; CI needs it for ${what}.`);
  console.log(`skipping ${what}: ${sharedDataDir} is absent`);
  return false;
}

/**
 * The series of a shared file, validated with invalid rows dropped (so a reference library
 * that cannot skip missing values sees the same bars), optionally only some symbols.
 */
export async function loadSharedBars(file: string, symbols?: readonly string[]): Promise<Bars[]> {
  const result = await readCsvBars(join(sharedDataDir, file));
  return result.tables
    .filter((table) => symbols === undefined || symbols.includes(table.symbol))
    .map((table) => validateBars(table, { onInvalid: 'drop', onDuplicate: 'last', onUnsorted: 'sort' }).bars);
}
