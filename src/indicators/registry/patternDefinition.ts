import { PatternStream } from '../patterns/PatternStream.js';
import type { ComputeContext, IndicatorDefinition, ParameterDefinition } from './IndicatorDefinition.js';

type Pattern = (open: Float64Array, high: Float64Array, low: Float64Array, close: Float64Array, out?: Float64Array) => Float64Array;
type PenetrationPattern = (open: Float64Array, high: Float64Array, low: Float64Array, close: Float64Array, penetration: number, out?: Float64Array) => Float64Array;

function candles(context: ComputeContext) {
  return [context.input('open'), context.input('high'), context.input('low'), context.input('close')] as const;
}

/** A registry entry for a pattern without parameters: TA-Lib's name in lower case, one output of that name. */
export function patternDefinition(name: string, title: string, lookback: () => number, pattern: Pattern): IndicatorDefinition {
  return {
    name,
    title,
    group: 'pattern',
    inputs: ['open', 'high', 'low', 'close'],
    parameters: [],
    outputs: [name],
    lookback: () => lookback(),
    compute: (context) => [pattern(...candles(context))],
    createStream: () => new PatternStream(lookback(), (open, high, low, close, out) => pattern(open, high, low, close, out)),
  };
}

/** A registry entry for a pattern with TA-Lib's optInPenetration. */
export function penetrationPatternDefinition(
  name: string,
  title: string,
  lookback: (penetration: number) => number,
  pattern: PenetrationPattern,
  penetration: Omit<ParameterDefinition & { kind: 'number' }, 'name' | 'kind' | 'min' | 'max'>,
): IndicatorDefinition {
  return {
    name,
    title,
    group: 'pattern',
    inputs: ['open', 'high', 'low', 'close'],
    parameters: [{ name: 'penetration', kind: 'number', min: 0, max: 1, ...penetration }],
    outputs: [name],
    lookback: (parameters) => lookback(parameters.penetration as number),
    compute: (context, parameters) => [pattern(...candles(context), parameters.penetration as number)],
    createStream: (parameters) => {
      const value = parameters.penetration as number;
      return new PatternStream(lookback(value), (open, high, low, close, out) => pattern(open, high, low, close, value, out));
    },
  };
}
