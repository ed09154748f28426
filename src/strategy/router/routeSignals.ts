import type { Signal } from '../Signal.js';
import { groupSteps } from './groupSteps.js';
import type { PositionClosed } from './RouterFeedback.js';
import type { RouterOptions } from './RouterOptions.js';
import type { RoutingResult } from './RoutingDecision.js';
import { SignalRouter } from './SignalRouter.js';

function compareReports(a: PositionClosed, b: PositionClosed): number {
  const text = (x = '', y = ''): number => (x < y ? -1 : x > y ? 1 : 0);
  return a.time - b.time || text(a.symbol, b.symbol) || text(a.strategy, b.strategy) || text(a.side, b.side) || (a.index ?? -1) - (b.index ?? -1) || a.pnl - b.pnl || (a.size ?? 1) - (b.size ?? 1);
}

/**
 * The batch form: routes whole signal lists (one per strategy and symbol, as `runStrategy`
 * returns them, in any order) merged by known-at time, step by step through one
 * `SignalRouter`. It equals feeding the same router each step's signals in turn.
 *
 * Without fills it assumes what the router assumes: every order fills in full at the next
 * open, and positions close only through exit signals (stops and take-profits are the
 * executor's, unseen here), so no loss is known and the cooldown never starts. To replay
 * known closes, pass them as `closedPositions`: each is reported just before the first step
 * known after its `time` (reports with an `orderId` are not meaningful here, since ids are
 * given as the routing goes).
 * @throws TF_ERR_CORE_ARGUMENT_INVALID on a bad option, TF_ERR_STRATEGY_ROUTER on a malformed signal or report
 */
export function routeSignals(signalLists: readonly (readonly Signal[])[], options: RouterOptions = {}, closedPositions: readonly PositionClosed[] = []): RoutingResult {
  const router = new SignalRouter(options);
  const reports = [...closedPositions].sort(compareReports);
  const result: RoutingResult = { orders: [], decisions: [] };
  let next = 0;
  for (const step of groupSteps(signalLists.flat(), router.options)) {
    while (next < reports.length && reports[next].time < step.time) router.onPositionClosed(reports[next++]);
    const routed = router.route(step.signals.map((item) => item.signal));
    result.orders.push(...routed.orders);
    result.decisions.push(...routed.decisions);
  }
  return result;
}
