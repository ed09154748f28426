import type { BarWindow, SweepSettings } from '../backtest/sweep/evaluatePoint.js';
import type { ParameterPoint } from '../backtest/sweep/parameterSpace.js';
import { runSweep, type SweepPointResult } from '../backtest/sweep/runSweep.js';
import { findStrategy } from '../strategy/strategyRegistry.js';
import { unpackBars, type PackedUniverse } from './packBars.js';

/**
 * Worker entry: evaluates a contiguous chunk of a sweep's points (neighbours in a grid share
 * most indicators, which the chunk's memo computes once). The series arrive as one transferred
 * buffer; what goes back is small (metrics per point), so it is cloned. The strategy goes by
 * its registry name. Imports only pure domains (DESIGN.md section 2).
 */
export interface SweepTask {
  strategy: string;
  universe: PackedUniverse;
  points: ParameterPoint[];
  settings: SweepSettings;
  window?: BarWindow;
  firstIndex: number;
}

export default function sweepChunk(task: SweepTask): SweepPointResult[] {
  return runSweep(findStrategy(task.strategy), unpackBars(task.universe), task.points, { ...task.settings, window: task.window, firstIndex: task.firstIndex });
}
