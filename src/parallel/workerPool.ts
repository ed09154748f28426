import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Piscina } from 'piscina';

/**
 * A pool of `threads` workers running the worker file `name` of this folder: `.js` in the built
 * package; `.ts` when running from source (tests, tsx), where workers need the same
 * TypeScript loader as this thread. `workerData` is copied to each worker once, at its start
 * (piscina's `workerData`): data every task of the pool shares.
 */
export function createWorkerPool(name: 'indicatorWorker' | 'scanWorker' | 'sweepWorker' | 'backtestWorker' | 'sarimaxWorker' | 'forecastWorker', threads: number, workerData?: unknown): Piscina {
  const here = fileURLToPath(import.meta.url);
  const fromSource = here.endsWith('.ts');
  const filename = pathToFileURL(join(dirname(here), `${name}.${fromSource ? 'ts' : 'js'}`)).href;
  const execArgv = fromSource ? ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href] : [];
  return new Piscina({ filename, minThreads: threads, maxThreads: threads, execArgv, idleTimeout: 1_000, workerData });
}
