import { availableParallelism } from 'node:os';
import type { Piscina } from 'piscina';
import { TickforgeError } from '../core/errors.js';
import type { CandidateScore } from '../forecast/arima/sarimaxOrderSearch.js';
import { selectSarimaxOrderWith, type CandidateContext, type SarimaxOrderSelection, type SarimaxOrderSelectionOptions } from '../forecast/arima/selectSarimaxOrder.js';
import type { SarimaxTask } from './sarimaxWorker.js';
import { createWorkerPool } from './workerPool.js';

export interface ParallelSarimaxOrderSelectionOptions extends SarimaxOrderSelectionOptions {
  /** Worker threads (default: every core); each fits one candidate at a time. */
  threads?: number;
}

/**
 * `selectSarimaxOrder` with each batch of candidates (a stepwise move's whole neighbourhood, or
 * the whole grid) fitted on `threads` worker threads. The series goes to each worker once; a
 * task is one candidate and returns its score. The scores come back in the candidates' order,
 * so the result (path, choice, every candidate's score) is the same whatever the thread count;
 * the chosen model is fitted once more on this thread for the result's `fit`.
 * @throws as `selectSarimaxOrder`; TF_ERR_CORE_ARGUMENT_INVALID for a bad thread count
 */
export async function selectSarimaxOrderInParallel(series: ArrayLike<number>, options: ParallelSarimaxOrderSelectionOptions = {}): Promise<SarimaxOrderSelection> {
  const { threads: requested, ...selection } = options;
  const threads = requested ?? availableParallelism();
  if (!Number.isInteger(threads) || threads < 1) {
    throw new TickforgeError('TF_ERR_CORE_ARGUMENT_INVALID', `SARIMAX order selection threads must be a whole number >= 1, got ${threads}; use selectSarimaxOrder to stay on this thread.`, {
      details: { option: 'threads', value: threads },
    });
  }
  let pool: Piscina | undefined;
  try {
    return await selectSarimaxOrderWith(series, selection, async (batch, context: CandidateContext) => {
      // Started at the first batch, once the series has passed the selection's checks.
      pool ??= createWorkerPool('sarimaxWorker', threads, context);
      const running = pool;
      return Promise.all(batch.map((candidate) => running.run({ candidate } satisfies SarimaxTask) as Promise<CandidateScore>));
    });
  } finally {
    await pool?.destroy();
  }
}
