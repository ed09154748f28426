import { TickforgeError } from '../../core/errors.js';

/**
 * Checks a relation between two parameters that their ranges alone cannot express (a fast
 * period below the slow one, oversold below overbought). Strategies call it from
 * `indicators(parameters)`, which both runners call right after validating each parameter,
 * so a bad pair fails before any work, like a value out of range.
 * @throws TF_ERR_STRATEGY_PARAMETER naming the strategy, both parameters and their values.
 */
export function requireParameterOrder(strategy: string, lowerName: string, lower: number, upperName: string, upper: number): void {
  if (lower < upper) return;
  throw new TickforgeError('TF_ERR_STRATEGY_PARAMETER', `${strategy}: ${lowerName} (${lower}) must be below ${upperName} (${upper}); change one of them.`, {
    details: { owner: strategy, parameter: lowerName, value: lower, other: upperName, otherValue: upper },
  });
}
