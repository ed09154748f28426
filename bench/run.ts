import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildPackage } from './compiled.js';
import { printResult, writeResult, type Suite } from './harness.js';

/**
 * `npm run bench` runs every suite; `npm run bench -- csv store` runs the named ones.
 * Each suite module in bench/suites exports `run: Suite`.
 */
const here = dirname(fileURLToPath(import.meta.url));
const suitesDir = join(here, 'suites');
const available = readdirSync(suitesDir).filter((f) => f.endsWith('.ts')).map((f) => f.replace(/\.ts$/, '')).sort();
const requested = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = requested.filter((name) => !available.includes(name));
if (unknown.length > 0) {
  console.error(`Unknown bench suite(s): ${unknown.join(', ')}. Available: ${available.join(', ')}.`);
  process.exit(2);
}
const sharedCandidate = resolve(here, '..', '..', 'shared', 'data');
const sharedDataDir = existsSync(sharedCandidate) ? sharedCandidate : undefined;
if (sharedDataDir === undefined) console.log(`note: ${sharedCandidate} is absent; suites that need the shared market data will say so and skip.`);

buildPackage((line) => console.log(line));
for (const name of requested.length > 0 ? requested : available) {
  const module = (await import(join(suitesDir, `${name}.ts`))) as { run: Suite };
  const result = await module.run({ sharedDataDir, log: (line) => console.log(line) });
  printResult(result);
  console.log(`results written to ${writeResult(result)}`);
}
