import type { SimulationState } from './SimulationState.js';

/** The per-step series of a run. */
export interface SimulationCurves {
  equity: Float64Array;
  exposure: Float64Array;
  cash: Float64Array;
}

/**
 * The per-step curves of a finished run, rebuilt from its cash checkpoints and its fills (each
 * fill's step and the position after it) with the arithmetic of the run's own mark (`mark` in
 * closePhase.ts): at every step, cash plus the sum, slot by slot in slot order, of the position
 * times its symbol's last close. The values are therefore the very numbers the run marked.
 *
 * Why rebuild instead of record: a long run spends most of its bars with nothing to do, and
 * writing three curves at each of them (and faulting in their fresh pages) cost more than
 * everything else the run did. The run now records only what changes, and the curves cost their
 * price once, when a caller first reads them (a sweep that ranks by trades never does).
 */
export function rebuildCurves(state: SimulationState, clock: Float64Array): SimulationCurves {
  const steps = clock.length;
  const equity = new Float64Array(steps);
  const exposure = new Float64Array(steps);
  const cash = new Float64Array(steps);
  const slotCount = state.positions.slotCount;
  const slotSymbol = state.positions.slotSymbol;
  const quantity = new Float64Array(slotCount);
  // Per symbol, the first bar after the step being rebuilt: its last close is at the bar before.
  const cursor = new Int32Array(state.symbolCount);
  const fills = state.fills;
  const fillCount = fills.count;
  const fillStep = fills.step.data;
  const fillSlot = fills.slot.data;
  const positionAfter = fills.positionAfter.data;
  const checkpoints = state.cashCheckpoints;
  const checkpointCount = checkpoints.count;
  const checkpointStep = checkpoints.step.data;
  const checkpointCash = checkpoints.cash.data;
  let money = state.options.initialCash;
  let row = 0;
  let checkpoint = 0;
  for (let t = 0; t < steps; t++) {
    while (checkpoint < checkpointCount && checkpointStep[checkpoint] === t) money = checkpointCash[checkpoint++];
    while (row < fillCount && fillStep[row] === t) {
      quantity[fillSlot[row]] = positionAfter[row];
      row++;
    }
    const time = clock[t];
    let value = 0;
    let gross = 0;
    for (let slot = 0; slot < slotCount; slot++) {
      const q = quantity[slot];
      if (q === 0) continue;
      const s = slotSymbol[slot];
      const times = state.time[s];
      const count = times.length;
      let k = cursor[s];
      while (k < count && times[k] <= time) k++;
      cursor[s] = k;
      const v = q * state.close[s][k - 1];
      value += v;
      gross += v < 0 ? -v : v;
    }
    const marked = money + value;
    equity[t] = marked;
    cash[t] = money;
    exposure[t] = marked > 0 ? gross / marked : gross > 0 ? Infinity : 0;
  }
  return { equity, exposure, cash };
}
