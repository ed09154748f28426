import type { ComputeContext } from '../registry/IndicatorDefinition.js';
import { atr } from './atr.js';
import { trange } from './trange.js';

/**
 * The true range of the run's bars, computed once per `computeAll` run under the key
 * `trange` and shared by every indicator that needs the array (TRANGE itself, Keltner...).
 */
export function sharedTrueRange(context: ComputeContext): Float64Array {
  return context.shared('trange', () => trange(context.input('high'), context.input('low'), context.input('close')));
}

/**
 * The TA-Lib ATR of the run's bars for `period`, computed once under `atr:<period>` and shared
 * by ATR, NATR and any indicator built on it. ATR's fused loop recomputes the true range on the
 * fly, which is faster than reading a shared true-range array back.
 */
export function sharedAverageTrueRange(context: ComputeContext, period: number): Float64Array {
  return context.shared(`atr:${period}`, () => atr(context.input('high'), context.input('low'), context.input('close'), period));
}
