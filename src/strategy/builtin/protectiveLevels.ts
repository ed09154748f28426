import type { SignalFields, SignalSide } from '../Signal.js';
import { compareLevels } from './compareLevels.js';

export interface ProtectiveLevels {
  stopLoss?: number;
  takeProfit?: number;
  trailingStop?: number;
}

/**
 * The stop, target and trailing distance of an entry, keeping only those that make sense at
 * the entry bar's close: a stop strictly on the losing side (below the close for a long,
 * above for a short) and above zero, a take-profit strictly on the winning side, a trailing
 * distance above zero; NaN (an ATR still warming up) counts as absent. A level that fails is
 * left out rather than emitted, because `SignalCollector` rejects a stop on the wrong side
 * and a level at the close would be hit at once. "Strictly" uses `compareLevels`, so a stop
 * that equals the close up to rounding is dropped by both forms of a strategy alike.
 */
export function protectiveLevels(side: SignalSide, close: number, levels: ProtectiveLevels): Pick<SignalFields, 'stopLoss' | 'takeProfit' | 'trailingStop'> {
  const losing = side === 'long' ? -1 : 1;
  const result: Pick<SignalFields, 'stopLoss' | 'takeProfit' | 'trailingStop'> = {};
  const { stopLoss, takeProfit, trailingStop } = levels;
  if (stopLoss !== undefined && stopLoss > 0 && compareLevels(stopLoss, close) === losing) result.stopLoss = stopLoss;
  if (takeProfit !== undefined && takeProfit > 0 && compareLevels(takeProfit, close) === -losing) result.takeProfit = takeProfit;
  if (trailingStop !== undefined && trailingStop > 0 && Number.isFinite(trailingStop)) result.trailingStop = trailingStop;
  return result;
}
