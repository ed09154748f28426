import { TickforgeError } from '../../core/errors.js';
import type { Signal } from '../Signal.js';
import { groupSteps } from './groupSteps.js';
import type { OrderFill, PositionClosed } from './RouterFeedback.js';
import { resolveRouterOptions, type ResolvedRouterOptions, type RouterOptions } from './RouterOptions.js';
import type { RouterPosition } from './RouterPosition.js';
import { RouterState } from './RouterState.js';
import type { RoutingResult } from './RoutingDecision.js';
import { routeNettedStep } from './routeNettedStep.js';
import { routeOwnedStep } from './routeOwnedStep.js';
import { StepRecorder } from './StepRecorder.js';

/**
 * Turns the signals of several strategies and symbols into orders, step by step in known-at
 * time (the incremental form the paper trader and the simulator drive):
 *
 * 1. signals are checked, put in the total order of `compareRoutedSignals` and grouped by
 *    known-at time; each step is routed once, in time order;
 * 2. duplicates (same strategy, symbol, bar index, kind and side) are dropped, the first kept;
 * 3. exits close positions (only the owner's in `priority` mode); entries meet the cooldown and
 *    `allowShort`, then the conflict rule, then `maxOpenPositions` and the exposure limits;
 * 4. every signal gets one `RoutingDecision`; accepted ones make `Order`s with ids in sequence.
 *
 * The router counts an order as filled at the next open when it emits it. Executors correct
 * that with `onFill` (a shortfall) and tell it about closes it did not order, and about losses,
 * with `onPositionClosed`; call both before routing the next step. Same options, same steps,
 * same feedback: same orders, in the same order, with the same ids.
 */
export class SignalRouter {
  readonly options: ResolvedRouterOptions;
  private readonly state: RouterState;
  private lastTime = -Infinity;

  /** @throws TF_ERR_CORE_ARGUMENT_INVALID naming the option */
  constructor(options: RouterOptions = {}) {
    this.options = resolveRouterOptions(options);
    this.state = new RouterState(this.options);
  }

  /**
   * Routes the signals of one time step (or of several, in time order): every signal must be
   * known strictly after the last step routed so far.
   * @throws TF_ERR_STRATEGY_ROUTER on a malformed signal or a step at or before one already routed
   */
  route(signals: readonly Signal[]): RoutingResult {
    const steps = groupSteps(signals, this.options);
    if (steps.length > 0 && steps[0].time <= this.lastTime) {
      const late = steps[0].signals[0].signal;
      throw new TickforgeError(
        'TF_ERR_STRATEGY_ROUTER',
        `Signal of ${late.strategy} on ${late.symbol} at bar ${late.index} is known at ${steps[0].time}, not after the step already routed at ${this.lastTime}; route each time step once, with all its signals, in time order.`,
        { details: { strategy: late.strategy, symbol: late.symbol, index: late.index, knownAt: steps[0].time, lastStep: this.lastTime } },
      );
    }
    const result: RoutingResult = { orders: [], decisions: [] };
    for (const step of steps) {
      const recorder = new StepRecorder(step, this.state, this.options);
      if (this.options.conflictRule === 'netting') routeNettedStep(recorder);
      else routeOwnedStep(recorder);
      result.orders.push(...recorder.orders);
      result.decisions.push(...recorder.result());
      this.lastTime = step.time;
    }
    return result;
  }

  /** The known-at time of a signal under these options: the step it will be routed in. */
  knownAt(signal: Signal): number {
    return this.options.knownAt(signal);
  }

  /** The time of the last step routed; -Infinity before the first. */
  get lastStepTime(): number {
    return this.lastTime;
  }

  /**
   * Reports how much of an order filled. A shortfall undoes the unfilled part: an open that did
   * not fill frees its exposure (and its position slot), a close that did not fill keeps the
   * position open. Each order is reported at most once.
   * @throws TF_ERR_STRATEGY_ROUTER on an unknown or already reported order id
   */
  onFill(fill: OrderFill): void {
    this.state.fill(fill);
  }

  /**
   * Reports a closed trade. Without `orderId` (a stop, take-profit, trailing stop or liquidation
   * the router did not order) it reduces the position by `size`; a negative `pnl` starts the
   * symbol's cooldown either way.
   * @throws TF_ERR_STRATEGY_ROUTER on a malformed report, a books-mode report without strategy, or a loss without index when cooldownBars is set
   */
  onPositionClosed(closed: PositionClosed): void {
    this.state.closed(closed);
  }

  /** The open positions as the router accounts them, by symbol then book. */
  positions(): RouterPosition[] {
    return this.state.snapshot();
  }

  /** Open exposure over all symbols, as a fraction of equity. */
  get totalExposure(): number {
    return this.state.totalExposure;
  }

  /** Open exposure on one symbol (all books), as a fraction of equity. */
  exposure(symbol: string): number {
    return this.state.symbolExposure(symbol);
  }
}
