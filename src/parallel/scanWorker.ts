import { prepareScanStrategies, scanSeries, type ScanRequest, type SeriesScan } from './scanSeries.js';
import { unpackBars, type PackedUniverse } from './packBars.js';

/**
 * Worker entry: scans a chunk of series (structure, patterns, strategies). The bars arrive as
 * one transferred buffer; what goes back is small (signals and events, not columns), so it is
 * cloned. Imports only pure domains (DESIGN.md section 2).
 */
export interface ScanTask {
  universe: PackedUniverse;
  request: ScanRequest;
}

export default function scanChunk(task: ScanTask): SeriesScan[] {
  const strategies = prepareScanStrategies(task.request);
  return unpackBars(task.universe).map((bars) => scanSeries(bars, task.request, strategies));
}
