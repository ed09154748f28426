import type { InputName, ComputeContext } from './IndicatorDefinition.js';
import { movingAverage, type MovingAverageType } from '../trend/movingAverage.js';

/**
 * The `context.shared` key of `movingAverage(input, period, type)`: the same key as the `sma`,
 * `ema`, `wma`, ... registry entries use, so `ma type=ema period=12`, `ema period=12` and
 * MACD's fast EMA are one computation. Period 1 is the input itself for every type (as in
 * TA-Lib's MA), computed as SMA(1), hence one key.
 */
export function movingAverageKey(input: InputName, period: number, type: MovingAverageType): string {
  if (period === 1) return `sma:${input}:1`;
  if (type === 'ema') return `ema:${input}:${period}:seed-sma`;
  if (type === 't3') return `t3:${input}:${period}:vfactor-0.7`;
  return `${type}:${input}:${period}`;
}

/** `movingAverage` of an input column, computed once per run and shared. */
export function sharedMovingAverage(context: ComputeContext, input: InputName, period: number, type: MovingAverageType): Float64Array {
  return context.shared(movingAverageKey(input, period, type), () => movingAverage(context.input(input), period, type));
}
