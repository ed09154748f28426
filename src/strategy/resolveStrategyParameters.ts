import type { ParameterValues } from '../indicators/registry/IndicatorDefinition.js';
import { resolveParameters } from '../indicators/registry/resolveParameters.js';
import type { Strategy } from './Strategy.js';

/**
 * Fills a strategy's defaults and validates every parameter before any work.
 * @throws TF_ERR_STRATEGY_PARAMETER naming the strategy, the parameter and its allowed range.
 */
export function resolveStrategyParameters(strategy: Strategy, given: Record<string, number | string> = {}): ParameterValues {
  return resolveParameters(strategy, given, 'TF_ERR_STRATEGY_PARAMETER');
}
