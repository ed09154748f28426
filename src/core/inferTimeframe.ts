import { Timeframe } from './Timeframe.js';

/**
 * The most common positive difference between consecutive times, counted over one series or
 * over several (one per symbol: differences are never taken across two series). Ties go to
 * the smaller step. Undefined when no series has two increasing times.
 */
export function mostCommonTimeStep(times: Float64Array | readonly Float64Array[]): number | undefined {
  const series = times instanceof Float64Array ? [times] : times;
  // Steps come in runs (1d, 1d, 1d, 3d over a weekend, ...), so the map is touched once per run.
  const counts = new Map<number, number>();
  let runStep = NaN;
  let runLength = 0;
  const flush = () => {
    if (runLength > 0) counts.set(runStep, (counts.get(runStep) ?? 0) + runLength);
  };
  for (const column of series) {
    for (let i = 1; i < column.length; i++) {
      const step = column[i] - column[i - 1];
      // Unsorted or duplicated rows give zero or negative steps; the validator reports those.
      if (!(step > 0)) continue;
      if (step === runStep) {
        runLength++;
      } else {
        flush();
        runStep = step;
        runLength = 1;
      }
    }
  }
  flush();
  let best: number | undefined;
  let bestCount = 0;
  for (const [step, count] of counts) {
    if (count > bestCount || (count === bestCount && best !== undefined && step < best)) {
      best = step;
      bestCount = count;
    }
  }
  return best;
}

/**
 * The timeframe whose duration is the most common step between consecutive times: gaps,
 * weekends and holidays are outvoted by the regular spacing. Undefined when there is no step
 * or the step is not a supported timeframe (a monthly series, say).
 */
export function inferTimeframe(times: Float64Array | readonly Float64Array[]): Timeframe | undefined {
  const step = mostCommonTimeStep(times);
  return step === undefined ? undefined : Timeframe.fromMilliseconds(step);
}
