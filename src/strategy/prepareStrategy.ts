import type { ParameterValues } from '../indicators/registry/IndicatorDefinition.js';
import { resolvePlan, type ResolvedPlan } from '../indicators/computeAll.js';
import { resolveStrategyParameters } from './resolveStrategyParameters.js';
import type { Strategy } from './Strategy.js';

/**
 * A strategy with its parameters validated and its indicator plan resolved, ready to run over
 * many series: a universe scan or a sweep's grid point runs the same strategy hundreds of
 * times, and validating and resolving each time cost as much as a short series' whole run.
 * Immutable once built, except for the higher plan, resolved on first use (only a strategy
 * that declares a higher timeframe for the series' timeframe needs it).
 */
export class PreparedStrategy {
  readonly parameters: ParameterValues;
  readonly plan: ResolvedPlan;
  private higher: ResolvedPlan | undefined;

  /** @throws TF_ERR_STRATEGY_PARAMETER (and the plan's errors), as `runStrategy` does before any work. */
  constructor(
    readonly strategy: Strategy,
    parameters: Record<string, number | string> = {},
  ) {
    this.parameters = resolveStrategyParameters(strategy, parameters);
    this.plan = resolvePlan(strategy.indicators(this.parameters));
  }

  /** The resolved plan of `strategy.higherIndicators`. */
  get higherPlan(): ResolvedPlan {
    return (this.higher ??= resolvePlan(this.strategy.higherIndicators?.(this.parameters) ?? []));
  }
}

/** `new PreparedStrategy(strategy, parameters)`. */
export function prepareStrategy(strategy: Strategy, parameters: Record<string, number | string> = {}): PreparedStrategy {
  return new PreparedStrategy(strategy, parameters);
}
