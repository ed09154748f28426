import { move, transferableSymbol, valueSymbol } from 'piscina';
import { computeAll, resolvePlan, type PlanEntry } from '../indicators/computeAll.js';
import { packColumns, unpackBars, type PackedBars, type PackedColumns } from './packBars.js';

/**
 * Worker entry: computes a plan over one series. Receives the series as one transferred
 * buffer and transfers its output columns back in one buffer: no copies of arrays of
 * objects cross the thread boundary. Imports only pure domains (DESIGN.md section 2).
 */
export interface IndicatorTask {
  bars: PackedBars;
  plan: PlanEntry[];
}

export default function computeSeries(task: IndicatorTask): PackedColumns {
  const bars = unpackBars(task.bars);
  const packed = packColumns(computeAll(bars, resolvePlan(task.plan)), bars.length);
  // piscina's Transferable protocol: move the buffer, deliver the object around it.
  return move({ [transferableSymbol]: packed.buffer, [valueSymbol]: packed }) as unknown as PackedColumns;
}
