import { workerData } from 'piscina';
import { fitSarimax } from '../forecast/arima/fitSarimax.js';
import type { CandidateScore, SarimaxCandidate } from '../forecast/arima/sarimaxOrderSearch.js';
import { scoreSarimaxCandidate } from '../forecast/arima/scoreSarimaxCandidate.js';
import type { CandidateContext } from '../forecast/arima/selectSarimaxOrder.js';

/**
 * Worker entry of parallel SARIMA order selection: fits one candidate and returns its score
 * (a few numbers, cloned back). The series, fit options and scoring rule arrive once per worker
 * as the pool's `workerData` (the Float64Array copied at the worker's start), not with every
 * task. Imports only pure domains (DESIGN.md section 2).
 */
export interface SarimaxTask {
  candidate: SarimaxCandidate;
}

const context = workerData as CandidateContext;

export default function scoreCandidate(task: SarimaxTask): CandidateScore {
  return scoreSarimaxCandidate(context.series, task.candidate, fitSarimax, context.fitOptions, context.scoring).score;
}
