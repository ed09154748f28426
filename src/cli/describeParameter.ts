import type { ParameterDefinition } from '../indicators/registry/IndicatorDefinition.js';

/** `period=14 [2..100000]` or `type=sma (sma|ema)`: a parameter as the --list tables show it. */
export function describeParameter(parameter: ParameterDefinition): string {
  return parameter.kind === 'choice' ? `${parameter.name}=${parameter.default} (${parameter.choices.join('|')})` : `${parameter.name}=${parameter.default} [${parameter.min}..${parameter.max}]`;
}
