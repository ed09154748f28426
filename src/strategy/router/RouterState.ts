import { TickforgeError } from '../../core/errors.js';
import type { Order } from './Order.js';
import type { OrderFill, PositionClosed } from './RouterFeedback.js';
import type { RouterPosition } from './RouterPosition.js';
import type { ResolvedRouterOptions } from './RouterOptions.js';

/** Exposure below this is dust: a position that small is closed, a room that small is none. */
export const EXPOSURE_EPSILON = 1e-9;

interface OrderRecord {
  key: string;
  position: Omit<RouterPosition, 'exposure'>;
  opens: boolean;
  /** Exposure the order added (open) or freed (close). */
  exposure: number;
  /** The step it was routed at: it cannot fill earlier. */
  time: number;
}

function routerError(message: string, details: Record<string, unknown>): never {
  throw new TickforgeError('TF_ERR_STRATEGY_ROUTER', message, { details });
}

/**
 * What the router believes is open: positions by key (the symbol, or symbol and strategy in
 * `books` mode), exposure per symbol and in total, the latest loss per symbol, and the orders
 * it emitted (so that fills can correct it). It counts an order as filled when it emits it.
 */
export class RouterState {
  readonly positions = new Map<string, RouterPosition>();
  totalExposure = 0;
  private readonly symbolExposures = new Map<string, number>();
  /** Open positions per symbol (several in `books` mode). */
  private readonly symbolPositions = new Map<string, number>();
  private readonly lossTimes = new Map<string, number>();
  private readonly lossIndexes = new Map<string, number>();
  private readonly records = new Map<number, OrderRecord>();
  private nextOrderId = 1;

  constructor(private readonly options: ResolvedRouterOptions) {}

  get books(): boolean {
    return this.options.conflictRule === 'books';
  }

  keyOf(symbol: string, strategy: string): string {
    return this.books ? `${symbol}\u0000${strategy}` : symbol;
  }

  symbolExposure(symbol: string): number {
    return this.symbolExposures.get(symbol) ?? 0;
  }

  /** Which cooldown, if any, blocks an entry on `symbol` at bar `index` known at `knownAt`. */
  cooldown(symbol: string, knownAt: number, index: number): string | undefined {
    const { cooldownBars, cooldownMs } = this.options;
    const lossTime = this.lossTimes.get(symbol);
    if (cooldownMs > 0 && lossTime !== undefined && lossTime <= knownAt && knownAt < lossTime + cooldownMs) {
      return `${symbol} is cooling down for ${cooldownMs} ms after a losing trade closed at ${lossTime}`;
    }
    const lossIndex = this.lossIndexes.get(symbol);
    if (cooldownBars > 0 && lossIndex !== undefined && lossIndex <= index && index < lossIndex + cooldownBars) {
      return `${symbol} is cooling down for ${cooldownBars} bars after a losing trade closed at bar ${lossIndex}`;
    }
    return undefined;
  }

  /** Opens the position at `key`, or adds to it when it is open on the same side. */
  add(key: string, position: Omit<RouterPosition, 'exposure'>, exposure: number): void {
    const current = this.positions.get(key);
    if (current === undefined) {
      this.positions.set(key, { ...position, exposure });
      this.symbolPositions.set(position.symbol, (this.symbolPositions.get(position.symbol) ?? 0) + 1);
    } else {
      current.exposure += exposure;
    }
    this.totalExposure += exposure;
    this.symbolExposures.set(position.symbol, this.symbolExposure(position.symbol) + exposure);
  }

  /** Closes `fraction` of the position at `key`; returns the exposure freed. A remainder below dust closes it all. */
  reduce(key: string, fraction: number): { freed: number; fraction: number } {
    const position = this.positions.get(key)!;
    let freed = position.exposure * fraction;
    if (fraction >= 1 || position.exposure - freed <= EXPOSURE_EPSILON) {
      freed = position.exposure;
      fraction = 1;
      this.positions.delete(key);
      const left = this.symbolPositions.get(position.symbol)! - 1;
      if (left > 0) this.symbolPositions.set(position.symbol, left);
      else this.symbolPositions.delete(position.symbol);
    } else {
      position.exposure -= freed;
    }
    const symbolLeft = this.symbolExposure(position.symbol) - freed;
    // Sums of fractions do not return to exactly 0: reset them when nothing is left.
    if (this.symbolPositions.has(position.symbol) && symbolLeft > 0) this.symbolExposures.set(position.symbol, symbolLeft);
    else this.symbolExposures.delete(position.symbol);
    this.totalExposure = this.positions.size === 0 ? 0 : Math.max(0, this.totalExposure - freed);
    return { freed, fraction };
  }

  /** Gives the order its id and remembers it for fills. */
  emit(key: string, order: Omit<Order, 'id'>): Order {
    const id = this.nextOrderId++;
    const position: Omit<RouterPosition, 'exposure'> = { symbol: order.symbol, owner: order.owner, side: order.intent.endsWith('long') ? 'long' : 'short' };
    if (order.book !== undefined) position.book = order.book;
    this.records.set(id, { key, position, opens: order.exposureChange > 0, exposure: Math.abs(order.exposureChange), time: order.time });
    return { id, ...order };
  }

  /** An executor's fill report: a shortfall undoes the unfilled part of the order. */
  fill(fill: OrderFill): void {
    const record = this.records.get(fill.orderId);
    if (record === undefined) routerError(`The signal router has no unreported order ${fill.orderId}; report each order's fill once, with the id the router gave it.`, { orderId: fill.orderId });
    const filled = fill.filled ?? 1;
    if (!(filled >= 0 && filled <= 1)) routerError(`Fill of order ${fill.orderId}: filled must be a fraction in [0, 1], got ${filled}.`, { orderId: fill.orderId, filled });
    if (!(fill.time >= record.time)) {
      routerError(`Fill of order ${fill.orderId} at ${fill.time} is before the order was routed at ${record.time}: an order fills no earlier than the next open.`, { orderId: fill.orderId, time: fill.time });
    }
    this.records.delete(fill.orderId);
    const missing = record.exposure * (1 - filled);
    if (missing <= EXPOSURE_EPSILON) return;
    const current = this.positions.get(record.key);
    if (record.opens) {
      if (current === undefined || current.side !== record.position.side) return; // closed since: nothing left to undo
      this.reduce(record.key, Math.min(1, missing / current.exposure));
      return;
    }
    if (current !== undefined && current.side !== record.position.side) {
      routerError(
        `Order ${fill.orderId} (a close of ${record.position.side} ${record.position.symbol}) filled ${filled}, but the router has since opened the opposite side there; report fills before routing the next step.`,
        { orderId: fill.orderId },
      );
    }
    this.add(record.key, record.position, missing);
  }

  /** An executor's report of a closed trade: a close the router did not order reduces the position; a loss starts the cooldown. */
  closed(report: PositionClosed): void {
    const { symbol, strategy, side, pnl, time, index } = report;
    const size = report.size ?? 1;
    if (typeof symbol !== 'string' || symbol === '') routerError('A position-closed report needs the symbol.', { symbol });
    if (!Number.isFinite(pnl) || !Number.isFinite(time)) routerError(`The position-closed report for ${symbol} needs a finite pnl and time, got pnl ${pnl} and time ${time}.`, { symbol });
    if (!(size > 0 && size <= 1)) routerError(`The position-closed report for ${symbol}: size must be a fraction in (0, 1], got ${size}.`, { symbol, size });
    if (index !== undefined && !(Number.isInteger(index) && index >= 0)) routerError(`The position-closed report for ${symbol}: index must be a whole bar index, got ${index}.`, { symbol, index });
    if (this.books && (typeof strategy !== 'string' || strategy === '')) {
      routerError(`The position-closed report for ${symbol} needs strategy: in books mode it names the book that held the position.`, { symbol });
    }
    if (pnl < 0 && this.options.cooldownBars > 0 && index === undefined) {
      routerError(`The losing position-closed report for ${symbol} needs index (its bar index) because cooldownBars is set.`, { symbol });
    }
    if (report.orderId === undefined) {
      const key = this.keyOf(symbol, strategy ?? '');
      const current = this.positions.get(key);
      if (current !== undefined && (side === undefined || side === current.side)) this.reduce(key, size);
    }
    if (pnl < 0) {
      this.lossTimes.set(symbol, Math.max(time, this.lossTimes.get(symbol) ?? -Infinity));
      if (index !== undefined) this.lossIndexes.set(symbol, Math.max(index, this.lossIndexes.get(symbol) ?? -Infinity));
    }
  }

  /** The open positions, by symbol then book. */
  snapshot(): RouterPosition[] {
    return [...this.positions.values()]
      .map((position) => ({ ...position }))
      .sort((a, b) => (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : (a.book ?? '') < (b.book ?? '') ? -1 : (a.book ?? '') > (b.book ?? '') ? 1 : 0));
  }
}
