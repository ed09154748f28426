import type { Order } from '../../src/strategy/router/Order.js';
import type { RoutingDecision } from '../../src/strategy/router/RoutingDecision.js';
import type { Signal, SignalFields } from '../../src/strategy/Signal.js';

export const HOUR = 3_600_000;
export const START = Date.UTC(2024, 0, 1);

/** Open time of hourly bar `index`. */
export function barTime(index: number): number {
  return START + index * HOUR;
}

/** When hourly bar `index` closes: the known-at time of its signals with `timeframe: '1h'`. */
export function closeOf(index: number): number {
  return START + (index + 1) * HOUR;
}

/** A signal on hourly bar `index`; the reason names it so that tests can read decisions. */
export function signal(strategy: string, symbol: string, index: number, kind: 'entry' | 'exit', side: 'long' | 'short', extra: Partial<SignalFields> = {}): Signal {
  return { strategy, symbol, index, time: barTime(index), kind, side, reason: `${strategy} ${kind} ${side} at ${index}`, ...extra };
}

/** An order in one line: `id symbol[/book] intent size owner`. */
export function brief(order: Order): string {
  return `${order.id} ${order.symbol}${order.book === undefined ? '' : `/${order.book}`} ${order.intent} ${Number(order.size.toPrecision(9))} ${order.owner}`;
}

/** A decision in one line: `strategy symbol index kind side -> status rule [order ids]`. */
export function verdict(decision: RoutingDecision): string {
  const { signal: s } = decision;
  return `${s.strategy} ${s.symbol} ${s.index} ${s.kind} ${s.side} -> ${decision.status} ${decision.rule} [${decision.orderIds.join(',')}]`;
}
