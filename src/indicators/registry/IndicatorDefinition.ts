import type { StreamingIndicator } from '../StreamingIndicator.js';

export type InputName = 'time' | 'open' | 'high' | 'low' | 'close' | 'volume';
export type IndicatorGroup = 'trend' | 'momentum' | 'volatility' | 'volume' | 'rolling' | 'pattern';

/** A numeric parameter (periods, factors) or a choice (MA type, seeding). */
export type ParameterDefinition =
  | { name: string; kind: 'integer' | 'number'; default: number; min: number; max: number; description: string }
  | { name: string; kind: 'choice'; default: string; choices: readonly string[]; description: string };

export type ParameterValues = Record<string, number | string>;

/**
 * What `computeAll` gives an indicator: its inputs, and a memo of intermediates shared by
 * every indicator of one run over one series (one EMA(12) of close for MACD and EMA(12); one
 * true range for ATR, NATR, ADX, Keltner...). Keys name the computation exactly, including
 * anything that changes its values (e.g. `ema:close:12:seed-sma`).
 */
export interface ComputeContext {
  readonly length: number;
  input(name: InputName): Float64Array;
  shared(key: string, compute: () => Float64Array): Float64Array;
}

/**
 * One registry entry: everything the CLI, `computeAll`, the docs and the universe runner need
 * to know about an indicator or pattern, and the functions that compute it.
 */
export interface IndicatorDefinition {
  /** The code users type (`sma`, `bbands`, `cdlengulfing`), lower case. */
  name: string;
  title: string;
  group: IndicatorGroup;
  inputs: readonly InputName[];
  parameters: readonly ParameterDefinition[];
  /** Output column names, in the order `compute` returns them. */
  outputs: readonly string[];
  /** Leading bars without a value (TA-Lib's lookback). Parameters are already validated. */
  lookback(parameters: ParameterValues): number;
  /** The batch outputs for validated parameters, in `outputs` order, each of the input's length. */
  compute(context: ComputeContext, parameters: ParameterValues): Float64Array[];
  /** The streaming form, fed with `inputs` in order: `stream.update(...values)`. */
  createStream?(parameters: ParameterValues): StreamingIndicator;
}

/** Shorthand for a whole-number period parameter. */
export function periodParameter(name: string, defaultValue: number, description: string, min = 2, max = 100_000): ParameterDefinition {
  return { name, kind: 'integer', default: defaultValue, min, max, description };
}
