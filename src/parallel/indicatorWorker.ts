import { move, transferableSymbol, valueSymbol } from 'piscina';
import { computeAll, resolvePlan, type PlanEntry } from '../indicators/computeAll.js';
import { packColumns, unpackBars, type PackedColumns, type PackedUniverse } from './packBars.js';

/**
 * Worker entry: computes a plan over a chunk of series. Receives them as one transferred
 * buffer and transfers the output columns' own buffers back: no copies of arrays of objects
 * (nor of the columns) cross the thread boundary. Imports only pure domains (DESIGN.md section 2).
 */
export interface IndicatorTask {
  universe: PackedUniverse;
  plan: PlanEntry[];
}

export default function computeChunk(task: IndicatorTask): PackedColumns {
  const plan = resolvePlan(task.plan);
  const results = unpackBars(task.universe).map((bars) => computeAll(bars, plan));
  const packed = packColumns(results, plan.columns, task.universe.lengths);
  // piscina's Transferable protocol: move the buffer, deliver the object around it.
  return move({ [transferableSymbol]: packed.buffers, [valueSymbol]: packed }) as unknown as PackedColumns;
}
